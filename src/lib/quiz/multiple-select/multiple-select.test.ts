import { countsOf, formData as form } from '../testing';
import { answerText, classify, optionCounts, responseClasses } from '../summary';
import { sample as multipleSelect } from './sample';
import { describe, expect, it } from 'vitest';
import { multipleSelectSchema, type MultipleSelectQuestion } from './question';
import { multipleSelect as multipleSelectModule } from './index';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

function generateMultipleSelect(
	overrides: Partial<MultipleSelectQuestion> = {}
): MultipleSelectQuestion {
	return { ...multipleSelect, ...overrides };
}

const issuesOf = (raw: unknown) => {
	const result = multipleSelectSchema.safeParse(raw);
	return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('multiple select', () => {
	it('projects options without the keys, feedback, explanation or evidence', () => {
		// Arrange
		const question = generateMultipleSelect();

		// Act
		const projected = toPublic(question);

		// Assert
		expect(projected).toStrictEqual({
			type: 'multiple-select',
			id: 'q-cited',
			prompt: 'Which sources does the article cite?',
			objective: 'sourcing',
			bloom: 'remember',
			options: [
				{ id: 'wsj', text: 'The Wall Street Journal' },
				{ id: 'marshals', text: 'The US Marshals Service' },
				{ id: 'nyt', text: 'The New York Times' },
				{ id: 'reuters', text: 'Reuters' }
			]
		});
	});

	it('treats no ticked box as unanswered', () => {
		// Arrange
		const question = toPublic(generateMultipleSelect());

		// Act
		const none = validate(form([]), question);
		const empty = validate(form([['q-cited', '']]), question);

		// Assert
		expect(none).toMatchObject({ ok: false, reason: 'unanswered' });
		expect(empty).toMatchObject({ ok: false, reason: 'unanswered' });
	});

	it('refuses what the checkboxes cannot send as malformed', () => {
		// Arrange
		const question = toPublic(generateMultipleSelect());
		const cases: [string, string | Blob][][] = [
			[['q-cited', 'zz']],
			[
				['q-cited', 'wsj'],
				['q-cited', 'zz']
			],
			[
				['q-cited', 'wsj'],
				['q-cited', 'wsj']
			],
			[
				['q-cited', 'wsj'],
				['q-cited', '']
			],
			[['q-cited', new Blob(['wsj'])]],
			[['q-cited', 'x'.repeat(1024 * 1024)]]
		];

		// Act
		const results = cases.map((entries) => validate(form(entries), question));

		// Assert
		for (const result of results) {
			expect(result).toMatchObject({ ok: false, reason: 'malformed' });
		}
	});

	it('accepts ticked boxes and lists them in option order', () => {
		// Arrange
		const question = toPublic(generateMultipleSelect());

		// Act
		const result = validate(
			form([
				['q-cited', 'nyt'],
				['q-cited', 'wsj']
			]),
			question
		);

		// Assert
		expect(result).toEqual({ ok: true, answer: ['wsj', 'nyt'] });
	});

	it('gives full marks only for exactly the right set', () => {
		// Arrange
		const question = generateMultipleSelect();

		// Act
		const result = score(['marshals', 'wsj'], question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer: 'The Wall Street Journal; The US Marshals Service'
		});
	});

	it('gives a share for each right choice and names what was missed', () => {
		// Arrange
		const question = generateMultipleSelect();

		// Act
		const result = score(['wsj'], question);

		// Assert
		expect(result).toMatchObject({
			earned: 0.5,
			correct: false,
			feedback: ['You missed: The US Marshals Service']
		});
	});

	it('takes a share away for each wrong choice, with that choice’s feedback first', () => {
		// Arrange
		const twoRight = generateMultipleSelect({
			options: [
				{ id: 'a', text: 'A' },
				{ id: 'b', text: 'B' },
				{ id: 'c', text: 'C', feedback: 'C is a trap.' },
				{ id: 'd', text: 'D', feedback: 'D is a trap.' }
			],
			answers: ['a', 'b']
		});
		const threeRight = generateMultipleSelect({
			options: [
				{ id: 'a', text: 'A' },
				{ id: 'b', text: 'B' },
				{ id: 'c', text: 'C', feedback: 'Look again at paragraph 4.' },
				{ id: 'd', text: 'D', feedback: 'D is a trap.' }
			],
			answers: ['a', 'b', 'c']
		});

		// Act
		const allTicked = score(['a', 'b', 'c', 'd'], twoRight);
		const twoOfThreeAndOneWrong = score(['a', 'b', 'd'], threeRight);

		// Assert
		expect(allTicked).toMatchObject({
			earned: 0,
			correct: false,
			feedback: ['C is a trap.', 'D is a trap.']
		});
		expect(twoOfThreeAndOneWrong).toMatchObject({
			earned: 1 / 3,
			correct: false,
			feedback: ['D is a trap.', 'Look again at paragraph 4.']
		});
	});

	it('never scores below 0', () => {
		// Arrange
		const question = generateMultipleSelect();

		// Act
		const result = score(['nyt', 'reuters'], question);

		// Assert
		expect(result).toMatchObject({
			earned: 0,
			possible: 1,
			correct: false,
			feedback: [
				'The Times is never mentioned.',
				'Reuters is not cited.',
				'You missed: The Wall Street Journal',
				'You missed: The US Marshals Service'
			]
		});
	});

	it('gives no marks for an empty answer', () => {
		// Arrange
		const question = generateMultipleSelect();

		// Act
		const result = score([], question);

		// Assert
		expect(result).toMatchObject({ earned: 0, correct: false });
	});

	it('accepts a well-formed question', () => {
		// Arrange
		const raw = generateMultipleSelect();

		// Act
		const result = multipleSelectSchema.safeParse(raw);

		// Assert
		expect(result.success).toBe(true);
	});

	it('refuses unknown or repeated answers, wrong options without feedback and repeated ids', () => {
		// Arrange
		const raw = generateMultipleSelect({
			options: [
				{ id: 'a', text: 'A' },
				{ id: 'b', text: 'B' },
				{ id: 'b', text: 'B again', feedback: 'x' }
			],
			answers: ['b', 'zz', 'b']
		});

		// Act
		const messages = issuesOf(raw);

		// Assert
		expect(messages).toEqual(
			expect.arrayContaining([
				'options.2.id: duplicate id "b"',
				'answers.1: answer "zz" is not one of the options',
				'answers.2: answer "b" is listed twice',
				'options.0: wrong option "a" needs feedback'
			])
		);
	});

	it('refuses fewer than two options or no answers', () => {
		// Arrange
		const raw = generateMultipleSelect({
			options: [{ id: 'a', text: 'A' }],
			answers: []
		});

		// Act
		const messages = issuesOf(raw);

		// Assert
		expect(messages).toEqual(
			expect.arrayContaining([
				'options: give at least two options',
				'answers: give at least one right answer'
			])
		);
	});
});

