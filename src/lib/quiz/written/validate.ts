import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { WrittenAnswer, WrittenPublicQuestion } from './question';

export function validate(
	form: FormData,
	question: WrittenPublicQuestion
): Validation<WrittenAnswer> {
	const limit = question.maxCharacters.toLocaleString('en-US');
	// browsers send each line break as \r\n but count it as one character against maxlength
	const read = readTextValues(form, answerField(question.id), question.maxCharacters * 2);
	if (!read.ok || read.values.length > 1) {
		return {
			ok: false,
			reason: 'malformed',
			message: `Write your answer as text of at most ${limit} characters.`
		};
	}
	const text = (read.values[0] ?? '').replace(/\r\n?/g, '\n').trim();
	if (text === '') {
		return { ok: false, reason: 'unanswered', message: 'Write your answer before you send it.' };
	}
	if (text.length > question.maxCharacters) {
		return {
			ok: false,
			reason: 'malformed',
			message: `Your answer is too long. Keep it to ${limit} characters or fewer.`
		};
	}
	return { ok: true, answer: text };
}
