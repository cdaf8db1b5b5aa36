import { formData as form } from '../testing';
import { singleChoice } from '../samples';
import { describe, expect, it } from 'vitest';
import { singleChoiceSchema, type SingleChoiceQuestion } from './question';
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
