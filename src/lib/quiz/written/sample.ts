import type { WrittenQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: WrittenQuestion = {
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
