import { z } from 'zod';
import { nonEmptyText, questionBaseSchema } from '../schema';
import type { PublicQuestionBase } from '../types';

/** Longest text the answer box accepts; the form and the validator share it. */
export { maxNumericLength } from './limits';

/** Whether two numbers agree within an absolute tolerance, forgiving binary rounding (2.6 − 2.5). */
export function withinTolerance(a: number, b: number, tolerance: number): boolean {
	const rounding = 4 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
	return Math.abs(a - b) <= tolerance + rounding;
}

// z.number() already refuses NaN and ±Infinity in zod 4
const mistakeSchema = z.strictObject({
	/** a common wrong value */
	value: z.number(),
	/** the misconception that value reveals */
	feedback: nonEmptyText
});

export const numericSchema = questionBaseSchema
	.extend({
		type: z.literal('numeric'),
		answer: z.number(),
		/** absolute: answers within ±tolerance are right */
		tolerance: z.number().min(0, 'tolerance cannot be negative').default(0),
		/** shown after the answer box, e.g. "students" or "million dollars" */
		unit: nonEmptyText.max(30, 'a unit is a word or two (at most 30 characters)').optional(),
		/** for a wrong answer no mistake explains */
		feedback: nonEmptyText,
		mistakes: z.array(mistakeSchema).optional()
	})
	.superRefine((question, ctx) => {
		const mistakes = question.mistakes ?? [];
		mistakes.forEach((mistake, index) => {
			if (withinTolerance(mistake.value, question.answer, question.tolerance)) {
				ctx.addIssue({
					code: 'custom',
					path: ['mistakes', index, 'value'],
					message: `mistake ${mistake.value} would be scored right: it is within tolerance of the answer ${question.answer}`
				});
			}
			const earlier = mistakes
				.slice(0, index)
				.find((other) => withinTolerance(other.value, mistake.value, question.tolerance));
			if (earlier) {
				ctx.addIssue({
					code: 'custom',
					path: ['mistakes', index, 'value'],
					message: `mistake ${mistake.value} is within tolerance of mistake ${earlier.value}`
				});
			}
		});
	});

export type NumericQuestion = z.infer<typeof numericSchema>;
export interface NumericPublicQuestion extends PublicQuestionBase {
	type: 'numeric';
	unit?: string;
}
/** the number the student typed, read as a plain number ("$2" is 2, "15%" is 15) */
export type NumericAnswer = number;
