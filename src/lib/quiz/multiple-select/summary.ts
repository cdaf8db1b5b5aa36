import type { ResponseClass } from '../types';
import type { MultipleSelectAnswer, MultipleSelectQuestion } from './question';

/** The chosen options' texts, separated by semicolons. */
export function answerText(question: MultipleSelectQuestion, answer: MultipleSelectAnswer): string {
	const text = new Map(question.options.map((option) => [option.id, option.text]));
	return answer.map((id) => text.get(id) ?? id).join('; ');
}

/** One bar per option, in the bank's order; an option is correct when it should be ticked. */
export function responseClasses(question: MultipleSelectQuestion): ResponseClass[] {
	const right = new Set(question.answers);
	return question.options.map((option) => ({
		id: option.id,
		label: option.text,
		correct: right.has(option.id)
	}));
}

/** Every option the answer ticked, so one answer counts once in each of its options' bars. */
export function classify(question: MultipleSelectQuestion, answer: MultipleSelectAnswer): string[] {
	const chosen = new Set(answer);
	return question.options.map((option) => option.id).filter((id) => chosen.has(id));
}
