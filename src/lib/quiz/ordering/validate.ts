import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import type { OrderingAnswer, OrderingPublicQuestion } from './question';

const malformed = () =>
	({
		ok: false,
		reason: 'malformed',
		message: m.question_ordering_malformed()
	}) as const;

export function validate(
	form: FormData,
	question: OrderingPublicQuestion
): Validation<OrderingAnswer> {
	const fields = new Set(question.items.map((item) => answerField(question.id, item.id)));
	const prefix = answerField(question.id, '');
	for (const key of form.keys()) {
		// the form only ever sends one field per item, so anything else of ours is forged
		if ((key === question.id || key.startsWith(prefix)) && !fields.has(key)) return malformed();
	}

	const count = question.items.length;
	const positions = new Map<string, number>();
	for (const item of question.items) {
		const read = readTextValues(form, answerField(question.id, item.id));
		if (!read.ok || read.values.length > 1) return malformed();
		const [value = ''] = read.values;
		if (value === '') continue;
		if (!/^[1-9][0-9]*$/.test(value) || Number(value) > count) return malformed();
		positions.set(item.id, Number(value));
	}

	if (positions.size === 0) {
		return { ok: false, reason: 'unanswered', message: m.question_ordering_none() };
	}
	if (positions.size < count) {
		return {
			ok: false,
			reason: 'unanswered',
			message: m.question_ordering_some()
		};
	}
	if (new Set(positions.values()).size < count) {
		return { ok: false, reason: 'unanswered', message: m.question_ordering_twice() };
	}
	const answer = [...positions].sort((a, b) => a[1] - b[1]).map(([id]) => id);
	return { ok: true, answer };
}
