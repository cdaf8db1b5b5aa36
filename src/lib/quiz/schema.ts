import { z } from 'zod';
import { bloomLevels } from './types';

/** Ids are short, stable, URL- and form-safe: lower-case letters, digits and dashes. */
export const idSchema = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids use lower-case letters, digits and dashes (at most 64)');

const text = z.string().trim().min(1, 'must not be empty');

export const evidenceSchema = z.union([
	z.strictObject({
		// loose on purpose: the content validator explains what is wrong with pq1, x02 or p99
		paragraph: z.string().regex(/^[a-z]{1,2}\d{1,2}$/, 'paragraph ids look like p07'),
		quote: text.optional()
	}),
	z.strictObject({ fact: z.string().regex(/^B\d{1,2}$/, 'fact-sheet entries look like B5') })
]);

/** Fields every question type shares; each type extends this with its options and key. */
export const questionBaseSchema = z.strictObject({
	id: idSchema,
	prompt: text,
	objective: idSchema,
	bloom: z.enum(bloomLevels),
	explanation: text,
	evidence: z.array(evidenceSchema).min(1, 'every question cites at least one piece of evidence'),
	/** overrides the type's minutesToAnswer, e.g. for a timed task or a long written argument */
	minutes: z.number().positive().max(60).optional()
});

export const choiceSchema = z.strictObject({
	id: idSchema,
	text,
	/** the misconception this choice reveals; required on every wrong choice */
	feedback: text.optional()
});

export { text as nonEmptyText };

/** Adds an issue for each repeated id in a list, pointing at the repeat. */
export function refineUniqueIds(
	items: { id: string }[],
	ctx: z.RefinementCtx,
	path: (string | number)[]
) {
	const seen = new Set<string>();
	items.forEach((item, index) => {
		if (seen.has(item.id)) {
			ctx.addIssue({
				code: 'custom',
				path: [...path, index, 'id'],
				message: `duplicate id "${item.id}"`
			});
		}
		seen.add(item.id);
	});
}

/** A stored id that must still name one of today's options, items or categories. */
export const oneOfIds = (ids: string[]) =>
	z.string().refine((id) => ids.includes(id), 'not one of the ids');
/** No id twice: an option chosen twice or an item placed twice is no answer the form could make. */
export const distinctIds = (values: string[]) => new Set(values).size === values.length;
