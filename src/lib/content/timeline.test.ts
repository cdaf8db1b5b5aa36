import { describe, expect, it } from 'vitest';
import { overwriteGetLocale, getLocale } from '$lib/paraglide/runtime';
import { timelineStatusLabel } from './timeline';

describe('timelineStatusLabel', () => {
	it('labels each status in the reader’s language', () => {
		const original = getLocale;
		try {
			overwriteGetLocale(() => 'en');
			expect(timelineStatusLabel('confirmed')).toBe('Confirmed by other sources');
			expect(timelineStatusLabel('article-claim')).toBe('Only the article says so');
			overwriteGetLocale(() => 'es');
			expect(timelineStatusLabel('confirmed')).toBe('Confirmado por otras fuentes');
			expect(timelineStatusLabel('alleged')).toBe('Presunto: una acusación, no un hecho probado');
			expect(timelineStatusLabel('article-claim')).toBe('Solo lo dice el artículo');
		} finally {
			overwriteGetLocale(original);
		}
	});
});
