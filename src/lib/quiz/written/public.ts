import type { WrittenPublicQuestion, WrittenQuestion } from './question';

/** An allow-list: no rubric or model answer, which students see only after submitting. */
export function toPublic(question: WrittenQuestion): WrittenPublicQuestion {
	return {
		type: 'written',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		...(question.minWords === undefined ? {} : { minWords: question.minWords }),
		maxCharacters: question.maxCharacters,
		...(question.frames === undefined ? {} : { frames: question.frames })
	};
}
