import { describe, expect, it } from 'vitest';
import { tileLook } from './tiles';

// white text on every tile colour, in both themes: src/lib/styles/contrast.test.ts
describe('tileLook', () => {
	it('gives the first four tiles A–D as a red triangle, blue diamond, amber circle and green square', () => {
		expect([0, 1, 2, 3].map(tileLook)).toEqual([
			{ letter: 'A', shape: 'triangle', colour: 'var(--tile-1)' },
			{ letter: 'B', shape: 'diamond', colour: 'var(--tile-2)' },
			{ letter: 'C', shape: 'circle', colour: 'var(--tile-3)' },
			{ letter: 'D', shape: 'square', colour: 'var(--tile-4)' }
		]);
	});

	it('keeps counting letters past the sixth tile while shapes and colours come round again', () => {
		expect(tileLook(6)).toEqual({ letter: 'G', shape: 'triangle', colour: 'var(--tile-1)' });
	});
});
