import { describe, expect, it } from 'vitest';
import { formatPartialDate } from './partial-date';

describe('formatPartialDate', () => {
	it('shows a date only as precisely as it was written', () => {
		expect(formatPartialDate('2014')).toBe('2014');
		expect(formatPartialDate('2014-09')).toBe('Sep 2014');
		expect(formatPartialDate('2014-11-21')).toBe('Nov 21, 2014');
	});
});
