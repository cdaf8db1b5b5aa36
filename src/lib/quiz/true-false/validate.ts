import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { TrueFalseAnswer, TrueFalsePublicQuestion } from './question';

export function validate(
	form: FormData,
	question: TrueFalsePublicQuestion
): Validation<TrueFalseAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok || read.values.length > 1) {
		return { ok: false, reason: 'malformed', message: 'Choose True or False.' };
	}
	const [choice] = read.values;
	if (choice === undefined || choice === '') {
		return {
			ok: false,
			reason: 'unanswered',
			message: 'Choose True or False before you check it.'
		};
	}
	if (choice !== 'true' && choice !== 'false') {
		return { ok: false, reason: 'malformed', message: 'Choose True or False.' };
	}
	return { ok: true, answer: choice === 'true' };
}
