import { intlLocale, m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { WrittenAnswer, WrittenPublicQuestion } from './question';

export function validate(
	form: FormData,
	question: WrittenPublicQuestion
): Validation<WrittenAnswer> {
	const limit = question.maxCharacters.toLocaleString(intlLocale());
	// browsers send each line break as \r\n but count it as one character against maxlength
	const read = readTextValues(form, answerField(question.id), question.maxCharacters * 2);
	if (!read.ok || read.values.length > 1) {
		return {
			ok: false,
			reason: 'malformed',
			message: m.question_written_malformed({ limit })
		};
	}
	const text = (read.values[0] ?? '').replace(/\r\n?/g, '\n').trim();
	if (text === '') {
		return { ok: false, reason: 'unanswered', message: m.question_written_none() };
	}
	if (text.length > question.maxCharacters) {
		return {
			ok: false,
			reason: 'malformed',
			message: m.question_written_too_long({ limit })
		};
	}
	return { ok: true, answer: text };
}
