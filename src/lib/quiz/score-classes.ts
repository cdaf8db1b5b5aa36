import { m } from '$lib/i18n';
import type { ResponseClass, Score } from './types';

/**
 * Bars for answers too varied to count one by one (an order, a sort, a number, a text): how well they scored.
 * Each label is read when used (a getter), so it is in the request's language.
 */
export const correctClass: ResponseClass = {
	id: 'correct',
	get label() {
		return m.shared_score_correct();
	},
	correct: true
};
export const partialClass: ResponseClass = {
	id: 'partial',
	get label() {
		return m.shared_score_partial();
	},
	correct: false
};
export const incorrectClass: ResponseClass = {
	id: 'incorrect',
	get label() {
		return m.shared_score_incorrect();
	},
	correct: false
};
export const pendingClass: ResponseClass = {
	id: 'pending',
	get label() {
		return m.shared_score_pending();
	},
	correct: false
};

/** The ids of the bars above: they say how answers scored, not which option was chosen. */
export const scoreClassIds: ReadonlySet<string> = new Set(
	[correctClass, partialClass, incorrectClass, pendingClass].map((bar) => bar.id)
);

/** The class of a 0…1 mark: full, some or none. */
export function classOfEarned(earned: number): string {
	if (earned >= 1) return correctClass.id;
	return earned > 0 ? partialClass.id : incorrectClass.id;
}

export function classOfScore(score: Score): string {
	if (score.status !== 'scored') return pendingClass.id;
	if (score.correct) return correctClass.id;
	return score.earned > 0 ? partialClass.id : incorrectClass.id;
}

/** The right answer in words from scoring the key itself; empty for a score that waits for a teacher. */
export function correctAnswerOf(score: Score): string {
	return score.status === 'scored' ? score.correctAnswer : '';
}
