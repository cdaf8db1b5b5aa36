import { formData as form } from '../testing';
import { answerText, classify, responseClasses } from '../summary';
import { sample as ordering } from './sample';
import { describe, expect, it } from 'vitest';
// A test runs in Node, never in the browser: it reads the real banks, answers included, to check what leaves.
// eslint-disable-next-line no-restricted-imports
import { buildContent } from '../../server/content/build';
// eslint-disable-next-line no-restricted-imports
import { readContentFiles } from '../../server/content/content-files';
import { orderingSchema, type OrderingQuestion } from './question';
import { toPublic } from './public';
import { score } from './score';
import { validate } from './validate';

/** The sample with a fourth event, last in time. */
function generateOrdering(overrides: Partial<OrderingQuestion> = {}): OrderingQuestion {
	return {
		...ordering,
		items: [...ordering.items, { id: 'release', text: 'He is released' }],
		answer: [...ordering.answer, 'release'],
		...overrides
	};
}

/** every item's field, set to its position in `order` (1-based) */
const positions = (order: string[]): [string, string][] =>
	order.map((id, index) => [`q-timeline.${id}`, String(index + 1)]);

describe('ordering', () => {
	it('projects the items without the key, feedback, explanation or evidence', () => {
		// Arrange
		const question = generateOrdering();

		// Act
		const projected = toPublic(question);

		// Assert
		expect(Object.keys(projected).sort()).toEqual([
			'bloom',
			'id',
			'items',
			'objective',
			'prompt',
			'type'
		]);
		expect(projected).toMatchObject({
			type: 'ordering',
			id: 'q-timeline',
			prompt: 'Put the events in the order they happened.',
			objective: 'chronology',
			bloom: 'understand'
		});
		expect(projected.items).toHaveLength(4);
		expect(projected.items).toEqual(expect.arrayContaining(question.items));
		for (const item of projected.items) expect(Object.keys(item).sort()).toEqual(['id', 'text']);
	});

	it('shows the items in an order that ignores the YAML order and never gives the key away', () => {
		// Arrange
		const question = generateOrdering();
		const reordered = generateOrdering({ items: [...question.items].reverse() });
		// every possible key for three items: none of them may be shown as-is
		const three = generateOrdering().items.slice(0, 3);
		const ids = three.map((item) => item.id);
		const keys = ids.flatMap((a) =>
			ids.flatMap((b) => ids.filter((c) => c !== a && c !== b && a !== b).map((c) => [a, b, c]))
		);

		// Act
		const shown = toPublic(question).items.map((item) => item.id);
		const shownReordered = toPublic(reordered).items.map((item) => item.id);
		const shownForKeys = keys.map(
			(answer) => toPublic(generateOrdering({ items: three, answer })).items
		);

		// Assert
		expect(shownReordered).toEqual(shown);
		expect(shown).not.toEqual(question.answer);
		expect(keys).toHaveLength(6);
		shownForKeys.forEach((items, index) => {
			const order = items.map((item) => item.id);
			expect(order).not.toEqual(keys[index]);
			expect(order).not.toEqual([...keys[index]!].reverse());
		});
	});

	it('tells "not answered" apart from a malformed answer', () => {
		// Arrange
		const question = toPublic(generateOrdering());
		const right = positions(['arrest', 'charges', 'request', 'release']);
		const unanswered = { ok: false, reason: 'unanswered' };
		const malformed = { ok: false, reason: 'malformed' };

		// Act
		const check = (entries: [string, string | Blob][]) => validate(form(entries), question);

		// Assert
		expect(check([])).toMatchObject({ ...unanswered, message: 'Give each event a position.' });
		expect(check(right.map(([name]) => [name, '']))).toMatchObject({
			...unanswered,
			message: 'Give each event a position.'
		});
		expect(check([...right.slice(0, 3), ['q-timeline.release', '']])).toMatchObject(unanswered);
		expect(check(right.slice(0, 2))).toMatchObject(unanswered);
		expect(check([...right.slice(0, 3), ['q-timeline.release', '1']])).toMatchObject({
			...unanswered,
			message: 'Use each position once.'
		});
		expect(check([...right.slice(0, 3), ['q-timeline.release', '5']])).toMatchObject(malformed);
		expect(check([...right.slice(0, 3), ['q-timeline.release', '0']])).toMatchObject(malformed);
		expect(check([...right.slice(0, 3), ['q-timeline.release', '3.5']])).toMatchObject(malformed);
		expect(check([...right.slice(0, 3), ['q-timeline.release', ' 4']])).toMatchObject(malformed);
		expect(check([...right, ['q-timeline.release', '4']])).toMatchObject(malformed);
		expect(check([...right, ['q-timeline.escape', '']])).toMatchObject(malformed);
		expect(check([...right, ['q-timeline', '1']])).toMatchObject(malformed);
		expect(check([...right.slice(0, 3), ['q-timeline.release', new Blob(['4'])]])).toMatchObject(
			malformed
		);
		expect(
			check([...right.slice(0, 3), ['q-timeline.release', 'x'.repeat(1024 * 1024)]])
		).toMatchObject(malformed);
		// a malformed field wins over an empty one: the UI could not have sent either
		expect(check([['q-timeline.arrest', '9']])).toMatchObject(malformed);
	});

	it('turns positions into item ids in the student’s order, ignoring other questions’ fields', () => {
		// Arrange
		const question = toPublic(generateOrdering());
		const entries: [string, string][] = [
			['q-timeline.release', '1'],
			['q-timeline.arrest', '3'],
			['q-timeline.request', '2'],
			['q-timeline.charges', '4'],
			['q-timeline-2.arrest', 'whatever'],
			['q-other', 'a']
		];

		// Act
		const result = validate(form(entries), question);

		// Assert
		expect(result).toEqual({ ok: true, answer: ['release', 'request', 'arrest', 'charges'] });
	});

	it('scores the right order 1 with no feedback', () => {
		// Arrange
		const question = generateOrdering();

		// Act
		const result = score(['arrest', 'charges', 'request', 'release'], question);

		// Assert
		expect(result).toEqual({
			status: 'scored',
			earned: 1,
			possible: 1,
			correct: true,
			feedback: [],
			correctAnswer:
				'The arrest in Los Angeles → The charges are filed → Mexico asks for him back → He is released'
		});
	});

	it('gives the share of pairs in the right order as partial credit', () => {
		// Arrange
		const question = generateOrdering();

		// Act
		const oneSwap = score(['arrest', 'request', 'charges', 'release'], question);
		const reversed = score(['release', 'request', 'charges', 'arrest'], question);
		const lastFirst = score(['release', 'arrest', 'charges', 'request'], question);

		// Assert
		expect(oneSwap).toMatchObject({
			earned: 5 / 6,
			possible: 1,
			correct: false,
			feedback: ['A request to send someone back can only follow an arrest.']
		});
		expect(reversed).toMatchObject({ earned: 0, correct: false });
		expect(lastFirst).toMatchObject({ earned: 3 / 6, correct: false });
	});

	it('counts pairs with a missing or unknown item as wrong', () => {
		// Arrange
		const question = generateOrdering();

		// Act
		const missing = score(['arrest', 'charges', 'request'], question);
		const empty = score([], question);

		// Assert
		expect(missing).toMatchObject({ earned: 3 / 6, correct: false });
		expect(empty).toMatchObject({ earned: 0, correct: false });
	});

	it('refuses a key that is not a permutation of the items, repeated ids and too few items', () => {
		// Arrange
		const broken = {
			...generateOrdering(),
			items: [
				{ id: 'arrest', text: 'The arrest' },
				{ id: 'charges', text: 'The charges' },
				{ id: 'charges', text: 'The charges again' },
				{ id: 'release', text: 'The release' }
			],
			answer: ['arrest', 'escape', 'arrest']
		};
		const short = {
			...generateOrdering(),
			items: generateOrdering().items.slice(0, 2),
			answer: ['arrest', 'charges']
		};
		const silent = { ...generateOrdering(), feedback: '  ' };

		// Act
		const messages = (input: unknown) => {
			const result = orderingSchema.safeParse(input);
			return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		};

		// Assert
		expect(messages(broken)).toEqual(
			expect.arrayContaining([
				'items.2.id: duplicate id "charges"',
				'answer.1: "escape" is not one of the items',
				'answer.2: "arrest" appears more than once',
				'answer: item "charges" is missing from the answer',
				'answer: item "release" is missing from the answer'
			])
		);
		expect(messages(short)).toEqual(['items: give at least three items']);
		expect(messages(silent)).toEqual(['feedback: must not be empty']);
		expect(messages(generateOrdering())).toBeUndefined();
	});
});

