import type { Choice } from '../types';
import type { OrderingPublicQuestion, OrderingQuestion } from './question';

/** FNV-1a: a small, stable string hash, so the shuffle is the same on every server and run. */
function hash(value: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < value.length; i++) {
		h ^= value.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

function sameOrder(items: Choice[], ids: string[]): boolean {
	return items.length === ids.length && items.every((item, index) => item.id === ids[index]);
}

/** Items in the order students see them: fixed by the ids alone, never the answer or its reverse. */
export function shuffledItems(question: OrderingQuestion): Choice[] {
	const rank = new Map(question.items.map((item) => [item.id, hash(`${question.id}:${item.id}`)]));
	const items = question.items
		.map((item) => ({ id: item.id, text: item.text }))
		.sort(
			(a, b) =>
				(rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
		);
	// with three or more distinct items a rotation by one is neither the answer nor its reverse
	if (sameOrder(items, question.answer) || sameOrder(items, [...question.answer].reverse())) {
		items.push(...items.splice(0, 1));
	}
	return items;
}

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: OrderingQuestion): OrderingPublicQuestion {
	return {
		type: 'ordering',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		items: shuffledItems(question)
	};
}
