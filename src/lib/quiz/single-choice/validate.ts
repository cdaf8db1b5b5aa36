import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { SingleChoiceAnswer, SingleChoicePublicQuestion } from './question';

export function validate(
	form: FormData,
	question: SingleChoicePublicQuestion
): Validation<SingleChoiceAnswer> {
	const read = readTextValues(form, answerField(question.id));
	if (!read.ok || read.values.length > 1) {
		return { ok: false, reason: 'malformed', message: 'Choose one option.' };
	}
	const [choice] = read.values;
	if (choice === undefined || choice === '') {
		return { ok: false, reason: 'unanswered', message: 'Choose an answer before you check it.' };
	}
	if (!question.options.some((option) => option.id === choice)) {
		return { ok: false, reason: 'malformed', message: 'That option is not part of this question.' };
	}
	return { ok: true, answer: choice };
}
