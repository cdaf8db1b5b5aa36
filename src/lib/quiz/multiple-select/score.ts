import { m } from '$lib/i18n';
import type { Score } from '../types';
import type { MultipleSelectAnswer, MultipleSelectQuestion } from './question';

/** Each right choice earns 1/answers.length, each wrong choice costs as much; never below 0. */
export function score(answer: MultipleSelectAnswer, question: MultipleSelectQuestion): Score {
	const right = new Set(question.answers);
	const chosen = new Set(answer);
	const rightOptions = question.options.filter((option) => right.has(option.id));
	const wrongChosen = question.options.filter(
		(option) => !right.has(option.id) && chosen.has(option.id)
	);
	const missed = rightOptions.filter((option) => !chosen.has(option.id));
	const rightChosen = rightOptions.length - missed.length;
	// counting shares before dividing keeps full marks exactly 1 rather than 0.999…
	const earned = Math.max(0, rightChosen - wrongChosen.length) / rightOptions.length;
	const correct = missed.length === 0 && wrongChosen.length === 0;
	return {
		status: 'scored',
		earned,
		possible: 1,
		correct,
		feedback: [
			...wrongChosen.flatMap((option) => (option.feedback ? [option.feedback] : [])),
			...missed.map((option) => option.feedback ?? m.question_you_missed({ option: option.text }))
		],
		correctAnswer: rightOptions.map((option) => option.text).join('; ')
	};
}
