import { describe, expect, it } from 'vitest';
import type { Answer, Question } from './registry';
import {
	classification,
	multipleSelect,
	numeric,
	ordering,
	singleChoice,
	trueFalse,
	written
} from './samples';
import { answerText, classify, optionCounts, responseClasses } from './summary';

/** bar id → count, for compact assertions */
const countsOf = (counts: { id: string; count: number }[]) =>
	Object.fromEntries(counts.map(({ id, count }) => [id, count]));

describe('answer text', () => {
	it('writes each type of answer in words', () => {
		// Arrange
		const cases: [Question, Answer, string][] = [
			[singleChoice, 'c', 'The US Marshals Service'],
			[multipleSelect, ['wsj', 'nyt'], 'The Wall Street Journal; The New York Times'],
			[trueFalse, true, 'True'],
			[trueFalse, false, 'False'],
			[
				ordering,
				['charges', 'arrest', 'request'],
				'1. The charges are filed 2. The arrest in Los Angeles 3. Mexico asks for him back'
			],
			[
				classification,
				{ s2: 'fact', s1: 'fact' },
				'He was arrested on 12 May. → Reported fact; Officials said he ran the network. → Reported fact'
			],
			[numeric, -2.5, '-2.5'],
			[numeric, 1234567, '1234567'],
			[written, 'Court filings.\nAnd an official.', 'Court filings.\nAnd an official.']
		];

		// Act
		const texts = cases.map(([question, answer]) => answerText(question, answer));

		// Assert
		expect(texts).toEqual(cases.map(([, , expected]) => expected));
	});

	it('falls back to the id of an option the bank no longer has', () => {
		// Act
		const single = answerText(singleChoice, 'gone');
		const multiple = answerText(multipleSelect, ['wsj', 'gone']);
		const sorted = answerText(classification, { s1: 'gone', s2: 'claim' });

		// Assert
		expect(single).toBe('gone');
		expect(multiple).toBe('The Wall Street Journal; gone');
		expect(sorted).toBe(
			'He was arrested on 12 May. → gone; Officials said he ran the network. → Attributed claim'
		);
	});
});

describe('response classes', () => {
	it('gives choice types one bar per option, marked right by the key', () => {
		// Act
		const single = responseClasses(singleChoice);
		const multiple = responseClasses(multipleSelect);
		const judged = responseClasses(trueFalse);

		// Assert
		expect(single).toEqual([
			{ id: 'a', label: 'The Wall Street Journal', correct: false },
			{ id: 'b', label: 'Truthout', correct: true },
			{ id: 'c', label: 'The US Marshals Service', correct: false }
		]);
		expect(multiple.map(({ id, correct }) => [id, correct])).toEqual([
			['wsj', true],
			['marshals', true],
			['nyt', false],
			['reuters', false]
		]);
		expect(judged).toEqual([
			{ id: 'true', label: 'True', correct: false },
			{ id: 'false', label: 'False', correct: true }
		]);
	});

	it('gives other types bars for how well the answer scored', () => {
		// Act
		const ids = [ordering, classification, numeric, written].map((question) =>
			responseClasses(question).map((bar) => bar.id)
		);

		// Assert
		expect(ids).toEqual([
			['correct', 'partial', 'incorrect'],
			['correct', 'partial', 'incorrect'],
			['correct', 'incorrect'],
			['correct', 'partial', 'incorrect', 'pending']
		]);
	});
});

describe('classify', () => {
	it('puts a choice answer in the bars of the options it chose', () => {
		// Act
		const single = classify(singleChoice, 'a');
		const unknown = classify(singleChoice, 'gone');
		const multiple = classify(multipleSelect, ['reuters', 'wsj']);
		const judged = classify(trueFalse, true);

		// Assert
		expect(single).toEqual(['a']);
		expect(unknown).toEqual([]);
		expect(multiple).toEqual(['wsj', 'reuters']);
		expect(judged).toEqual(['true']);
	});

	it('classifies scored types by their own score', () => {
		// Act
		const classes = [
			classify(ordering, ['arrest', 'charges', 'request']),
			// pairs in order: arrest<request, charges<request; arrest<charges is not → 2/3
			classify(ordering, ['charges', 'arrest', 'request']),
			classify(ordering, ['request', 'charges', 'arrest']),
			classify(classification, { s1: 'fact', s2: 'claim' }),
			classify(classification, { s1: 'fact', s2: 'fact' }),
			classify(classification, { s1: 'claim', s2: 'fact' }),
			classify(numeric, 29),
			classify(numeric, 26)
		];

		// Assert
		expect(classes).toEqual([
			['correct'],
			['partial'],
			['incorrect'],
			['correct'],
			['partial'],
			['incorrect'],
			['correct'],
			['incorrect']
		]);
	});

	it("classifies written answers by the teacher's mark, pending until there is one", () => {
		// Act
		const classes = [null, 1, 2 / 3, 0].map((earned) => classify(written, 'My answer.', earned));
		const unmarked = classify(written, 'My answer.');

		// Assert
		expect(classes).toEqual([['pending'], ['correct'], ['partial'], ['incorrect']]);
		expect(unmarked).toEqual(['pending']);
	});
});

describe('option counts', () => {
	it('counts single-choice answers per option, in option order', () => {
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

	it('counts a multiple-select answer once for every option it ticked', () => {
		// Arrange
		const responses = [['wsj', 'marshals'], ['wsj'], ['wsj', 'nyt', 'reuters']].map((answer) => ({
			answer
		}));

		// Act
		const counts = optionCounts(multipleSelect, responses);

		// Assert
		expect(countsOf(counts)).toEqual({ wsj: 3, marshals: 1, nyt: 1, reuters: 1 });
	});

	it('counts true-false and scored answers in their bars', () => {
		// Act
		const judged = optionCounts(trueFalse, [
			{ answer: true },
			{ answer: false },
			{ answer: false }
		]);
		const numbers = optionCounts(numeric, [{ answer: 29 }, { answer: 26 }, { answer: 30 }]);

		// Assert
		expect(countsOf(judged)).toEqual({ true: 1, false: 2 });
		expect(countsOf(numbers)).toEqual({ correct: 1, incorrect: 2 });
	});

	it('counts written answers by their marks, unmarked ones as pending', () => {
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
