import type { ResponseClass } from '../types';
import type { TrueFalseAnswer, TrueFalseQuestion } from './question';

export function answerText(_question: TrueFalseQuestion, answer: TrueFalseAnswer): string {
	return answer ? 'True' : 'False';
}

export function responseClasses(question: TrueFalseQuestion): ResponseClass[] {
	return [
		{ id: 'true', label: 'True', correct: question.answer },
		{ id: 'false', label: 'False', correct: !question.answer }
	];
}

export function classify(_question: TrueFalseQuestion, answer: TrueFalseAnswer): string[] {
	return [answer ? 'true' : 'false'];
}
