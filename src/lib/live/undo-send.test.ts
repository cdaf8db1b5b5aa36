import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { undoableSend, undoWindowMs } from './undo-send';

describe('undoableSend', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	function arrange() {
		const sent: string[] = [];
		const shown: (string | null)[] = [];
		const tiles = undoableSend<string>({
			send: (choice) => sent.push(choice),
			changed: (waiting) => shown.push(waiting)
		});
		return { tiles, sent, shown };
	}

	it('waits 2.5 seconds before it sends a tap', () => {
		const { tiles, sent } = arrange();
		tiles.tap('a');
		vi.advanceTimersByTime(2499);
		expect(sent).toEqual([]);
		expect(tiles.waiting).toBe('a');
		vi.advanceTimersByTime(1);
		expect(sent).toEqual(['a']);
		expect(tiles.waiting).toBeNull();
		expect(undoWindowMs).toBe(2500);
	});

	it('sends nothing after Undo, even when the wait would have ended', () => {
		const { tiles, sent, shown } = arrange();
		tiles.tap('b');
		vi.advanceTimersByTime(2000);
		tiles.undo();
		vi.advanceTimersByTime(10_000);
		expect(sent).toEqual([]);
		expect(shown).toEqual(['b', null]);
	});

	it('sends only the last of two taps, a full wait after the second', () => {
		const { tiles, sent, shown } = arrange();
		tiles.tap('a');
		vi.advanceTimersByTime(2000);
		tiles.tap('c');
		vi.advanceTimersByTime(2000);
		expect(sent).toEqual([]);
		vi.advanceTimersByTime(500);
		expect(sent).toEqual(['c']);
		vi.advanceTimersByTime(10_000);
		expect(sent).toEqual(['c']);
		expect(shown).toEqual(['a', 'c', null]);
	});

	it('sends at once when asked, and never a second time', () => {
		const { tiles, sent } = arrange();
		tiles.tap('d');
		vi.advanceTimersByTime(100);
		tiles.sendNow();
		expect(sent).toEqual(['d']);
		vi.advanceTimersByTime(10_000);
		tiles.sendNow();
		expect(sent).toEqual(['d']);
	});

	it('does nothing on Undo or send-now when no tap waits', () => {
		const { tiles, sent, shown } = arrange();
		tiles.undo();
		tiles.sendNow();
		expect(sent).toEqual([]);
		expect(shown).toEqual([]);
	});

	it('takes its wait and timers from the caller', () => {
		const runs: (() => void)[] = [];
		const sent: number[] = [];
		const tiles = undoableSend<number>({
			send: (choice) => sent.push(choice),
			windowMs: 40,
			timers: {
				set: (run, ms) => {
					expect(ms).toBe(40);
					runs.push(run);
					return runs.length;
				},
				clear: () => {}
			}
		});
		tiles.tap(7);
		expect(sent).toEqual([]);
		runs[0]!();
		expect(sent).toEqual([7]);
	});
});
