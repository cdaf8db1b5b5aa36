import type { ClassificationQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: ClassificationQuestion = {
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
