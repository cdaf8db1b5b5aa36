import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { MultipleSelectAnswer, MultipleSelectPublicQuestion } from './question';

export function validate(
	form: FormData,
	question: MultipleSelectPublicQuestion
): Validation<MultipleSelectAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok) {
		return { ok: false, reason: 'malformed', message: 'Tick the boxes for your answers.' };
	}
	// a lone empty value is treated like no box ticked, as single-choice treats an empty radio
	if (read.values.every((value) => value === '')) {
		return {
			ok: false,
			reason: 'unanswered',
			message: 'Tick at least one box before you check it.'
		};
	}
	const chosen = new Set(read.values);
	if (chosen.size !== read.values.length) {
		return { ok: false, reason: 'malformed', message: 'Each box can be ticked only once.' };
	}
	const optionIds = new Set(question.options.map((option) => option.id));
	if (read.values.some((value) => !optionIds.has(value))) {
		return { ok: false, reason: 'malformed', message: 'That option is not part of this question.' };
	}
	// option order makes the stored answer the same however the browser ordered the fields
	const answer = question.options.map((option) => option.id).filter((id) => chosen.has(id));
	return { ok: true, answer };
}
