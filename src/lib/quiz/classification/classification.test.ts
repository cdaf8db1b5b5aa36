import { formData as form } from '../testing';
import { answerText, classify, responseClasses } from '../summary';
import { sample as classification } from './sample';
import { describe, expect, it } from 'vitest';
import { classificationSchema, type ClassificationQuestion } from './question';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

/** The sample with a third category and a statement in it. */
function generateClassification(
	overrides: Partial<ClassificationQuestion> = {}
): ClassificationQuestion {
	return {
		...classification,
		categories: [...classification.categories, { id: 'denial', label: 'Official denial' }],
		items: [
			...classification.items,
			{
				id: 's3',
				text: 'The ministry rejected the report.',
				category: 'denial',
				feedback: 'The ministry is denying something: that is an official denial.'
			}
		],
		...overrides
	};
}

describe('classification', () => {
	it('projects categories and items without the key, feedback, explanation or evidence', () => {
		// Arrange
		const question = generateClassification();

		// Act
		const projected = toPublic(question);

		// Assert
		expect(projected).toStrictEqual({
			type: 'classification',
			id: 'q-claims',
			prompt: 'Sort each statement from the article.',
			objective: 'claim-types',
			bloom: 'analyze',
			categories: [
				{ id: 'fact', label: 'Reported fact' },
				{ id: 'claim', label: 'Attributed claim' },
				{ id: 'denial', label: 'Official denial' }
			],
			items: [
				{ id: 's1', text: 'He was arrested on 12 May.' },
				{ id: 's2', text: 'Officials said he ran the network.' },
				{ id: 's3', text: 'The ministry rejected the report.' }
			]
		});
	});

	it('tells "not answered" apart from a malformed answer', () => {
		// Arrange
		const question = toPublic(generateClassification());
		const full: [string, string][] = [
			['q-claims.s1', 'fact'],
			['q-claims.s2', 'claim'],
			['q-claims.s3', 'denial']
		];
		const unanswered = { ok: false, reason: 'unanswered' };
		const malformed = { ok: false, reason: 'malformed' };

		// Act
		const check = (entries: [string, string | Blob][]) => validate(form(entries), question);

		// Assert
		expect(check([])).toMatchObject(unanswered);
		expect(check(full.map(([name]) => [name, '']))).toMatchObject(unanswered);
		expect(check([...full.slice(0, 2), ['q-claims.s3', '']])).toMatchObject({
			...unanswered,
			message: 'Sort every statement before you check.'
		});
		expect(check(full.slice(1))).toMatchObject({
			...unanswered,
			message: 'Sort every statement before you check.'
		});
		expect(check([...full.slice(0, 2), ['q-claims.s3', 'opinion']])).toMatchObject(malformed);
		expect(check([...full, ['q-claims.s4', 'fact']])).toMatchObject(malformed);
		expect(check([...full, ['q-claims', 'fact']])).toMatchObject(malformed);
		expect(check([...full, ['q-claims.s1', 'claim']])).toMatchObject(malformed);
		expect(check([...full.slice(0, 2), ['q-claims.s3', new Blob(['denial'])]])).toMatchObject(
			malformed
		);
		expect(check([...full.slice(0, 2), ['q-claims.s3', 'x'.repeat(1024 * 1024)]])).toMatchObject(
			malformed
		);
		// a malformed field wins over empty ones: the UI could not have sent it
		expect(check([['q-claims.s1', 'opinion']])).toMatchObject(malformed);
	});

	it('maps each item to the chosen category, ignoring other questions’ fields', () => {
		// Arrange
		const question = toPublic(generateClassification());
		const entries: [string, string][] = [
			['q-claims.s1', 'claim'],
			['q-claims.s2', 'claim'],
			['q-claims.s3', 'fact'],
			['q-claims-2.s1', 'anything'],
			['q-other', 'a']
		];

		// Act
		const result = validate(form(entries), question);

		// Assert
		expect(result).toEqual({ ok: true, answer: { s1: 'claim', s2: 'claim', s3: 'fact' } });
	});

	it('scores every item in its category 1 with no feedback', () => {
		// Arrange
		const question = generateClassification();

		// Act
		const result = score({ s1: 'fact', s2: 'claim', s3: 'denial' }, question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer:
				'He was arrested on 12 May. → Reported fact; Officials said he ran the network. → Attributed claim; The ministry rejected the report. → Official denial'
		});
	});

	it('gives the share of items sorted right, with the feedback of each misplaced item', () => {
		// Arrange
		const question = generateClassification();

		// Act
		const oneWrong = score({ s1: 'fact', s2: 'fact', s3: 'denial' }, question);
		const allWrong = score({ s1: 'claim', s2: 'denial', s3: 'fact' }, question);

		// Assert
		expect(oneWrong).toMatchObject({
			earned: 2 / 3,
			possible: 1,
			correct: false,
			feedback: [
				'“Officials said he ran the network.”: “Officials said” means the article reports a claim, not a fact.'
			]
		});
		expect(allWrong).toMatchObject({ earned: 0, correct: false });
		expect(allWrong.status === 'scored' && allWrong.feedback).toHaveLength(3);
	});

	it('counts a missing item as misplaced and never reads inherited keys', () => {
		// Arrange
		const question = generateClassification({
			items: [
				...generateClassification().items.slice(0, 2),
				{ id: 'constructor', text: 'A statistic', category: 'fact', feedback: 'Numbers.' }
			]
		});

		// Act
		const result = score({ s1: 'fact', s2: 'claim' }, question);

		// Assert
		expect(result).toMatchObject({
			earned: 2 / 3,
			correct: false,
			feedback: ['“A statistic”: Numbers.']
		});
	});

	it('refuses unknown categories, repeated ids, missing feedback and too few categories', () => {
		// Arrange
		const broken = {
			...generateClassification(),
			categories: [
				{ id: 'fact', label: 'Reported fact' },
				{ id: 'fact', label: 'Also a fact' }
			],
			items: [
				{ id: 's1', text: 'One', category: 'fact', feedback: 'x' },
				{ id: 's1', text: 'Two', category: 'opinion', feedback: 'y' }
			]
		};
		const silent = {
			...generateClassification(),
			items: [
				{ id: 's1', text: 'One', category: 'fact', feedback: 'x' },
				{ id: 's2', text: 'Two', category: 'fact' }
			]
		};
		const short = {
			...generateClassification(),
			categories: [{ id: 'fact', label: 'Reported fact' }],
			items: [
				{ id: 's1', text: 'One', category: 'fact', feedback: 'x' },
				{ id: 's2', text: 'Two', category: 'fact', feedback: 'y' }
			]
		};

		// Act
		const messages = (input: unknown) => {
			const result = classificationSchema.safeParse(input);
			return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		};

		// Assert
		expect(messages(broken)).toEqual([
			'categories.1.id: duplicate id "fact"',
			'items.1.id: duplicate id "s1"',
			'items.1.category: category "opinion" is not one of the categories'
		]);
		expect(messages(silent)).toEqual([
			'items.1.feedback: every item needs feedback for when it is sorted wrongly'
		]);
		expect(messages(short)).toEqual(['categories: give at least two categories']);
		expect(messages(generateClassification())).toBeUndefined();
	});
});

describe('classification in the statistics', () => {
	it('writes each item with its chosen category, an id for one the bank no longer has', () => {
		// Act
		const known = answerText(classification, { s2: 'fact', s1: 'fact' });
		const gone = answerText(classification, { s1: 'gone', s2: 'claim' });

		// Assert
		expect(known).toBe(
			'He was arrested on 12 May. → Reported fact; Officials said he ran the network. → Reported fact'
		);
		expect(gone).toBe(
			'He was arrested on 12 May. → gone; Officials said he ran the network. → Attributed claim'
		);
	});

	it('classifies a sort by its own score', () => {
		// Act
		const bars = responseClasses(classification).map((bar) => bar.id);
		const classes = [
			classify(classification, { s1: 'fact', s2: 'claim' }),
			classify(classification, { s1: 'fact', s2: 'fact' }),
			classify(classification, { s1: 'claim', s2: 'fact' })
		];

		// Assert
		expect(bars).toEqual(['correct', 'partial', 'incorrect']);
		expect(classes).toEqual([['correct'], ['partial'], ['incorrect']]);
	});
});
