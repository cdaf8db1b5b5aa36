import { describe, expect, it } from 'vitest';
import {
	chipsFitting,
	chipsShown,
	percent,
	podiumOrder,
	rightAnswers,
	shortcutFor
} from './projector';

describe('podiumOrder', () => {
	it('puts second on the left, first in the middle, third on the right', () => {
		expect(podiumOrder(['Ana', 'Bea', 'Cato', 'Dario'])).toEqual([
			{ entry: 'Bea', place: 2 },
			{ entry: 'Ana', place: 1 },
			{ entry: 'Cato', place: 3 }
		]);
	});

	it('leaves out the places nobody holds', () => {
		expect(podiumOrder(['Ana'])).toEqual([{ entry: 'Ana', place: 1 }]);
		expect(podiumOrder(['Ana', 'Bea'])).toEqual([
			{ entry: 'Bea', place: 2 },
			{ entry: 'Ana', place: 1 }
		]);
		expect(podiumOrder([])).toEqual([]);
	});
});

describe('chips', () => {
	it('shows every chip when they all fit', () => {
		expect(chipsShown(12, 12)).toBe(12);
		expect(chipsShown(12, 30)).toBe(12);
	});

	it('keeps a place for "+N more" when they do not', () => {
		expect(chipsShown(30, 20)).toBe(19);
		expect(chipsShown(30, 0)).toBe(0);
	});

	it('counts the chips whose bottom edge is inside the box', () => {
		expect(chipsFitting([40, 40, 90, 90, 140], 100)).toBe(4);
		expect(chipsFitting([40, 90], 100)).toBe(2);
		expect(chipsFitting([120], 100)).toBe(0);
		// a pixel of rounding is inside
		expect(chipsFitting([101], 100)).toBe(1);
	});
});

describe('percent', () => {
	it('rounds to a whole percentage, and 0 of nothing is 0%', () => {
		expect(percent(2, 3)).toBe(67);
		expect(percent(1, 3)).toBe(33);
		expect(percent(0, 0)).toBe(0);
	});
});

describe('rightAnswers', () => {
	const bars = [
		{ id: 'a', correct: false, count: 3 },
		{ id: 'b', correct: true, count: 5 },
		{ id: 'c', correct: false, count: 1 }
	];

	it('adds the right choices’ bars when each answer is one bar', () => {
		expect(rightAnswers(bars, true)).toBe(5);
	});

	it('reads the "correct" bar of a chart by score', () => {
		const byScore = [
			{ id: 'correct', correct: true, count: 4 },
			{ id: 'partial', correct: false, count: 2 },
			{ id: 'incorrect', correct: false, count: 1 }
		];
		expect(rightAnswers(byScore, false)).toBe(4);
	});

	it('is null when an answer can fall in several bars', () => {
		expect(rightAnswers(bars, false)).toBeNull();
	});
});

describe('shortcutFor', () => {
	const key = (name: string, modifiers: Partial<Record<string, boolean>> = {}) => ({
		key: name,
		altKey: false,
		ctrlKey: false,
		metaKey: false,
		shiftKey: false,
		...modifiers
	});
	const onPage = { typing: false, onControl: false };

	it('maps the letters and the right arrow to the controls, in either case', () => {
		expect(shortcutFor(key('n'), onPage, false)).toBe('next');
		expect(shortcutFor(key('N'), onPage, false)).toBe('next');
		expect(shortcutFor(key('ArrowRight'), onPage, false)).toBe('next');
		expect(shortcutFor(key('r'), onPage, false)).toBe('reveal');
		expect(shortcutFor(key('p'), onPage, false)).toBe('pause');
		expect(shortcutFor(key('e'), onPage, false)).toBe('end');
		expect(shortcutFor(key('f'), onPage, false)).toBe('fullscreen');
		expect(shortcutFor(key('x'), onPage, false)).toBeNull();
		expect(shortcutFor(key('Enter'), onPage, false)).toBeNull();
	});

	it('leaves keys with a modifier to the browser', () => {
		for (const modifier of ['altKey', 'ctrlKey', 'metaKey', 'shiftKey']) {
			expect(shortcutFor(key('r', { [modifier]: true }), onPage, false), modifier).toBeNull();
		}
	});

	it('does nothing while someone types in a form field', () => {
		expect(shortcutFor(key('n'), { typing: true, onControl: false }, false)).toBeNull();
		expect(shortcutFor(key('Escape'), { typing: true, onControl: false }, true)).toBeNull();
	});

	it('confirms the end with Enter and cancels with Escape', () => {
		expect(shortcutFor(key('Enter'), onPage, true)).toBe('confirm-end');
		expect(shortcutFor(key('Escape'), onPage, true)).toBe('cancel-end');
		expect(shortcutFor(key('Escape'), onPage, false)).toBeNull();
	});

	it('leaves Enter on a focused button or link to that control', () => {
		expect(shortcutFor(key('Enter'), { typing: false, onControl: true }, true)).toBeNull();
		expect(shortcutFor(key('Escape'), { typing: false, onControl: true }, true)).toBe('cancel-end');
	});
});
