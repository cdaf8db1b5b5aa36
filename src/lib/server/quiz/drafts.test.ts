import { expect, it } from 'vitest';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleLessonFiles, sampleSourceFile } from '../content/sample-files';
import { describeOnEachEngine } from '../db/testing';
import { newUser } from '../progress/test-content';
import { draftAnswers, recordQuizAttempt, gradeQuizAnswers } from './answers';
import { loadQuizDraft, saveQuizDraft } from './drafts';

// the sample lesson's quiz: s-choice (single choice, a is right) and s-written
const { content } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [sampleLessonFiles()]
});
const lesson = content.lessons.get('sample')!;
const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(entries)) data.append(name, value);
	return data;
};
const t0 = new Date('2026-12-01T17:00:00.000Z');

it('keeps only the valid answers of a posted quiz form', () => {
	expect(draftAnswers(lesson, form({ 's-choice': 'a', 's-written': '   ' }))).toEqual({
		's-choice': 'a'
	});
	// an option the question does not have is not an answer
	expect(draftAnswers(lesson, form({ 's-choice': 'zz' }))).toEqual({});
});

describeOnEachEngine('quiz drafts', (getDb) => {
	it('gives back the answers saved last, for this student and lesson only', async () => {
		const db = getDb();
		const student = await newUser(db, 'Student');
		const other = await newUser(db, 'Other');
		const key = { userId: student, lessonSlug: 'sample' };
		await saveQuizDraft(db, key, { 's-choice': 'b' }, t0);
		await saveQuizDraft(db, key, { 's-choice': 'a', 's-written': 'It was denied (p01).' }, t0);

		expect(await loadQuizDraft(db, lesson, key)).toEqual({
			's-choice': 'a',
			's-written': 'It was denied (p01).'
		});
		expect(await loadQuizDraft(db, lesson, { userId: other, lessonSlug: 'sample' })).toEqual({});
	});

	it('drops a saved answer that no longer fits its question', async () => {
		const db = getDb();
		const student = await newUser(db, 'Student');
		const key = { userId: student, lessonSlug: 'sample' };
		await saveQuizDraft(db, key, { 's-choice': 'no-such-option', 's-written': 'Kept.' }, t0);
		expect(await loadQuizDraft(db, lesson, key)).toEqual({ 's-written': 'Kept.' });
	});

	it('is cleared when the quiz is submitted', async () => {
		const db = getDb();
		const student = await newUser(db, 'Student');
		const key = { userId: student, lessonSlug: 'sample' };
		const answers = form({ 's-choice': 'a', 's-written': 'It was denied (p01).' });
		await saveQuizDraft(db, key, draftAnswers(lesson, answers), t0);
		await recordQuizAttempt(db, lesson, student, gradeQuizAnswers(lesson, answers).graded, t0);
		expect(await loadQuizDraft(db, lesson, key)).toEqual({});
	});
});
