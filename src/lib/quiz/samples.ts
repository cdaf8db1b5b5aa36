// Test-only: one sample question of each type, for the type tests and the summary tests.
import type { ClassificationQuestion } from './classification/question';
import type { MultipleSelectQuestion } from './multiple-select/question';
import type { NumericQuestion } from './numeric/question';
import type { OrderingQuestion } from './ordering/question';
import type { SingleChoiceQuestion } from './single-choice/question';
import type { TrueFalseQuestion } from './true-false/question';
import type { WrittenQuestion } from './written/question';

export const singleChoice: SingleChoiceQuestion = {
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

export const multipleSelect: MultipleSelectQuestion = {
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

export const trueFalse: TrueFalseQuestion = {
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

export const ordering: OrderingQuestion = {
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

export const classification: ClassificationQuestion = {
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

export const numeric: NumericQuestion = {
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

export const written: WrittenQuestion = {
	id: 'q-essay',
	type: 'written',
	prompt: 'How does the article support its main claim?',
	objective: 'evaluate-support',
	bloom: 'evaluate',
	explanation: 'A strong answer names the sources and says what each adds.',
	evidence: [{ paragraph: 'p02' }, { paragraph: 'p11', quote: 'according to court filings' }],
	rubric: [
		{ level: 0, label: 'Not yet', description: 'No claim or no evidence.' },
		{ level: 1, label: 'Beginning', description: 'A claim with vague evidence.' },
		{ level: 2, label: 'Developing', description: 'A claim with one cited paragraph.' },
		{ level: 3, label: 'Secure', description: 'A claim with several cited paragraphs.' }
	],
	modelAnswer: 'It relies on court filings (p11) and one named official (p02).',
	minWords: 40,
	maxCharacters: 500
};
