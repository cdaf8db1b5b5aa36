import { describe, expect, it } from 'vitest';
import { largestFit } from './fit-text';

describe('largestFit', () => {
	it('keeps the CSS size when the text fits at it', () => {
		expect(largestFit(48, 16, () => true)).toBe(48);
	});

	it('finds the largest whole size that fits', () => {
		expect(largestFit(48, 16, (size) => size <= 31)).toBe(31);
		expect(largestFit(48, 16, (size) => size <= 17)).toBe(17);
	});

	it('stops at the smallest size when nothing fits', () => {
		expect(largestFit(48, 16, () => false)).toBe(16);
	});

	it('tries few sizes: a halving search, not a step at a time', () => {
		const tried: number[] = [];
		largestFit(200, 10, (size) => {
			tried.push(size);
			return size <= 57;
		});
		expect(tried.length).toBeLessThanOrEqual(10);
	});

	it('rounds fractional CSS sizes down to whole pixels', () => {
		expect(largestFit(40.7, 12.3, (size) => size <= 25.5)).toBe(25);
		expect(largestFit(12.5, 20, () => false)).toBe(20);
	});
});
