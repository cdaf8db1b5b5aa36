import { z } from 'zod';
import { nonEmptyText, questionBaseSchema } from '../schema';
import type { PublicQuestionBase } from '../types';

const rubricLevelSchema = z.strictObject({
	level: z.number().int().min(0),
	label: nonEmptyText,
	description: nonEmptyText
});

/** Levels 0…3, lowest first: teachers and students read every rubric the same way. */
export const rubricLevels = [0, 1, 2, 3] as const;

export const writtenSchema = questionBaseSchema
	.extend({
		type: z.literal('written'),
		rubric: z.array(rubricLevelSchema),
		/** shown with the rubric once the student has submitted */
		modelAnswer: nonEmptyText,
		/** a goal shown to the student, not a rule: the rubric judges short answers */
		minWords: z.number().int().min(1).optional(),
		/** sentence starters shown with the prompt, for students who need help beginning */
		frames: z.array(nonEmptyText).max(8).optional(),
		maxCharacters: z
			.number()
			.int()
			.min(1)
			.max(10_000, 'maxCharacters is at most 10000')
			.default(3000)
	})
	.superRefine((question, ctx) => {
		if (question.rubric.length !== rubricLevels.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['rubric'],
				message: `give exactly ${rubricLevels.length} levels (0, 1, 2, 3), not ${question.rubric.length}`
			});
		}
		question.rubric.slice(0, rubricLevels.length).forEach((level, index) => {
			if (level.level !== index) {
				ctx.addIssue({
					code: 'custom',
					path: ['rubric', index, 'level'],
					message: `expected level ${index} here: levels go 0, 1, 2, 3 in ascending order`
				});
			}
		});
		// the shortest possible words ("a a a") need two characters each, less one
		if (question.minWords !== undefined && question.minWords * 2 - 1 > question.maxCharacters) {
			ctx.addIssue({
				code: 'custom',
				path: ['minWords'],
				message: `${question.minWords} words cannot fit in ${question.maxCharacters} characters`
			});
		}
	});

export type WrittenQuestion = z.infer<typeof writtenSchema>;
export interface WrittenPublicQuestion extends PublicQuestionBase {
	type: 'written';
	minWords?: number;
	maxCharacters: number;
	frames?: string[];
}
/** the student's text, trimmed, with line breaks as \n */
export type WrittenAnswer = string;
