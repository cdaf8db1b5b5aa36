import { describe, expect, it } from 'vitest';
import { offSiteTargets } from '../../../../tests/fixtures/off-site-redirects';
import { safeRedirectTarget } from './guards';

describe('safeRedirectTarget', () => {
	it.each(offSiteTargets)('refuses %j', (target) => {
		expect(safeRedirectTarget(target, '/learn')).toBe('/learn');
	});

	it('keeps same-site paths with their query and fragment, normalised', () => {
		expect(safeRedirectTarget('/classes/abc?tab=grading#q3')).toBe('/classes/abc?tab=grading#q3');
		expect(safeRedirectTarget('/lessons/../learn')).toBe('/learn');
		expect(safeRedirectTarget('/lessons/./02-merida')).toBe('/lessons/02-merida');
	});
});
