import { describe, expect, it } from 'vitest';
import { intlLocale } from '$lib/i18n';
import { formatPartialDate } from './partial-date';

describe('formatPartialDate', () => {
	it('shows a date only as precisely as it was written', () => {
		expect(formatPartialDate('2014')).toBe('2014');
		expect(formatPartialDate('2014-09')).toBe('Sep 2014');
		expect(formatPartialDate('2014-11-21')).toBe('Nov 21, 2014');
	});

	it('names the month in the reader’s language', () => {
		expect(formatPartialDate('2014', intlLocale('es'))).toBe('2014');
		expect(formatPartialDate('2014-11', intlLocale('es'))).toBe('nov 2014');
		expect(formatPartialDate('2014-11-21', intlLocale('es'))).toBe('21 nov 2014');
		expect(formatPartialDate('2014-11', intlLocale('en'))).toBe('Nov 2014');
	});

	it('keeps the day and month the content wrote, whatever the machine’s time zone', () => {
		expect(formatPartialDate('2006-01-01')).toBe('Jan 1, 2006');
		expect(formatPartialDate('2025-12-31', intlLocale('es'))).toBe('31 dic 2025');
	});
});
