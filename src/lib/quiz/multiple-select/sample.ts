import type { MultipleSelectQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: MultipleSelectQuestion = {
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
