import { describe, expect, it } from 'vitest';
import { shortLessonTitle } from './lesson-title';

describe('shortLessonTitle', () => {
	it('keeps the words before a colon', () => {
		expect(
			shortLessonTitle('Read laterally: check the article against the original documents')
		).toBe('Read laterally');
		expect(shortLessonTitle('Guns, money and people: what did the US actually provide?')).toBe(
			'Guns, money and people'
		);
	});

	it('keeps a leading question with its question mark', () => {
		expect(
			shortLessonTitle('Who is behind this? Reading an advocacy article like a fact-checker')
		).toBe('Who is behind this?');
	});

	it('leaves a title with no break whole', () => {
		expect(shortLessonTitle('Who holds whom accountable, after 2014')).toBe(
			'Who holds whom accountable, after 2014'
		);
		expect(shortLessonTitle('Why?')).toBe('Why?');
	});
});
