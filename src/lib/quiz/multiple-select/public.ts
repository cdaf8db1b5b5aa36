import type { MultipleSelectPublicQuestion, MultipleSelectQuestion } from './question';

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: MultipleSelectQuestion): MultipleSelectPublicQuestion {
	return {
		type: 'multiple-select',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		options: question.options.map((option) => ({ id: option.id, text: option.text }))
	};
}
