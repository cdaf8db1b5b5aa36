import type { Score } from '../types';
import type { WrittenAnswer, WrittenQuestion } from './question';

/** Not scored here: a teacher applies the rubric later; the student sees it and the model answer now. */
export function score(_answer: WrittenAnswer, question: WrittenQuestion): Score {
	return {
		status: 'pending-review',
		possible: 1,
		modelAnswer: question.modelAnswer,
		rubric: question.rubric.map((level) => ({
			level: level.level,
			label: level.label,
			description: level.description
		}))
	};
}
