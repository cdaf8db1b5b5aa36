import { countsOf, formData as form } from '../testing';
import { answerText, classify, optionCounts, responseClasses } from '../summary';
import { sample as trueFalse } from './sample';
import { describe, expect, it } from 'vitest';
import { trueFalseSchema, type TrueFalseQuestion } from './question';
import { trueFalse as trueFalseModule } from './index';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

function generateTrueFalse(overrides: Partial<TrueFalseQuestion> = {}): TrueFalseQuestion {
	return { ...trueFalse, ...overrides };
}

const issuesOf = (raw: unknown) => {
	const result = trueFalseSchema.safeParse(raw);
	return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('true or false', () => {
	it('projects the statement without the answer, feedback, explanation or evidence', () => {
		// Arrange
		const question = generateTrueFalse();

		// Act
		const projected = toPublic(question);

		// Assert
		expect(projected).toStrictEqual({
			type: 'true-false',
			id: 'q-extradition',
			prompt: 'The article says every extradition request was granted.',
			objective: 'close-reading',
			bloom: 'understand'
		});
	});

	it('treats no choice as unanswered', () => {
		// Arrange
		const question = toPublic(generateTrueFalse());

		// Act
		const none = validate(form([]), question);
		const empty = validate(form([['q-extradition', '']]), question);

		// Assert
		expect(none).toMatchObject({ ok: false, reason: 'unanswered' });
		expect(empty).toMatchObject({ ok: false, reason: 'unanswered' });
	});

	it('refuses what the radios cannot send as malformed', () => {
		// Arrange
		const question = toPublic(generateTrueFalse());
		const cases: [string, string | Blob][][] = [
			[['q-extradition', 'yes']],
			[['q-extradition', 'True']],
			[
				['q-extradition', 'true'],
				['q-extradition', 'false']
			],
			[['q-extradition', new Blob(['true'])]],
			[['q-extradition', 'x'.repeat(1024 * 1024)]]
		];

		// Act
		const results = cases.map((entries) => validate(form(entries), question));

		// Assert
		for (const result of results) {
			expect(result).toMatchObject({ ok: false, reason: 'malformed' });
		}
	});

	it('reads "true" and "false" as booleans', () => {
		// Arrange
		const question = toPublic(generateTrueFalse());

		// Act
		const yes = validate(form([['q-extradition', 'true']]), question);
		const no = validate(form([['q-extradition', 'false']]), question);

		// Assert
		expect(yes).toEqual({ ok: true, answer: true });
		expect(no).toEqual({ ok: true, answer: false });
	});

	it('scores the right value 1 without feedback', () => {
		// Arrange
		const question = generateTrueFalse();

		// Act
		const result = score(false, question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer: 'False'
		});
	});

	it('scores the wrong value 0 with the misconception', () => {
		// Arrange
		const question = generateTrueFalse({ answer: true });

		// Act
		const result = score(false, question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 0,
			possible: 1,
			correct: false,
			feedback: ['A headline number of extraditions is not the same as every request granted.'],
			correctAnswer: 'True'
		});
	});

	it('accepts a well-formed question', () => {
		// Arrange
		const raw = generateTrueFalse();

		// Act
		const result = trueFalseSchema.safeParse(raw);

		// Assert
		expect(result.success).toBe(true);
	});

	it('refuses a question-shaped prompt and an empty feedback', () => {
		// Arrange
		const raw = generateTrueFalse({ prompt: 'Was every request granted?', feedback: '  ' });

		// Act
		const messages = issuesOf(raw);

		// Assert
		expect(messages).toEqual([
			'feedback: must not be empty',
			'prompt: a true-false prompt is a statement, not a question'
		]);
	});

	it('refuses a missing feedback and a non-boolean answer', () => {
		// Arrange
		const { feedback: _feedback, ...noFeedback } = generateTrueFalse();
		const raw = { ...noFeedback, answer: 'false' };

		// Act
		const messages = issuesOf(raw);

		// Assert
		expect(messages).toEqual([
			'answer: Invalid input: expected boolean, received string',
			'feedback: Invalid input: expected string, received undefined'
		]);
	});
});

describe('true or false in the statistics', () => {
	it('writes True or False', () => {
		// Act
		const texts = [answerText(trueFalse, true), answerText(trueFalse, false)];

		// Assert
		expect(texts).toEqual(['True', 'False']);
	});

	it('draws a bar for each value, the key marked right, and counts answers in them', () => {
		// Act
		const bars = responseClasses(trueFalse);
		const chosen = classify(trueFalse, true);
		const counts = optionCounts(trueFalse, [
			{ answer: true },
			{ answer: false },
			{ answer: false }
		]);

		// Assert
		expect(bars).toEqual([
			{ id: 'true', label: 'True', correct: false },
			{ id: 'false', label: 'False', correct: true }
		]);
		expect(chosen).toEqual(['true']);
		expect(countsOf(counts)).toEqual({ true: 1, false: 2 });
	});
});

describe('one-tap answers in a live session', () => {
	it('offers True then False as tiles, posting the values validate() reads', () => {
		expect(trueFalseModule.tapChoices(toPublic(trueFalse))).toEqual([
			{ id: 'true', text: 'True' },
			{ id: 'false', text: 'False' }
		]);
	});
});
