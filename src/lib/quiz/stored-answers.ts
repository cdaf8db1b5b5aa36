import { z } from 'zod';
import type { QuestionType, QuestionTypes } from './registry';

/**
 * Each type's stored answer as a schema built from today's question, so an answer given before a bank
 * edit that no longer fits it (an option or item since removed) fails here rather than deep in a chart.
 * Read through parseStoredAnswer in the registry; the shapes are what each type's validate returns.
 */
export type StoredAnswerSchemas = {
	[T in QuestionType]: (
		question: QuestionTypes[T]['question']
	) => z.ZodType<QuestionTypes[T]['answer']>;
};

const oneOf = (ids: string[]) => z.string().refine((id) => ids.includes(id), 'not one of the ids');
const distinct = (values: string[]) => new Set(values).size === values.length;

export const storedAnswerSchemas: StoredAnswerSchemas = {
	'single-choice': (question) => oneOf(question.options.map((option) => option.id)),
	'multiple-select': (question) =>
		z
			.array(oneOf(question.options.map((option) => option.id)))
			.min(1)
			.refine(distinct, 'an option is chosen twice'),
	'true-false': () => z.boolean(),
	ordering: (question) =>
		z
			.array(oneOf(question.items.map((item) => item.id)))
			.length(question.items.length)
			.refine(distinct, 'an item is placed twice'),
	classification: (question) =>
		z
			.record(
				oneOf(question.items.map((item) => item.id)),
				oneOf(question.categories.map((category) => category.id))
			)
			.refine(
				(answer) => Object.keys(answer).length === question.items.length,
				'not every item is sorted'
			),
	numeric: () => z.number().finite(),
	written: () => z.string()
};
