import { describe, expect, it } from 'vitest';
// A test runs in Node, never in the browser: it reads the real banks, answers included, to check what leaves.
// eslint-disable-next-line no-restricted-imports
import { buildContent } from '../server/content/build';
// eslint-disable-next-line no-restricted-imports
import { readContentFiles } from '../server/content/content-files';
import { questionTypes, toPublicQuestion, type Question } from './registry';

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

/** Every text a student may see only after submitting. */
function secretTexts(question: Question): string[] {
	const texts = [question.explanation];
	switch (question.type) {
		case 'single-choice':
		case 'multiple-select':
			texts.push(...question.options.flatMap((option) => option.feedback ?? []));
			break;
		case 'true-false':
		case 'ordering':
			texts.push(question.feedback);
			break;
		case 'classification':
			texts.push(...question.items.map((item) => item.feedback));
			break;
		case 'numeric':
			texts.push(question.feedback, ...(question.mistakes ?? []).map((m) => m.feedback));
			break;
		case 'written':
			texts.push(question.modelAnswer, ...question.rubric.map((level) => level.description));
			break;
	}
	return texts;
}

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
			for (const text of secretTexts(question)) {
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

	it('shows ordering items in neither the answer order nor its reverse', () => {
		// Arrange
		const ordering = questions.filter((question) => question.type === 'ordering');

		// Act
		const shown = ordering.map((question) => {
			const projected = toPublicQuestion(question);
			return { question, ids: projected.items.map((item) => item.id) };
		});

		// Assert
		expect(shown.length).toBeGreaterThan(0);
		for (const { question, ids } of shown) {
			expect(ids, question.id).not.toEqual(question.answer);
			expect(ids, question.id).not.toEqual([...question.answer].reverse());
			expect([...ids].sort(), question.id).toEqual([...question.answer].sort());
		}
	});
});
