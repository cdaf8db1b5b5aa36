import { describe, expect, it } from 'vitest';
import { scoreBand } from './score-band';

describe('scoreBand', () => {
	it('puts 80 and up in secure, 60 to 79 in developing, and below 60 in support', () => {
		expect([100, 80, 79, 60, 59, 0].map((percent) => scoreBand(percent)?.id)).toEqual([
			'secure',
			'secure',
			'developing',
			'developing',
			'support',
			'support'
		]);
	});

	it('gives no band before there is a score', () => {
		expect(scoreBand(null)).toBeNull();
	});
});
