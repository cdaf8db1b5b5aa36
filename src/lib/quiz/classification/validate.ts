import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { ClassificationAnswer, ClassificationPublicQuestion } from './question';

const malformed = () =>
	({
		ok: false,
		reason: 'malformed',
		message: m.question_classification_malformed()
	}) as const;

export function validate(
	form: FormData,
	question: ClassificationPublicQuestion
): Validation<ClassificationAnswer> {
	const fields = new Set(question.items.map((item) => answerField(question.id, item.id)));
	const prefix = answerField(question.id, '');
	for (const key of form.keys()) {
		// the form only ever sends one field per item, so anything else of ours is forged
		if ((key === question.id || key.startsWith(prefix)) && !fields.has(key)) return malformed();
	}

	const categories = new Set(question.categories.map((category) => category.id));
	const answer: ClassificationAnswer = {};
	let sorted = 0;
	for (const item of question.items) {
		const read = readTextValues(form, answerField(question.id, item.id));
		if (!read.ok || read.values.length > 1) return malformed();
		const [value = ''] = read.values;
		if (value === '') continue;
		if (!categories.has(value)) return malformed();
		answer[item.id] = value;
		sorted++;
	}

	if (sorted === 0) {
		return { ok: false, reason: 'unanswered', message: m.question_classification_none() };
	}
	if (sorted < question.items.length) {
		return {
			ok: false,
			reason: 'unanswered',
			message: m.question_classification_some()
		};
	}
	return { ok: true, answer };
}
