import { describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { strongParts } from './strong-parts';

describe('strongParts', () => {
	it('makes the values bold wherever the translation puts them, and keeps the words around them plain', () => {
		const values = { opinion: 'opinion', independent: 'independent' };
		const english = strongParts((v: typeof values) => m.handouts_notes_intro(v), values);
		expect(english.filter((p) => p.strong).map((p) => p.text)).toEqual(['opinion', 'independent']);
		expect(english.map((p) => p.text).join('')).toBe(m.handouts_notes_intro(values));

		const spanishValues = { opinion: 'opinión', independent: 'independientes' };
		const spanish = strongParts(
			(v: typeof spanishValues) => m.handouts_notes_intro(v, { locale: 'es' }),
			spanishValues
		);
		expect(spanish.filter((p) => p.strong).map((p) => p.text)).toEqual([
			'opinión',
			'independientes'
		]);
		expect(spanish.at(-1)).toEqual({ text: '.', strong: false });
		expect(spanish[0]?.text).toMatch(/^Para cada afirmación/);
	});

	it('follows a translation that puts the values in another order', () => {
		const parts = strongParts(({ a, b }: { a: string; b: string }) => `${b} then ${a}`, {
			a: 'A',
			b: 'B'
		});
		expect(parts).toEqual([
			{ text: 'B', strong: true },
			{ text: ' then ', strong: false },
			{ text: 'A', strong: true }
		]);
	});
});
