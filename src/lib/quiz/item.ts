import type { QuestionType, QuestionTypes } from './registry';

/** A public question with the student's answer to it (if any), discriminated by type so views can narrow. */
export type QuestionItem = {
	[T in QuestionType]: {
		type: T;
		question: QuestionTypes[T]['public'];
		value?: QuestionTypes[T]['answer'];
	};
}[QuestionType];
