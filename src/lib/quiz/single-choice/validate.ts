import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { SingleChoiceAnswer, SingleChoicePublicQuestion } from './question';

export function validate(
	form: FormData,
	question: SingleChoicePublicQuestion
): Validation<SingleChoiceAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok || read.values.length > 1) {
		return { ok: false, reason: 'malformed', message: m.question_single_malformed() };
	}
	const [choice] = read.values;
	if (choice === undefined || choice === '') {
		return { ok: false, reason: 'unanswered', message: m.question_single_none() };
	}
	if (!question.options.some((option) => option.id === choice)) {
		return { ok: false, reason: 'malformed', message: m.question_option_unknown() };
	}
	return { ok: true, answer: choice };
}
