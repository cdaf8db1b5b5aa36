import { describe, expect, it } from 'vitest';
import { overwriteGetLocale, getLocale } from '$lib/paraglide/runtime';
import { lessonTimeText } from './lesson-time';

describe('lessonTimeText', () => {
	it('names the core path first and adds the extension only when there is one', () => {
		expect(lessonTimeText({ coreMinutes: 46, extensionMinutes: 18 })).toBe(
			'46 min core path + 18 min extension'
		);
		expect(lessonTimeText({ coreMinutes: 9, extensionMinutes: 0 })).toBe('9 min core path');
	});

	it('speaks Spanish on a Spanish request', () => {
		const before = getLocale;
		overwriteGetLocale(() => 'es');
		try {
			expect(lessonTimeText({ coreMinutes: 46, extensionMinutes: 18 })).toBe(
				'46 min de ruta básica + 18 min de ampliación'
			);
		} finally {
			overwriteGetLocale(before);
		}
	});
});
