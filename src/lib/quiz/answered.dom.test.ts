import { describe, expect, it } from 'vitest';
import { inputsHoldAnswer } from './answered';

const fields = (html: string) => {
	const section = document.createElement('section');
	section.innerHTML = html;
	return section.querySelectorAll('input, select, textarea');
};

describe('inputsHoldAnswer', () => {
	it('counts a choice question once one option is ticked', () => {
		expect(
			inputsHoldAnswer(fields('<input type="radio" name="a"><input type="radio" name="a">'))
		).toBe(false);
		expect(
			inputsHoldAnswer(fields('<input type="radio" name="a" checked><input type="radio" name="a">'))
		).toBe(true);
		expect(
			inputsHoldAnswer(
				fields('<input type="checkbox" name="a"><input type="checkbox" name="b" checked>')
			)
		).toBe(true);
	});

	it('counts an ordering or a sort only once every position or category is chosen', () => {
		const select = (value: string) =>
			`<select><option value="">Choose…</option><option value="1" ${value === '1' ? 'selected' : ''}>1</option></select>`;
		expect(inputsHoldAnswer(fields(select('1') + select('')))).toBe(false);
		expect(inputsHoldAnswer(fields(select('1') + select('1')))).toBe(true);
	});

	it('counts typed text or a number, but not blanks, hidden fields or buttons', () => {
		expect(inputsHoldAnswer(fields('<textarea>  </textarea><input type="hidden" value="x">'))).toBe(
			false
		);
		expect(inputsHoldAnswer(fields('<textarea>It was denied.</textarea>'))).toBe(true);
		expect(inputsHoldAnswer(fields('<input type="text" inputmode="decimal" value="2014">'))).toBe(
			true
		);
	});
});
