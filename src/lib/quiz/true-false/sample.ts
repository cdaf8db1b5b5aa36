import type { TrueFalseQuestion } from './question';

/** A sample question, for this type's tests and for tests that iterate the registry. */
export const sample: TrueFalseQuestion = {
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
