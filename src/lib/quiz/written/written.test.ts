import { countsOf, formData as form } from '../testing';
import { answerText, classify, optionCounts, responseClasses } from '../summary';
import { sample as written } from './sample';
import { describe, expect, it } from 'vitest';
import { writtenSchema, type WrittenQuestion } from './question';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

function generateWritten(overrides: Partial<WrittenQuestion> = {}): WrittenQuestion {
	return { ...written, ...overrides };
}

const messages = (input: unknown) => {
	const result = writtenSchema.safeParse(input);
	return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('written', () => {
	it('projects only the limits: no rubric, model answer, explanation or evidence', () => {
		// Arrange
		const question = generateWritten();
		const withoutGoal = generateWritten({ minWords: undefined });

		// Act
		const projected = toPublic(question);
		const projectedWithoutGoal = toPublic(withoutGoal);

		// Assert
		expect(projected).toStrictEqual({
			type: 'written',
			id: 'q-essay',
			prompt: 'How does the article support its main claim?',
			objective: 'evaluate-support',
			bloom: 'evaluate',
			minWords: 40,
			maxCharacters: 500
		});
		expect(Object.keys(projectedWithoutGoal)).not.toContain('minWords');
	});

	it('projects sentence starters, which help a student begin and are no part of the key', () => {
		// Arrange
		const frames = ['One piece of evidence that supports the claim is …', 'This matters because …'];
		const question = generateWritten({ frames });

		// Act
		const projected = toPublic(question);

		// Assert
		expect(projected.frames).toEqual(frames);
		expect(Object.keys(toPublic(generateWritten()))).not.toContain('frames');
		expect(JSON.stringify(projected)).not.toContain(question.modelAnswer);
	});

	it('tells "not answered" apart from a malformed answer', () => {
		// Arrange
		const question = toPublic(generateWritten());
		const unanswered = { ok: false, reason: 'unanswered' };
		const malformed = { ok: false, reason: 'malformed' };

		// Act
		const check = (entries: [string, string | Blob][]) => validate(form(entries), question);

		// Assert
		expect(check([])).toMatchObject(unanswered);
		expect(check([['q-essay', '']])).toMatchObject(unanswered);
		expect(check([['q-essay', ' \r\n\t ']])).toMatchObject(unanswered);
		expect(check([['q-essay', 'x'.repeat(501)]])).toMatchObject({
			...malformed,
			message: 'Your answer is too long. Keep it to 500 characters or fewer.'
		});
		expect(
			check([
				['q-essay', 'one'],
				['q-essay', 'two']
			])
		).toMatchObject(malformed);
		expect(check([['q-essay', new Blob(['an essay'])]])).toMatchObject(malformed);
		expect(check([['q-essay', 'x'.repeat(1024 * 1024)]])).toMatchObject({
			...malformed,
			message: expect.stringContaining('500 characters')
		});
	});

	it('accepts a short answer, trimmed, with line breaks as \\n', () => {
		// Arrange
		const question = toPublic(generateWritten());

		// Act
		const short = validate(form([['q-essay', '  Court filings (p11).\r\nAnd p02.  ']]), question);

		// Assert
		expect(short).toEqual({ ok: true, answer: 'Court filings (p11).\nAnd p02.' });
	});

	it('measures the limit after trimming and counts a line break once', () => {
		// Arrange
		const question = toPublic(generateWritten());
		const lines = Array.from({ length: 100 }, () => 'abcd').join('\r\n'); // 499 characters typed

		// Act
		const padded = validate(form([['q-essay', `   ${'x'.repeat(500)}   `]]), question);
		const manyLines = validate(form([['q-essay', lines]]), question);

		// Assert
		expect(padded).toEqual({ ok: true, answer: 'x'.repeat(500) });
		expect(manyLines).toMatchObject({ ok: true });
		expect(manyLines.ok && manyLines.answer).toHaveLength(499);
	});

	it('leaves scoring to a teacher and hands back the model answer and rubric', () => {
		// Arrange
		const question = generateWritten();

		// Act
		const result = score('It uses court filings.', question);

		// Assert
		expect(result).toEqual({
			status: 'pending-review',
			possible: 1,
			modelAnswer: 'It relies on court filings (p11) and one named official (p02).',
			rubric: question.rubric
		});
	});

	it('defaults maxCharacters to 3000 and refuses more than 10000', () => {
		// Arrange
		const { maxCharacters: _max, minWords: _min, ...withoutLimits } = generateWritten();

		// Act
		const parsed = writtenSchema.parse(withoutLimits);
		const tooLong = messages({ ...withoutLimits, maxCharacters: 10_001 });

		// Assert
		expect(parsed.maxCharacters).toBe(3000);
		expect(parsed.minWords).toBeUndefined();
		expect(tooLong).toEqual(['maxCharacters: maxCharacters is at most 10000']);
	});

	it('refuses a rubric without exactly four levels 0–3 in order, and an empty model answer', () => {
		// Arrange
		const [zero, one, two, three] = generateWritten().rubric;
		const shuffled = { ...generateWritten(), rubric: [zero, two, one, three] };
		const short = { ...generateWritten(), rubric: [zero, one, two] };
		const unreachable = { ...generateWritten(), minWords: 300, maxCharacters: 500 };
		const silent = { ...generateWritten(), modelAnswer: ' ' };

		// Act
		const [shuffledIssues, shortIssues, unreachableIssues, silentIssues, validIssues] = [
			shuffled,
			short,
			unreachable,
			silent,
			generateWritten()
		].map(messages);

		// Assert
		expect(shuffledIssues).toEqual([
			'rubric.1.level: expected level 1 here: levels go 0, 1, 2, 3 in ascending order',
			'rubric.2.level: expected level 2 here: levels go 0, 1, 2, 3 in ascending order'
		]);
		expect(shortIssues).toEqual(['rubric: give exactly 4 levels (0, 1, 2, 3), not 3']);
		expect(unreachableIssues).toEqual(['minWords: 300 words cannot fit in 500 characters']);
		expect(silentIssues).toEqual(['modelAnswer: must not be empty']);
		expect(validIssues).toBeUndefined();
	});
});

describe('written in the statistics', () => {
	it('writes the answer as it is, line breaks kept', () => {
		// Act
		const text = answerText(written, 'Court filings.\nAnd an official.');

		// Assert
		expect(text).toBe('Court filings.\nAnd an official.');
	});

	it("classifies answers by the teacher's mark, pending until there is one", () => {
		// Act
		const bars = responseClasses(written).map((bar) => bar.id);
		const classes = [null, 1, 2 / 3, 0].map((earned) => classify(written, 'My answer.', earned));
		const unmarked = classify(written, 'My answer.');

		// Assert
		expect(bars).toEqual(['correct', 'partial', 'incorrect', 'pending']);
		expect(classes).toEqual([['pending'], ['correct'], ['partial'], ['incorrect']]);
		expect(unmarked).toEqual(['pending']);
	});

	it('counts answers by their marks, unmarked ones as pending', () => {
		// Arrange
		const responses = [
			{ answer: 'a', earned: 1 },
			{ answer: 'b', earned: 1 / 3 },
			{ answer: 'c', earned: null },
			{ answer: 'd' }
		];

		// Act
		const counts = optionCounts(written, responses);

		// Assert
		expect(countsOf(counts)).toEqual({ correct: 1, partial: 1, incorrect: 0, pending: 2 });
	});
});
