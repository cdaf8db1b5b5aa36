import { describe, expect, it } from 'vitest';
import { hostViewIsNewer } from './live-events.svelte';

describe('hostViewIsNewer', () => {
	const view = (answeredCount: number, players: number) => ({
		answeredCount,
		players: Array.from({ length: players }, (_, i) => ({ id: `p${i}` }))
	});

	it('keeps a count that came on the stream over a slower reload of the same version', () => {
		// the reload was read before the answer; it arrives after the stream's count
		expect(hostViewIsNewer(view(0, 1), view(1, 1))).toBe(false);
		expect(hostViewIsNewer(view(1, 1), view(1, 2))).toBe(false);
	});

	it('takes a view that counts as much or more', () => {
		expect(hostViewIsNewer(view(1, 1), view(0, 1))).toBe(true);
		expect(hostViewIsNewer(view(2, 3), view(2, 3))).toBe(true);
		expect(hostViewIsNewer(view(1, 2), view(1, 1))).toBe(true);
	});
});
