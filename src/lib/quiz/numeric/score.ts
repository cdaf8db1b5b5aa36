import type { Score } from '../types';
import { withinTolerance, type NumericAnswer, type NumericQuestion } from './question';

// the default rounds to 3 decimals, which would misstate an answer like 0.0005
const format = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 20 });

/** One point within tolerance of the answer; a wrong value gets its known mistake's feedback. */
export function score(answer: NumericAnswer, question: NumericQuestion): Score {
	const correct = withinTolerance(answer, question.answer, question.tolerance);
	// the closest matching mistake wins, should tolerance windows ever touch
	const mistake = (question.mistakes ?? [])
		.filter((candidate) => withinTolerance(answer, candidate.value, question.tolerance))
		.sort((a, b) => Math.abs(answer - a.value) - Math.abs(answer - b.value))[0];
	const unit = question.unit ? ` ${question.unit}` : '';
	const tolerance = question.tolerance > 0 ? ` (±${format(question.tolerance)})` : '';
	return {
		status: 'scored',
		earned: correct ? 1 : 0,
		possible: 1,
		correct,
		feedback: correct ? [] : [mistake?.feedback ?? question.feedback],
		correctAnswer: `${format(question.answer)}${unit}${tolerance}`
	};
}
