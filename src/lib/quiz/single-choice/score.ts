import type { Score } from '../types';
import type { SingleChoiceAnswer, SingleChoiceQuestion } from './question';

/** One point for the right option, none otherwise. */
export function score(answer: SingleChoiceAnswer, question: SingleChoiceQuestion): Score {
	const right = question.options.find((option) => option.id === question.answer);
	const chosen = question.options.find((option) => option.id === answer);
	const correct = answer === question.answer;
	return {
		status: 'scored',
		earned: correct ? 1 : 0,
		possible: 1,
		correct,
		feedback: !correct && chosen?.feedback ? [chosen.feedback] : [],
		correctAnswer: right?.text ?? ''
	};
}
