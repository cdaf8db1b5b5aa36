import { z } from 'zod';
import { nonEmptyText, questionBaseSchema } from '../schema';
import type { PublicQuestionBase } from '../types';

export const trueFalseSchema = questionBaseSchema
	.extend({
		type: z.literal('true-false'),
		/** whether the statement in the prompt is true */
		answer: z.boolean(),
		/** the misconception behind choosing the wrong value */
		feedback: nonEmptyText
	})
	.superRefine((question, ctx) => {
		// "True" or "False" only answers a statement; a question prompt reads as a yes/no question
		if (question.prompt.trim().endsWith('?')) {
			ctx.addIssue({
				code: 'custom',
				path: ['prompt'],
				message: 'a true-false prompt is a statement, not a question'
			});
		}
	});

export type TrueFalseQuestion = z.infer<typeof trueFalseSchema>;
export interface TrueFalsePublicQuestion extends PublicQuestionBase {
	type: 'true-false';
}
/** whether the student judged the statement true */
export type TrueFalseAnswer = boolean;
