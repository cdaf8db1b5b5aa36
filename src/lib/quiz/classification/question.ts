import { z } from 'zod';
import { idSchema, nonEmptyText, questionBaseSchema, refineUniqueIds } from '../schema';
import type { PublicQuestionBase } from '../types';

const categorySchema = z.strictObject({ id: idSchema, label: nonEmptyText });

const classificationItemSchema = z.strictObject({
	id: idSchema,
	text: nonEmptyText,
	/** the id of the category this item belongs in */
	category: idSchema,
	/** the misconception behind putting this item in any other category */
	feedback: z
		.string({ error: 'every item needs feedback for when it is sorted wrongly' })
		.trim()
		.min(1, 'must not be empty')
});

export const classificationSchema = questionBaseSchema
	.extend({
		type: z.literal('classification'),
		categories: z.array(categorySchema).min(2, 'give at least two categories'),
		items: z.array(classificationItemSchema).min(2, 'give at least two items')
	})
	.superRefine((question, ctx) => {
		refineUniqueIds(question.categories, ctx, ['categories']);
		refineUniqueIds(question.items, ctx, ['items']);
		const categoryIds = new Set(question.categories.map((category) => category.id));
		question.items.forEach((item, index) => {
			if (!categoryIds.has(item.category)) {
				ctx.addIssue({
					code: 'custom',
					path: ['items', index, 'category'],
					message: `category "${item.category}" is not one of the categories`
				});
			}
		});
	});

export type ClassificationQuestion = z.infer<typeof classificationSchema>;
export interface ClassificationPublicQuestion extends PublicQuestionBase {
	type: 'classification';
	categories: { id: string; label: string }[];
	/** in the bank's order; which category each belongs in stays on the server */
	items: { id: string; text: string }[];
}
/** item id → the category id the student chose for it */
export type ClassificationAnswer = Record<string, string>;
