import { describe, expect, it } from 'vitest';
import { answerField } from './fields';
import { formData } from './testing';
import {
	parseStoredAnswer,
	questionTypeIds,
	questionTypeModules,
	questionTypes,
	type Question
} from './registry';

// The contract every type's module keeps, checked on its own samples: what a new type must pass.
const cases = questionTypeModules().flatMap((module) =>
	module.samples.map((question) => [`${module.id} ${question.id}`, module, question] as const)
);

describe('the registry', () => {
	it('lists every type once, each with its own label and at least one sample', () => {
		// Act
		const labels = questionTypeIds.map((id) => questionTypes[id].label);

		// Assert
		expect(questionTypeIds.length).toBeGreaterThan(0);
		expect(new Set(labels).size).toBe(questionTypeIds.length);
		expect(labels.every((label) => label.trim() !== '')).toBe(true);
		expect(questionTypeIds.filter((id) => questionTypes[id].samples.length === 0)).toEqual([]);
	});
});

describe.each(cases)('the %s module', (_name, module, question) => {
	const { right, wrong } = module.demoAnswers(question);
	const publicQuestion = module.toPublic(question);

	it('has a sample that is a valid question of its type', () => {
		// Act
		const parsed = module.schema.safeParse(question);

		// Assert
		expect(parsed.success && parsed.data).toEqual(question);
		expect(question.type).toBe(module.id);
	});

	it('projects none of what a student sees only after submitting', () => {
		// Arrange
		const json = JSON.stringify(publicQuestion);

		// Act
		const leaked = module
			.revealedTexts(question)
			.filter((text) => json.includes(JSON.stringify(text).slice(1, -1)));

		// Assert
		expect(module.revealedTexts(question)).toContain(question.explanation);
		expect(leaked).toEqual([]);
	});

	it('reads the form it would post for an answer back into that answer', () => {
		// Act
		const read = [right, wrong].map((answer) =>
			module.validate(formData(module.formEntries(answer, publicQuestion)), publicQuestion)
		);

		// Assert
		expect(read).toEqual([
			{ ok: true, answer: right },
			{ ok: true, answer: wrong }
		]);
	});

	it('parses its right and wrong answers back from stored JSON, and nothing else', () => {
		// Act
		const stored = [right, wrong].map((answer) =>
			parseStoredAnswer(question as Question, JSON.parse(JSON.stringify(answer)))
		);
		const junk = [undefined, null, { nested: { deep: 1 } }].map((value) =>
			parseStoredAnswer(question as Question, value)
		);

		// Assert
		expect(stored).toEqual([
			{ ok: true, answer: right },
			{ ok: true, answer: wrong }
		]);
		expect(junk.map((parsed) => parsed.ok)).toEqual([false, false, false]);
	});

	it('scores its right answer right (or leaves it to a teacher) and its wrong one wrong', () => {
		// Act
		const rightScore = module.score(right, question);
		const wrongScore = module.score(wrong, question);

		// Assert
		if (module.gradedByTeacher) {
			expect(rightScore.status).toBe('pending-review');
			expect(module.rubric(question)?.length).toBeGreaterThan(0);
		} else {
			expect(rightScore).toMatchObject({ status: 'scored', correct: true, earned: 1 });
			expect(wrongScore).toMatchObject({ status: 'scored', correct: false });
			expect(module.rubric(question)).toBeNull();
		}
		expect(module.answerKeyText(question).trim()).not.toBe('');
	});

	it('tells the projector how to answer when a live session can ask it', () => {
		// Act
		const parts = module.projector(publicQuestion);

		// Assert
		expect(parts.length > 0).toBe(!module.gradedByTeacher);
	});

	it('answers with one tap only with choices that each post a complete answer', () => {
		// Act
		const taps = module.tapChoices(publicQuestion) ?? [];
		const posted = taps.map((choice) =>
			module.validate(formData([[answerField(question.id), choice.id]]), publicQuestion)
		);

		// Assert
		expect(posted.filter((validation) => !validation.ok)).toEqual([]);
	});
});
