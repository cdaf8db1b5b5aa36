import { describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { ordinal, placeText, streakText } from './player-words';

describe('player words', () => {
	it('writes places as English ordinals, teens included', () => {
		expect([1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 23, 101, 111, 112].map((n) => ordinal(n))).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'10th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'23rd',
			'101st',
			'111th',
			'112th'
		]);
	});

	it('writes a place among the players', () => {
		expect(placeText(2, 24)).toBe('2nd of 24');
	});

	it('writes places and streaks in Spanish for a Spanish reader', () => {
		expect([1, 2, 3, 11].map((n) => ordinal(n, 'es'))).toEqual(['1.º', '2.º', '3.º', '11.º']);
		expect(placeText(2, 24, 'es')).toBe('2.º de 24');
		expect(streakText(3, 'es')).toBe('3 seguidas');
		expect(streakText(1, 'es')).toBeNull();
	});

	it('counts points with the message plurals in both languages', () => {
		expect([0, 1, 300].map((count) => m.live_points({ count }, { locale: 'en' }))).toEqual([
			'0 points',
			'1 point',
			'300 points'
		]);
		expect([1, 2].map((count) => m.live_points({ count }, { locale: 'es' }))).toEqual([
			'1 punto',
			'2 puntos'
		]);
	});

	it('speaks of a streak from two right answers in a row', () => {
		expect([0, 1, 2, 3].map((n) => streakText(n))).toEqual([
			null,
			null,
			'2 in a row',
			'3 in a row'
		]);
	});
});
