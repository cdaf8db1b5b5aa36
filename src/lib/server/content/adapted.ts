import { z } from 'zod';
import { ContentError, type SourceDocument } from './source';
import { readYaml, zodIssuesToErrors } from './yaml-file';

const text = z.string().trim().min(1);

const adaptedSchema = z.strictObject({
	/** the id of the source this adapts, e.g. truthout-2014 */
	source: z.string().regex(/^[a-z0-9-]+$/),
	title: text,
	/** says plainly that this is an adaptation and that answers quote the original */
	note: text,
	paragraphs: z.array(
		z.strictObject({
			id: z.string().regex(/^p\d{2}$/, 'adapted paragraphs use the body ids p01…p35'),
			text,
			glosses: z.array(z.strictObject({ term: text, meaning: text })).default([])
		})
	)
});

export type AdaptedSource = z.infer<typeof adaptedSchema>;
export type AdaptedParagraph = AdaptedSource['paragraphs'][number];

/**
 * Reads an adapted (plain-English) version of a source and checks that it has exactly one paragraph for
 * each body paragraph of the original, in the original's order, and that every glossed word is in its paragraph.
 */
export function parseAdapted(
	file: { file: string; text: string },
	sources: Map<string, SourceDocument>
): { adapted: AdaptedSource | null; errors: ContentError[] } {
	const yaml = readYaml(file.text, file.file);
	const parsed = adaptedSchema.safeParse(yaml.data);
	if (!parsed.success)
		return { adapted: null, errors: zodIssuesToErrors(yaml, parsed.error.issues) };
	const adapted = parsed.data;
	const at = (path: PropertyKey[], message: string) =>
		new ContentError(file.file, yaml.lineOf(path), message);
	const original = sources.get(adapted.source);
	if (!original)
		return { adapted: null, errors: [at(['source'], `no source has the id "${adapted.source}"`)] };

	const errors: ContentError[] = [];
	const expected = [...original.paragraphs.keys()];
	const seen = new Set<string>();
	adapted.paragraphs.forEach((paragraph, index) => {
		if (!original.paragraphs.has(paragraph.id))
			errors.push(at(['paragraphs', index, 'id'], `${paragraph.id} is not a body paragraph`));
		else if (seen.has(paragraph.id))
			errors.push(at(['paragraphs', index, 'id'], `${paragraph.id} is adapted twice`));
		else if (expected[seen.size] !== paragraph.id)
			errors.push(
				at(
					['paragraphs', index, 'id'],
					`expected ${expected[seen.size]} here, in the original's order`
				)
			);
		seen.add(paragraph.id);
		if (paragraph.text === original.paragraphs.get(paragraph.id)?.text)
			errors.push(
				at(['paragraphs', index, 'text'], `${paragraph.id} copies the original word for word`)
			);
		paragraph.glosses.forEach((gloss, glossIndex) => {
			if (!paragraph.text.toLowerCase().includes(gloss.term.toLowerCase()))
				errors.push(
					at(
						['paragraphs', index, 'glosses', glossIndex, 'term'],
						`"${gloss.term}" is glossed but not in ${paragraph.id}'s adapted text`
					)
				);
		});
	});
	const missing = expected.filter((id) => !seen.has(id));
	if (missing.length > 0)
		errors.push(
			at(['paragraphs'], `every body paragraph needs an adaptation; missing ${missing.join(', ')}`)
		);
	return { adapted: errors.length > 0 ? null : adapted, errors };
}
