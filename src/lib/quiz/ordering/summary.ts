import { classOfScore, correctClass, incorrectClass, partialClass } from '../score-classes';
import type { ResponseClass } from '../types';
import type { OrderingAnswer, OrderingQuestion } from './question';
import { score } from './score';

/** The student's order, numbered: "1. … 2. …". */
export function answerText(question: OrderingQuestion, answer: OrderingAnswer): string {
	const text = new Map(question.items.map((item) => [item.id, item.text]));
	return answer.map((id, index) => `${index + 1}. ${text.get(id) ?? id}`).join(' ');
}

export function responseClasses(_question: OrderingQuestion): ResponseClass[] {
	return [correctClass, partialClass, incorrectClass];
}

export function classify(question: OrderingQuestion, answer: OrderingAnswer): string[] {
	return [classOfScore(score(answer, question))];
}
