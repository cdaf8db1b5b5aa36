import { moduleOf, type QuestionType, type QuestionTypes } from './registry';
import type { ResponseClass } from './types';

export type { QuestionSummary } from './module';

export interface OptionCount extends ResponseClass {
	count: number;
}

/** A stored response: its answer and the 0…1 mark, which only written answers need (null = not yet reviewed). */
export interface SummarisedResponse<T extends QuestionType> {
	answer: QuestionTypes[T]['answer'];
	earned?: number | null;
}

const summaryOf = <T extends QuestionType>(type: T) => moduleOf<T>(type).summary;

export function answerText<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T },
	answer: QuestionTypes[T]['answer']
): string {
	return summaryOf<T>(question.type).answerText(question, answer);
}

export function responseClasses<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): ResponseClass[] {
	return summaryOf<T>(question.type).responseClasses(question);
}

/** Auto-scored types are classified by their own score function; written answers by `earned`, the teacher's mark. */
export function classify<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T },
	answer: QuestionTypes[T]['answer'],
	earned: number | null = null
): string[] {
	return summaryOf<T>(question.type).classify(question, answer, earned);
}

/** How many responses fall in each bar, in bar order; a multiple-select answer counts once per option ticked. */
export function optionCounts<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T },
	responses: SummarisedResponse<T>[]
): OptionCount[] {
	const summary = summaryOf<T>(question.type);
	const counts = new Map<string, number>();
	for (const response of responses) {
		for (const id of summary.classify(question, response.answer, response.earned ?? null)) {
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
	}
	return summary
		.responseClasses(question)
		.map((bar) => ({ ...bar, count: counts.get(bar.id) ?? 0 }));
}
