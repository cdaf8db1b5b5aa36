import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { MultipleSelectAnswer, MultipleSelectPublicQuestion } from './question';

export function validate(
	form: FormData,
	question: MultipleSelectPublicQuestion
): Validation<MultipleSelectAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok) {
		return { ok: false, reason: 'malformed', message: m.question_multiple_malformed() };
	}
	// a lone empty value is treated like no box ticked, as single-choice treats an empty radio
	if (read.values.every((value) => value === '')) {
		return {
			ok: false,
			reason: 'unanswered',
			message: m.question_multiple_none()
		};
	}
	const chosen = new Set(read.values);
	if (chosen.size !== read.values.length) {
		return { ok: false, reason: 'malformed', message: m.question_multiple_twice() };
	}
	const optionIds = new Set(question.options.map((option) => option.id));
	if (read.values.some((value) => !optionIds.has(value))) {
		return { ok: false, reason: 'malformed', message: m.question_option_unknown() };
	}
	// option order makes the stored answer the same however the browser ordered the fields
	const answer = question.options.map((option) => option.id).filter((id) => chosen.has(id));
	return { ok: true, answer };
}
