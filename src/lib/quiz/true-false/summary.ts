import { m } from '$lib/i18n';
import type { ResponseClass } from '../types';
import type { TrueFalseAnswer, TrueFalseQuestion } from './question';

export function answerText(_question: TrueFalseQuestion, answer: TrueFalseAnswer): string {
	return answer ? m.question_true() : m.question_false();
}

export function responseClasses(question: TrueFalseQuestion): ResponseClass[] {
	return [
		{ id: 'true', label: m.question_true(), correct: question.answer },
		{ id: 'false', label: m.question_false(), correct: !question.answer }
	];
}

export function classify(_question: TrueFalseQuestion, answer: TrueFalseAnswer): string[] {
	return [answer ? 'true' : 'false'];
}
