import { classOfScore, correctClass, incorrectClass, partialClass } from '../score-classes';
import type { ResponseClass } from '../types';
import type { ClassificationAnswer, ClassificationQuestion } from './question';
import { score } from './score';

/** Each sorted item with the category chosen for it, in the bank's order: "item → category; …". */
export function answerText(question: ClassificationQuestion, answer: ClassificationAnswer): string {
	const label = new Map(question.categories.map((category) => [category.id, category.label]));
	return question.items
		.flatMap((item) => {
			// own keys only: an item id such as "constructor" must not find Object.prototype
			if (!Object.hasOwn(answer, item.id)) return [];
			const chosen = answer[item.id] ?? '';
			return [`${item.text} → ${label.get(chosen) ?? chosen}`];
		})
		.join('; ');
}

export function responseClasses(_question: ClassificationQuestion): ResponseClass[] {
	return [correctClass, partialClass, incorrectClass];
}

export function classify(question: ClassificationQuestion, answer: ClassificationAnswer): string[] {
	return [classOfScore(score(answer, question))];
}
