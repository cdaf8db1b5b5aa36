import { classOfScore, correctClass, incorrectClass } from '../score-classes';
import type { ResponseClass } from '../types';
import type { NumericAnswer, NumericQuestion } from './question';
import { score } from './score';

/** The number as typed back, without grouping commas, so a spreadsheet reads it as a number. */
export function answerText(_question: NumericQuestion, answer: NumericAnswer): string {
	return String(answer);
}

// a number is right or wrong: numeric scoring gives no partial credit, so no "partly correct" bar
export function responseClasses(_question: NumericQuestion): ResponseClass[] {
	return [correctClass, incorrectClass];
}

export function classify(question: NumericQuestion, answer: NumericAnswer): string[] {
	return [classOfScore(score(answer, question))];
}
