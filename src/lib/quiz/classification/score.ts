import type { Score } from '../types';
import type { ClassificationAnswer, ClassificationQuestion } from './question';

/** Partial credit: the share of items sorted into their right category. */
export function score(answer: ClassificationAnswer, question: ClassificationQuestion): Score {
	const label = new Map(question.categories.map((category) => [category.id, category.label]));
	// own keys only: an item id such as "constructor" must not find Object.prototype
	const misplaced = question.items.filter(
		(item) => !Object.hasOwn(answer, item.id) || answer[item.id] !== item.category
	);
	const total = question.items.length;
	const correct = total > 0 && misplaced.length === 0;
	return {
		status: 'scored',
		earned: total === 0 ? 0 : (total - misplaced.length) / total,
		possible: 1,
		correct,
		feedback: misplaced.map((item) => `“${item.text}”: ${item.feedback}`),
		correctAnswer: question.items
			.map((item) => `${item.text} → ${label.get(item.category) ?? item.category}`)
			.join('; ')
	};
}
