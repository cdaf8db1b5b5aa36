import type { SingleChoiceQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: SingleChoiceQuestion = {
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
