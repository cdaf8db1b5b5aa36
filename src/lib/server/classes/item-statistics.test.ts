import { describe, expect, it } from 'vitest';
import { discriminationVerdict, mostChosenWrong } from './item-statistics';

describe('discriminationVerdict', () => {
	it('shows no number below 10 answers, however strong the correlation', () => {
		expect(discriminationVerdict({ responses: 2, discrimination: 100 })).toEqual({
			kind: 'too-few',
			text: 'Too few students to tell: it needs 10 answers, and has 2.'
		});
		expect(discriminationVerdict({ responses: 9, discrimination: -40 }).kind).toBe('too-few');
	});

	it('reads 30 and up as good, 0 to 30 as weak, below 0 as negative, from 10 answers', () => {
		expect(discriminationVerdict({ responses: 10, discrimination: 30 })).toMatchObject({
			kind: 'good',
			value: 30
		});
		expect(discriminationVerdict({ responses: 24, discrimination: 29.9 })).toMatchObject({
			kind: 'weak',
			value: 29.9
		});
		expect(discriminationVerdict({ responses: 24, discrimination: 0 }).kind).toBe('weak');
		expect(discriminationVerdict({ responses: 24, discrimination: -5 })).toMatchObject({
			kind: 'negative',
			text: 'Negative: stronger students got this wrong more often. Check the key and the wording.'
		});
	});

	it('says why when everyone scored the same', () => {
		expect(discriminationVerdict({ responses: 12, discrimination: null }).kind).toBe('no-spread');
	});
});

describe('mostChosenWrong', () => {
	const option = (id: string, correct: boolean, count: number) => ({
		id,
		label: `Option ${id}`,
		correct,
		count
	});

	it('is the wrong option chosen most often, never the right one', () => {
		expect(
			mostChosenWrong([option('a', false, 3), option('b', true, 9), option('c', false, 5)])
		).toEqual({ label: 'Option c', count: 5 });
	});

	it('is none when nobody chose a wrong option', () => {
		expect(mostChosenWrong([option('a', false, 0), option('b', true, 4)])).toBe('none');
	});

	it('does not apply to bars that say how answers scored, not which option was chosen', () => {
		const scored = [
			{ id: 'correct', label: 'Correct', correct: true, count: 1 },
			{ id: 'incorrect', label: 'Incorrect', correct: false, count: 3 },
			{ id: 'pending', label: 'Awaiting review', correct: false, count: 2 }
		];
		expect(mostChosenWrong(scored)).toBeNull();
		expect(mostChosenWrong([])).toBeNull();
	});
});
