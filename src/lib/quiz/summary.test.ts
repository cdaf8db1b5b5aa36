import { describe, expect, it } from 'vitest';
import type { ClassificationQuestion } from './classification/question';
import type { MultipleSelectQuestion } from './multiple-select/question';
import type { NumericQuestion } from './numeric/question';
import type { OrderingQuestion } from './ordering/question';
import type { Answer, Question } from './registry';
import type { SingleChoiceQuestion } from './single-choice/question';
import { answerText, classify, optionCounts, responseClasses } from './summary';
import type { TrueFalseQuestion } from './true-false/question';
import type { WrittenQuestion } from './written/question';

const singleChoice: SingleChoiceQuestion = {
	id: 'q-outlet',
	type: 'single-choice',
	prompt: 'Who published the article?',
	objective: 'sourcing',
	bloom: 'remember',
	explanation: 'The page is Truthout’s.',
	evidence: [{ paragraph: 'p01' }],
	options: [
		{ id: 'a', text: 'The Wall Street Journal', feedback: 'The WSJ is a source it cites.' },
		{ id: 'b', text: 'Truthout' },
		{ id: 'c', text: 'The US Marshals Service', feedback: 'They are a subject, not the publisher.' }
	],
	answer: 'b'
};

const multipleSelect: MultipleSelectQuestion = {
	id: 'q-cited',
	type: 'multiple-select',
	prompt: 'Which sources does the article cite?',
	objective: 'sourcing',
	bloom: 'remember',
	explanation: 'Paragraphs 3 and 9 name them.',
	evidence: [{ paragraph: 'p03' }, { paragraph: 'p09' }],
	options: [
		{ id: 'wsj', text: 'The Wall Street Journal' },
		{ id: 'marshals', text: 'The US Marshals Service' },
		{ id: 'nyt', text: 'The New York Times', feedback: 'The Times is never mentioned.' },
		{ id: 'reuters', text: 'Reuters', feedback: 'Reuters is not cited.' }
	],
	answers: ['wsj', 'marshals']
};

const trueFalse: TrueFalseQuestion = {
	id: 'q-extradition',
	type: 'true-false',
	prompt: 'The article says every extradition request was granted.',
	objective: 'close-reading',
	bloom: 'understand',
	explanation: 'Paragraph 12 says several requests were refused.',
	evidence: [{ paragraph: 'p12', quote: 'several requests were refused' }],
	answer: false,
	feedback: 'A headline number of extraditions is not the same as every request granted.'
};

const ordering: OrderingQuestion = {
	id: 'q-timeline',
	type: 'ordering',
	prompt: 'Put the events in the order they happened.',
	objective: 'chronology',
	bloom: 'understand',
	explanation: 'The arrest came first, then the charges, then the extradition request.',
	evidence: [{ paragraph: 'p03' }, { fact: 'B4' }],
	items: [
		{ id: 'arrest', text: 'The arrest in Los Angeles' },
		{ id: 'charges', text: 'The charges are filed' },
		{ id: 'request', text: 'Mexico asks for him back' }
	],
	answer: ['arrest', 'charges', 'request'],
	feedback: 'A request to send someone back can only follow an arrest.'
};

const classification: ClassificationQuestion = {
	id: 'q-claims',
	type: 'classification',
	prompt: 'Sort each statement from the article.',
	objective: 'claim-types',
	bloom: 'analyze',
	explanation: 'Who says it, and whether it can be checked, decides the kind of statement.',
	evidence: [{ paragraph: 'p05', quote: 'officials said' }],
	categories: [
		{ id: 'fact', label: 'Reported fact' },
		{ id: 'claim', label: 'Attributed claim' }
	],
	items: [
		{
			id: 's1',
			text: 'He was arrested on 12 May.',
			category: 'fact',
			feedback: 'The date is checked against court records, so it is a reported fact.'
		},
		{
			id: 's2',
			text: 'Officials said he ran the network.',
			category: 'claim',
			feedback: '“Officials said” means the article reports a claim, not a fact.'
		}
	]
};

const numeric: NumericQuestion = {
	id: 'q-extradited',
	type: 'numeric',
	prompt: 'How many people did Mexico send to the US in February 2025?',
	objective: 'close-reading',
	bloom: 'remember',
	explanation: 'Paragraph 2 gives the number: 29.',
	evidence: [{ paragraph: 'p02', quote: '29' }],
	answer: 29,
	tolerance: 0,
	unit: 'people',
	feedback: 'Look for the number in paragraph 2.',
	mistakes: [{ value: 26, feedback: '26 is the second transfer, in August.' }]
};

const written: WrittenQuestion = {
	id: 'q-essay',
	type: 'written',
	prompt: 'How does the article support its main claim?',
	objective: 'evaluate-support',
	bloom: 'evaluate',
	explanation: 'A strong answer names the sources and says what each adds.',
	evidence: [{ paragraph: 'p11', quote: 'according to court filings' }],
	rubric: [
		{ level: 0, label: 'Not yet', description: 'No claim or no evidence.' },
		{ level: 1, label: 'Beginning', description: 'A claim with vague evidence.' },
		{ level: 2, label: 'Developing', description: 'A claim with one cited paragraph.' },
		{ level: 3, label: 'Secure', description: 'A claim with several cited paragraphs.' }
	],
	modelAnswer: 'It relies on court filings (p11) and one named official (p02).',
	maxCharacters: 500
};

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