describe('ordering in the statistics', () => {
	it('writes the order as a numbered list', () => {
		// Act
		const text = answerText(ordering, ['charges', 'arrest', 'request']);

		// Assert
		expect(text).toBe(
			'1. The charges are filed 2. The arrest in Los Angeles 3. Mexico asks for him back'
		);
	});

	it('classifies an order by its own score', () => {
		// Act
		const bars = responseClasses(ordering).map((bar) => bar.id);
		const classes = [
			classify(ordering, ['arrest', 'charges', 'request']),
			// pairs in order: arrest<request, charges<request; arrest<charges is not → 2/3
			classify(ordering, ['charges', 'arrest', 'request']),
			classify(ordering, ['request', 'charges', 'arrest'])
		];

		// Assert
		expect(bars).toEqual(['correct', 'partial', 'incorrect']);
		expect(classes).toEqual([['correct'], ['partial'], ['incorrect']]);
	});
});

describe('ordering questions of the real banks', () => {
	it('shows the items in neither the answer order nor its reverse', () => {
		// Arrange
		const { content } = buildContent(readContentFiles());
		const questions = [...content.questions.values()].flatMap(({ question }) =>
			question.type === 'ordering' ? [question] : []
		);

		// Act
		const shown = questions.map((question) => ({
			question,
			ids: toPublic(question).items.map((item) => item.id)
		}));

		// Assert
		expect(shown.length).toBeGreaterThan(0);
		for (const { question, ids } of shown) {
			expect(ids, question.id).not.toEqual(question.answer);
			expect(ids, question.id).not.toEqual([...question.answer].reverse());
			expect([...ids].sort(), question.id).toEqual([...question.answer].sort());
		}
	});
});
