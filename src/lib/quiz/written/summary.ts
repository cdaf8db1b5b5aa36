import {
	classOfEarned,
	correctClass,
	incorrectClass,
	partialClass,
	pendingClass
} from '../score-classes';
import type { ResponseClass } from '../types';
import type { WrittenAnswer, WrittenQuestion } from './question';

export function answerText(_question: WrittenQuestion, answer: WrittenAnswer): string {
	return answer;
}

export function responseClasses(_question: WrittenQuestion): ResponseClass[] {
	return [correctClass, partialClass, incorrectClass, pendingClass];
}

/** From the teacher's 0…1 mark, since written answers are not scored automatically; null = not reviewed yet. */
export function classify(
	_question: WrittenQuestion,
	_answer: WrittenAnswer,
	earned: number | null
): string[] {
	return [earned === null ? pendingClass.id : classOfEarned(earned)];
}
