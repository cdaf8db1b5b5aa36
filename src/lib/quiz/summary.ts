import type { QuestionType, QuestionTypes } from './registry';
import type { ResponseClass } from './types';
import * as classification from './classification/summary';
import * as multipleSelect from './multiple-select/summary';
import * as numeric from './numeric/summary';
import * as ordering from './ordering/summary';
import * as singleChoice from './single-choice/summary';
import * as trueFalse from './true-false/summary';
import * as written from './written/summary';

/** How a type's answers read to a teacher and fall into the bars of its response chart. */
export interface QuestionSummary<T extends QuestionType> {
	/** the answer in words, for a CSV cell or a grading screen */
	answerText(question: QuestionTypes[T]['question'], answer: QuestionTypes[T]['answer']): string;
	/** the chart's bars, in the order they are drawn */
	responseClasses(question: QuestionTypes[T]['question']): ResponseClass[];
	/** the ids of the bars one answer counts in (several for multiple-select) */
	classify(
		question: QuestionTypes[T]['question'],
		answer: QuestionTypes[T]['answer'],
		earned: number | null
	): string[];
}

export interface OptionCount extends ResponseClass {
	count: number;
}

/** A stored response: its answer and the 0…1 mark, which only written answers need (null = not yet reviewed). */
export interface SummarisedResponse<T extends QuestionType> {
	answer: QuestionTypes[T]['answer'];
	earned?: number | null;
}

const summaries: { [T in QuestionType]: QuestionSummary<T> } = {
	'single-choice': singleChoice,
	'multiple-select': multipleSelect,
	'true-false': trueFalse,
	ordering,
	classification,
	numeric,
	written
};

function summaryOf<T extends QuestionType>(type: T): QuestionSummary<T> {
	return summaries[type];
}

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
