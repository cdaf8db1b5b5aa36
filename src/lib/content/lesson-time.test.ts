import { describe, expect, it } from 'vitest';
import { lessonTimeText } from './lesson-time';

describe('lessonTimeText', () => {
	it('names the core path first and adds the extension only when there is one', () => {
		expect(lessonTimeText({ coreMinutes: 46, extensionMinutes: 18 })).toBe(
			'46 min core path + 18 min extension'
		);
		expect(lessonTimeText({ coreMinutes: 9, extensionMinutes: 0 })).toBe('9 min core path');
	});
});
