import type { NumericPublicQuestion, NumericQuestion } from './question';

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: NumericQuestion): NumericPublicQuestion {
	return {
		type: 'numeric',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		// only present when the bank gives one, so the projection has no undefined keys
		...(question.unit === undefined ? {} : { unit: question.unit })
	};
}
