import type { SingleChoicePublicQuestion, SingleChoiceQuestion } from './question';

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: SingleChoiceQuestion): SingleChoicePublicQuestion {
	return {
		type: 'single-choice',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		options: question.options.map((option) => ({ id: option.id, text: option.text }))
	};
}
