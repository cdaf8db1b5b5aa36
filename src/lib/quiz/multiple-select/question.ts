import { z } from 'zod';
import { choiceSchema, idSchema, questionBaseSchema, refineUniqueIds } from '../schema';
import type { Choice, PublicQuestionBase } from '../types';

export { partialCreditRule } from './rules';

export const multipleSelectSchema = questionBaseSchema
	.extend({
		type: z.literal('multiple-select'),
		options: z.array(choiceSchema).min(2, 'give at least two options'),
		/** the ids of every right option */
		answers: z.array(idSchema).min(1, 'give at least one right answer')
	})
	.superRefine((question, ctx) => {
		refineUniqueIds(question.options, ctx, ['options']);
		const optionIds = new Set(question.options.map((option) => option.id));
		const seen = new Set<string>();
		question.answers.forEach((answer, index) => {
			if (!optionIds.has(answer)) {
				ctx.addIssue({
					code: 'custom',
					path: ['answers', index],
					message: `answer "${answer}" is not one of the options`
				});
			}
			if (seen.has(answer)) {
				ctx.addIssue({
					code: 'custom',
					path: ['answers', index],
					message: `answer "${answer}" is listed twice`
				});
			}
			seen.add(answer);
		});
		question.options.forEach((option, index) => {
			if (!seen.has(option.id) && !option.feedback) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index],
					message: `wrong option "${option.id}" needs feedback`
				});
			}
		});
	});

export type MultipleSelectQuestion = z.infer<typeof multipleSelectSchema>;
export interface MultipleSelectPublicQuestion extends PublicQuestionBase {
	type: 'multiple-select';
	options: Choice[];
}
/** the chosen options' ids, in the order the options are listed */
export type MultipleSelectAnswer = string[];
