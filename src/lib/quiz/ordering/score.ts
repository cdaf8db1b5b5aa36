import { m } from '$lib/i18n';
import type { Score } from '../types';
import type { OrderingAnswer, OrderingQuestion } from './question';

/** Shown to students under the prompt, so they know a nearly right order still earns points. */
export const partialCreditRule = (): string => m.question_ordering_rule();

/** Partial credit: the share of item pairs (n items make n(n−1)/2) whose order matches the key. */
export function score(answer: OrderingAnswer, question: OrderingQuestion): Score {
	const position = new Map<string, number>();
	answer.forEach((id, index) => {
		if (!position.has(id)) position.set(id, index);
	});
	const key = question.answer;
	let pairs = 0;
	let right = 0;
	key.forEach((earlier, index) => {
		for (const later of key.slice(index + 1)) {
			pairs++;
			const before = position.get(earlier);
			const after = position.get(later);
			if (before !== undefined && after !== undefined && before < after) right++;
		}
	});
	const correct = pairs > 0 && right === pairs;
	const text = new Map(question.items.map((item) => [item.id, item.text]));
	return {
		status: 'scored',
		earned: pairs === 0 ? 0 : right / pairs,
		possible: 1,
		correct,
		feedback: correct ? [] : [question.feedback],
		correctAnswer: key.map((id) => text.get(id) ?? id).join(' → ')
	};
}
