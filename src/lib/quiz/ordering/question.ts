import { z } from 'zod';
import { idSchema, nonEmptyText, questionBaseSchema, refineUniqueIds } from '../schema';
import type { Choice, PublicQuestionBase } from '../types';

const orderingItemSchema = z.strictObject({ id: idSchema, text: nonEmptyText });

export const orderingSchema = questionBaseSchema
	.extend({
		type: z.literal('ordering'),
		/** the events, in any order: the public order is derived, never taken from here */
		items: z.array(orderingItemSchema).min(3, 'give at least three items'),
		/** the item ids in the right order */
		answer: z.array(idSchema),
		/** the misconception a wrong order reveals */
		feedback: z.string({ error: 'a wrong order needs feedback' }).trim().min(1, 'must not be empty')
	})
	.superRefine((question, ctx) => {
		refineUniqueIds(question.items, ctx, ['items']);
		const itemIds = new Set(question.items.map((item) => item.id));
		const placed = new Set<string>();
		question.answer.forEach((id, index) => {
			if (!itemIds.has(id)) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer', index],
					message: `"${id}" is not one of the items`
				});
			} else if (placed.has(id)) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer', index],
					message: `"${id}" appears more than once`
				});
			}
			placed.add(id);
		});
		for (const id of itemIds) {
			if (!placed.has(id)) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer'],
					message: `item "${id}" is missing from the answer`
				});
			}
		}
	});

export type OrderingQuestion = z.infer<typeof orderingSchema>;
export interface OrderingPublicQuestion extends PublicQuestionBase {
	type: 'ordering';
	/** shuffled so that the order shown never gives the answer away */
	items: Choice[];
}
/** item ids in the order the student put them */
export type OrderingAnswer = string[];
