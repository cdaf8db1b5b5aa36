import { m } from '$lib/i18n';
import type { Score } from '../types';
import type { TrueFalseAnswer, TrueFalseQuestion } from './question';

/** One point for the right value, none otherwise; a wrong value gets the misconception's feedback. */
export function score(answer: TrueFalseAnswer, question: TrueFalseQuestion): Score {
	const correct = answer === question.answer;
	return {
		status: 'scored',
		earned: correct ? 1 : 0,
		possible: 1,
		correct,
		feedback: correct ? [] : [question.feedback],
		correctAnswer: question.answer ? m.question_true() : m.question_false()
	};
}
