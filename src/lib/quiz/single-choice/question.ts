import { z } from 'zod';
import { choiceSchema, idSchema, questionBaseSchema, refineUniqueIds } from '../schema';
import type { Choice, PublicQuestionBase } from '../types';

export const singleChoiceSchema = questionBaseSchema
	.extend({
		type: z.literal('single-choice'),
		options: z.array(choiceSchema).min(2, 'give at least two options'),
		/** the id of the one right option */
		answer: idSchema
	})
	.superRefine((question, ctx) => {
		refineUniqueIds(question.options, ctx, ['options']);
		if (!question.options.some((option) => option.id === question.answer)) {
			ctx.addIssue({
				code: 'custom',
				path: ['answer'],
				message: `answer "${question.answer}" is not one of the options`
			});
		}
		question.options.forEach((option, index) => {
			if (option.id !== question.answer && !option.feedback) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index],
					message: `wrong option "${option.id}" needs feedback`
				});
			}
		});
	});

export type SingleChoiceQuestion = z.infer<typeof singleChoiceSchema>;
export interface SingleChoicePublicQuestion extends PublicQuestionBase {
	type: 'single-choice';
	options: Choice[];
}
/** the chosen option's id */
export type SingleChoiceAnswer = string;
