import { describe, expect, it } from 'vitest';
import { clockOffset, formatSeconds, secondsLeft, timerAnnouncement } from './timer';

describe('live timer', () => {
	it('counts whole seconds up, corrected by the clock offset, never below zero', () => {
		expect(secondsLeft(10_000, 0)).toBe(10);
		expect(secondsLeft(10_000, 100)).toBe(10);
		expect(secondsLeft(10_000, 1_000)).toBe(9);
		// the server is 2 s ahead of this device
		expect(secondsLeft(10_000, 0, 2_000)).toBe(8);
		expect(secondsLeft(10_000, 20_000)).toBe(0);
	});

	it('corrects only a real clock skew, not the page load time', () => {
		expect(clockOffset(100_000, 97_000)).toBe(0);
		expect(clockOffset(100_000, 103_000)).toBe(0);
		expect(clockOffset(100_000, 40_000)).toBe(60_000);
		expect(clockOffset(100_000, 160_000)).toBe(-60_000);
	});

	it('reads as minutes and seconds', () => {
		expect(formatSeconds(65)).toBe('1:05');
		expect(formatSeconds(9)).toBe('0:09');
		expect(formatSeconds(-3)).toBe('0:00');
	});

	it('speaks only at ten seconds and at time up', () => {
		const said = new Set([60, 30, 11, 10, 9, 3, 1, 0].map(timerAnnouncement));
		expect([...said]).toEqual(['', '10 seconds or less left.', 'Time is up.']);
	});
});
