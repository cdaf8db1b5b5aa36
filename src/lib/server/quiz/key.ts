import { answerKeyText as keyText, type Question } from '../../quiz/registry';

/** The right answer in words, for the teacher guide: what a student sees after answering. */
export function answerKeyText(question: Question): string {
	return keyText(question);
}
