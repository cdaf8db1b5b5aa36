import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { TrueFalseAnswer, TrueFalsePublicQuestion } from './question';

export function validate(
	form: FormData,
	question: TrueFalsePublicQuestion
): Validation<TrueFalseAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok || read.values.length > 1) {
		return { ok: false, reason: 'malformed', message: m.question_true_false_malformed() };
	}
	const [choice] = read.values;
	if (choice === undefined || choice === '') {
		return {
			ok: false,
			reason: 'unanswered',
			message: m.question_true_false_none()
		};
	}
	if (choice !== 'true' && choice !== 'false') {
		return { ok: false, reason: 'malformed', message: m.question_true_false_malformed() };
	}
	return { ok: true, answer: choice === 'true' };
}
