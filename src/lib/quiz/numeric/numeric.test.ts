import { countsOf, formData as form } from '../testing';
import { answerText, classify, optionCounts, responseClasses } from '../summary';
import { sample as numeric } from './sample';
import { describe, expect, it } from 'vitest';
import { numericSchema, type NumericQuestion } from './question';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

function generateNumeric(overrides: Partial<NumericQuestion> = {}): NumericQuestion {
	return { ...numeric, ...overrides };
}

const issuesOf = (raw: unknown) => {
	const result = numericSchema.safeParse(raw);
	return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('numeric', () => {
	it('projects the unit without the answer, tolerance, feedback, mistakes, explanation or evidence', () => {
		// Arrange
		const question = generateNumeric();

		// Act
		const projected = toPublic(question);

		// Assert
		expect(projected).toStrictEqual({
			type: 'numeric',
			id: 'q-extradited',
			prompt: 'How many people did Mexico send to the US in February 2025?',
			objective: 'close-reading',
			bloom: 'remember',
			unit: 'people'
		});
	});

	it('leaves the unit out of the projection when there is none', () => {
		// Arrange
		const question = generateNumeric({ unit: undefined });

		// Act
		const projected = toPublic(question);

		// Assert
		expect(Object.keys(projected)).toEqual(['type', 'id', 'prompt', 'objective', 'bloom']);
	});

	it('treats an empty box as unanswered', () => {
		// Arrange
		const question = toPublic(generateNumeric());

		// Act
		const results = [
			validate(form([]), question),
			validate(form([['q-extradited', '']]), question),
			validate(form([['q-extradited', '   ']]), question)
		];

		// Assert
		for (const result of results) {
			expect(result).toMatchObject({ ok: false, reason: 'unanswered' });
		}
	});

	it.each([
		['43', 43],
		['-2.5', -2.5],
		['1,000', 1000],
		['1 000', 1000],
		['$2', 2],
		['15%', 15],
		[' 1,234,567.89 ', 1234567.89],
		['-$2', -2],
		['.5', 0.5],
		['−3', -3],
		['-0', 0]
	])('reads %j as %d', (text, expected) => {
		// Arrange
		const question = toPublic(generateNumeric());

		// Act
		const result = validate(form([['q-extradited', text]]), question);

		// Assert
		expect(result).toEqual({ ok: true, answer: expected });
	});

	it.each([
		'abc',
		'1,5',
		'1,0000',
		'1,000 000',
		'1e3',
		'$$2',
		'2%%',
		'12 people',
		'0x10',
		'.',
		'-'
	])('refuses %j as not a number', (text) => {
		// Arrange
		const question = toPublic(generateNumeric());

		// Act
		const result = validate(form([['q-extradited', text]]), question);

		// Assert
		expect(result).toEqual({
			ok: false,
			reason: 'malformed',
			message: 'Enter a number, like 43 or 2.5.'
		});
	});

	it('refuses what the text box cannot send as malformed', () => {
		// Arrange
		const question = toPublic(generateNumeric());
		const cases: [string, string | Blob][][] = [
			[
				['q-extradited', '29'],
				['q-extradited', '30']
			],
			[['q-extradited', new Blob(['29'])]],
			[['q-extradited', 'x'.repeat(1024 * 1024)]],
			[['q-extradited', '1'.repeat(41)]]
		];

		// Act
		const results = cases.map((entries) => validate(form(entries), question));

		// Assert
		for (const result of results) {
			expect(result).toMatchObject({ ok: false, reason: 'malformed' });
		}
	});

	it('scores the exact answer 1 and states it with its unit', () => {
		// Arrange
		const question = generateNumeric();

		// Act
		const result = score(29, question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer: '29 people'
		});
	});

	it('scores a wrong answer 0 with the generic feedback, or the known mistake’s', () => {
		// Arrange
		const question = generateNumeric();

		// Act
		const generic = score(30, question);
		const known = score(26, question);

		// Assert
		expect(generic).toMatchObject({
			earned: 0,
			correct: false,
			feedback: ['Look for the number in paragraph 2.']
		});
		expect(known).toMatchObject({
			earned: 0,
			correct: false,
			feedback: ['26 is the second transfer, in August.']
		});
	});

	it('accepts answers and mistakes within the tolerance, edges included', () => {
		// Arrange
		const question = generateNumeric({
			answer: 2.5,
			tolerance: 0.1,
			unit: 'million dollars',
			mistakes: [{ value: 25, feedback: 'The figure is in millions.' }]
		});

		// Act
		const results = [2.4, 2.6, 2.5].map((value) => score(value, question));
		const outside = score(2.61, question);
		const nearMistake = score(25.1, question);

		// Assert
		for (const result of results) {
			expect(result).toMatchObject({
				earned: 1,
				correct: true,
				correctAnswer: '2.5 million dollars (±0.1)'
			});
		}
		expect(outside).toMatchObject({ earned: 0, feedback: ['Look for the number in paragraph 2.'] });
		expect(nearMistake).toMatchObject({ earned: 0, feedback: ['The figure is in millions.'] });
	});

	it('formats a large answer with thousands separators and no unit', () => {
		// Arrange
		const question = generateNumeric({ answer: 1234567.25, unit: undefined, mistakes: undefined });

		// Act
		const result = score(0, question);

		// Assert
		expect(result).toMatchObject({ correctAnswer: '1,234,567.25' });
	});

	it('defaults the tolerance to 0', () => {
		// Arrange
		const { tolerance: _tolerance, ...raw } = generateNumeric();

		// Act
		const parsed = numericSchema.parse(raw);

		// Assert
		expect(parsed.tolerance).toBe(0);
	});

	it('refuses a negative tolerance, an empty feedback and a mistake that would be scored right', () => {
		// Arrange
		const raw = generateNumeric({
			answer: 100,
			tolerance: 5,
			feedback: '',
			mistakes: [
				{ value: 10, feedback: 'Off by a factor of ten.' },
				{ value: 104, feedback: 'Close.' },
				{ value: 12, feedback: 'Same as the first.' }
			]
		});
		const negative = generateNumeric({ tolerance: -1 });

		// Act
		const messages = issuesOf(raw);
		const negativeMessages = issuesOf(negative);

		// Assert
		expect(messages).toEqual([
			'feedback: must not be empty',
			'mistakes.1.value: mistake 104 would be scored right: it is within tolerance of the answer 100',
			'mistakes.2.value: mistake 12 is within tolerance of mistake 10'
		]);
		expect(negativeMessages).toEqual(['tolerance: tolerance cannot be negative']);
	});

	it('refuses an infinite answer and an over-long unit', () => {
		// Arrange
		const raw = generateNumeric({ answer: Infinity, unit: 'x'.repeat(31) });

		// Act
		const messages = issuesOf(raw);

		// Assert
		expect(messages).toEqual([
			expect.stringMatching(/^answer: /),
			'unit: a unit is a word or two (at most 30 characters)'
		]);
	});
});

describe('numeric in the statistics', () => {
	it('writes the number as typed, without grouping', () => {
		// Act
		const texts = [answerText(numeric, -2.5), answerText(numeric, 1234567)];

		// Assert
		expect(texts).toEqual(['-2.5', '1234567']);
	});

	it('counts answers as right or wrong by their own score', () => {
		// Act
		const bars = responseClasses(numeric).map((bar) => bar.id);
		const classes = [classify(numeric, 29), classify(numeric, 26)];
		const counts = optionCounts(numeric, [{ answer: 29 }, { answer: 26 }, { answer: 30 }]);

		// Assert
		expect(bars).toEqual(['correct', 'incorrect']);
		expect(classes).toEqual([['correct'], ['incorrect']]);
		expect(countsOf(counts)).toEqual({ correct: 1, incorrect: 2 });
	});
});
