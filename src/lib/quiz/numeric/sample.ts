import type { NumericQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: NumericQuestion = {
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
