import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tileLook } from './tiles';

const tokens = readFileSync(new URL('../styles/tokens.css', import.meta.url), 'utf8');

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
	const luminance = (hex: string) => {
		const [r, g, b] = [1, 3, 5].map((i) => {
			const c = parseInt(hex.slice(i, i + 2), 16) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
	};
	const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

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

	it('has every tile colour defined, with white text on it at 4.5:1 or more', () => {
		for (let n = 1; n <= 6; n++) {
			const colour = tokens.match(new RegExp(`--tile-${n}: (#[0-9a-f]{6});`))?.[1];
			expect(colour, `--tile-${n}`).toBeDefined();
			expect(contrast(colour ?? '#ffffff', '#ffffff'), `--tile-${n}`).toBeGreaterThanOrEqual(4.5);
		}
	});
});
