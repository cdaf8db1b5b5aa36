import type { ResponseClass } from '../types';
import type { SingleChoiceAnswer, SingleChoiceQuestion } from './question';

/** The chosen option's text; its id if the bank no longer has it. */
export function answerText(question: SingleChoiceQuestion, answer: SingleChoiceAnswer): string {
	return question.options.find((option) => option.id === answer)?.text ?? answer;
}

/** One bar per option, in the bank's order. */
export function responseClasses(question: SingleChoiceQuestion): ResponseClass[] {
	return question.options.map((option) => ({
		id: option.id,
		label: option.text,
		correct: option.id === question.answer
	}));
}

export function classify(question: SingleChoiceQuestion, answer: SingleChoiceAnswer): string[] {
	return question.options.some((option) => option.id === answer) ? [answer] : [];
}
