import { formData as form } from '../testing';
import { answerText, classify, optionCounts, responseClasses } from '../summary';
import { sample as singleChoice } from './sample';
import { describe, expect, it } from 'vitest';
import { singleChoiceSchema, type SingleChoiceQuestion } from './question';
import { singleChoice as singleChoiceModule } from './index';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

function generateSingleChoice(overrides: Partial<SingleChoiceQuestion> = {}): SingleChoiceQuestion {
	return { ...singleChoice, ...overrides };
}

describe('single choice', () => {
	it('projects options without the key, feedback, explanation or evidence', () => {
		const projected = toPublic(generateSingleChoice());
		expect(projected).toEqual({
			type: 'single-choice',
			id: 'q-outlet',
			prompt: 'Who published the article?',
			objective: 'sourcing',
			bloom: 'remember',
			options: [
				{ id: 'a', text: 'The Wall Street Journal' },
				{ id: 'b', text: 'Truthout' },
				{ id: 'c', text: 'The US Marshals Service' }
			]
		});
	});

	it('tells "not answered" apart from a malformed answer', () => {
		const question = toPublic(generateSingleChoice());
		expect(validate(form([]), question)).toMatchObject({ ok: false, reason: 'unanswered' });
		expect(validate(form([['q-outlet', '']]), question)).toMatchObject({
			ok: false,
			reason: 'unanswered'
		});
		expect(validate(form([['q-outlet', 'z']]), question)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		expect(
			validate(
				form([
					['q-outlet', 'a'],
					['q-outlet', 'b']
				]),
				question
			)
		).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		expect(validate(form([['q-outlet', new Blob(['b'])]]), question)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		expect(validate(form([['q-outlet', 'x'.repeat(1024 * 1024)]]), question)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		expect(validate(form([['q-outlet', 'a']]), question)).toEqual({ ok: true, answer: 'a' });
	});

	it('scores the right option 1 and a wrong one 0 with that option’s feedback', () => {
		const question = generateSingleChoice();
		expect(score('b', question)).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer: 'Truthout'
		});
		expect(score('c', question)).toMatchObject({
			earned: 0,
			correct: false,
			feedback: ['They are a subject, not the publisher.']
		});
	});

	it('refuses a key that is not an option, a wrong option without feedback, and repeated option ids', () => {
		const result = singleChoiceSchema.safeParse({
			...generateSingleChoice({ answer: 'zz' }),
			options: [
				{ id: 'a', text: 'A' },
				{ id: 'a', text: 'B', feedback: 'x' }
			]
		});
		expect(result.success).toBe(false);
		const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				'answer: answer "zz" is not one of the options',
				'options.0: wrong option "a" needs feedback',
				'options.1.id: duplicate id "a"'
			])
		);
	});
});

describe('single choice in the statistics', () => {
	it('writes the chosen option, or its id when the bank no longer has it', () => {
		// Act
		const known = answerText(singleChoice, 'c');
		const gone = answerText(singleChoice, 'gone');

		// Assert
		expect(known).toBe('The US Marshals Service');
		expect(gone).toBe('gone');
	});

	it('draws one bar per option, marked right by the key', () => {
		// Act
		const bars = responseClasses(singleChoice);

		// Assert
		expect(bars).toEqual([
			{ id: 'a', label: 'The Wall Street Journal', correct: false },
			{ id: 'b', label: 'Truthout', correct: true },
			{ id: 'c', label: 'The US Marshals Service', correct: false }
		]);
	});

	it('puts an answer in the bar of the option it chose, and an unknown one in none', () => {
		// Act
		const chosen = classify(singleChoice, 'a');
		const unknown = classify(singleChoice, 'gone');

		// Assert
		expect(chosen).toEqual(['a']);
		expect(unknown).toEqual([]);
	});

	it('counts answers per option, in option order', () => {
		// Arrange
		const responses = ['b', 'a', 'b', 'b', 'gone'].map((answer) => ({ answer }));

		// Act
		const counts = optionCounts(singleChoice, responses);

		// Assert
		expect(counts).toEqual([
			{ id: 'a', label: 'The Wall Street Journal', correct: false, count: 1 },
			{ id: 'b', label: 'Truthout', correct: true, count: 3 },
			{ id: 'c', label: 'The US Marshals Service', correct: false, count: 0 }
		]);
	});
});

describe('one-tap answers in a live session', () => {
	it('offers each option as a tile, in the bank’s order', () => {
		expect(
			singleChoiceModule.tapChoices(toPublic(singleChoice))?.map((choice) => choice.id)
		).toEqual(['a', 'b', 'c']);
	});
});
