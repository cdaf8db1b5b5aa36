import { describe, expect, it } from 'vitest';
// A test runs in Node, never in the browser: it reads the real banks, answers included, to check what leaves.
// eslint-disable-next-line no-restricted-imports
import { buildContent } from '../server/content/build';
// eslint-disable-next-line no-restricted-imports
import { readContentFiles } from '../server/content/content-files';
import { questionTypes, revealedTexts, toPublicQuestion, type Question } from './registry';

// Keys that hold answers or what is shown only after answering; none may appear in a projection.
const secretKeys = [
	'answer',
	'answers',
	'feedback',
	'explanation',
	'evidence',
	'rubric',
	'modelAnswer',
	'mistakes',
	'tolerance',
	'category'
];

/** Every key of every object in a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(keysOf);
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
	return [];
}

const { content, errors } = buildContent(readContentFiles());
const questions = [...content.questions.values()].map(({ question }) => question);

describe('public projections of the real question banks', () => {
	it('loads the real banks, with a question of every registered type', () => {
		// Arrange
		const types = new Set(questions.map((question) => question.type));

		// Act
		const missing = Object.keys(questionTypes).filter(
			(type) => !types.has(type as Question['type'])
		);

		// Assert
		expect(errors.map((error) => error.message)).toEqual([]);
		expect(questions.length).toBeGreaterThan(0);
		expect(missing).toEqual([]);
	});

	it('leaves out every explanation, feedback, model answer and rubric description', () => {
		// Arrange
		const leaks: string[] = [];
		let checked = 0;

		// Act
		for (const question of questions) {
			const json = JSON.stringify(toPublicQuestion(question));
			for (const text of revealedTexts(question)) {
				// compare as JSON, so quotation marks and line breaks are escaped the same way
				if (json.includes(JSON.stringify(text).slice(1, -1))) leaks.push(`${question.id}: ${text}`);
				checked++;
			}
		}

		// Assert
		expect(leaks).toEqual([]);
		expect(checked).toBeGreaterThanOrEqual(questions.length);
	});

	it('has no answer, feedback, explanation, evidence or rubric key at any depth', () => {
		// Arrange
		const found: string[] = [];

		// Act
		for (const question of questions) {
			const projected: unknown = JSON.parse(JSON.stringify(toPublicQuestion(question)));
			for (const key of keysOf(projected)) {
				if (secretKeys.includes(key)) found.push(`${question.id}: ${key}`);
			}
		}

		// Assert
		expect(questions.length).toBeGreaterThan(0);
		expect(found).toEqual([]);
	});
});
