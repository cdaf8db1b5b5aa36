import type { TrueFalsePublicQuestion, TrueFalseQuestion } from './question';

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: TrueFalseQuestion): TrueFalsePublicQuestion {
	return {
		type: 'true-false',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom
	};
}
