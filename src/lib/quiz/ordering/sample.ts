import type { OrderingQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: OrderingQuestion = {
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