describe('multiple select in the statistics', () => {
	it('writes the chosen options, an id for one the bank no longer has', () => {
		// Act
		const known = answerText(multipleSelect, ['wsj', 'nyt']);
		const gone = answerText(multipleSelect, ['wsj', 'gone']);

		// Assert
		expect(known).toBe('The Wall Street Journal; The New York Times');
		expect(gone).toBe('The Wall Street Journal; gone');
	});

	it('draws one bar per option, the right ones marked', () => {
		// Act
		const bars = responseClasses(multipleSelect);

		// Assert
		expect(bars.map(({ id, correct }) => [id, correct])).toEqual([
			['wsj', true],
			['marshals', true],
			['nyt', false],
			['reuters', false]
		]);
	});

	it('puts an answer in the bar of every option it ticked, in option order', () => {
		// Act
		const bars = classify(multipleSelect, ['reuters', 'wsj']);

		// Assert
		expect(bars).toEqual(['wsj', 'reuters']);
	});

	it('counts an answer once for every option it ticked', () => {
		// Arrange
		const responses = [['wsj', 'marshals'], ['wsj'], ['wsj', 'nyt', 'reuters']].map((answer) => ({
			answer
		}));

		// Act
		const counts = optionCounts(multipleSelect, responses);

		// Assert
		expect(countsOf(counts)).toEqual({ wsj: 3, marshals: 1, nyt: 1, reuters: 1 });
	});
});

describe('live answers', () => {
	it('are composed and sent, never one tap: ticking one option is not yet the answer', () => {
		expect(multipleSelectModule.tapChoices(toPublic(multipleSelect))).toBeNull();
	});
});
