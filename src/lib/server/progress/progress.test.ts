import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { answerPracticeQuestion, submitQuiz } from '../quiz/answers';
import {
	continueTarget,
	lessonProgress,
	markSectionRead,
	moduleProgress,
	recentQuizAttempts,
	type LessonProgress
} from './progress';
import { content, errors, newStudent, storeSitting } from './test-content';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute));
const bySlug = (progress: LessonProgress[], slug: string) => {
	const found = progress.find((p) => p.slug === slug);
	if (!found) throw new Error(`no progress for ${slug}`);
	return found;
};
const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

it('builds the sample module without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
	expect(content.lessons.get('first')?.sections.map((s) => s.id)).toEqual([
		'alpha',
		'beta',
		'gamma'
	]);
});

describeOnEachEngine('lesson progress', (getDb) => {
	async function read(userId: string, lessonSlug: string, sectionIds: string[], minute: number) {
		for (const sectionId of sectionIds) {
			const result = await markSectionRead(getDb(), content, {
				userId,
				lessonSlug,
				sectionId,
				now: at(minute)
			});
			expect(result).toMatchObject({ ok: true });
		}
	}

	it('marks a section read once: reading it again keeps the first time', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		const first = await markSectionRead(db, content, {
			userId,
			lessonSlug: 'first',
			sectionId: 'beta',
			now: at(1)
		});
		const again = await markSectionRead(db, content, {
			userId,
			lessonSlug: 'first',
			sectionId: 'beta',
			now: at(30)
		});

		expect(first).toEqual({ ok: true, sectionId: 'beta', firstRead: true });
		expect(again).toEqual({ ok: true, sectionId: 'beta', firstRead: false });
		const { sectionReads } = db.tables;
		const rows = await db.read
			.select({ readAt: sectionReads.readAt })
			.from(sectionReads)
			.where(and(eq(sectionReads.userId, userId), eq(sectionReads.lessonSlug, 'first')));
		expect(rows).toEqual([{ readAt: at(1) }]);
		expect(bySlug(await lessonProgress(db, content, userId), 'first')).toMatchObject({
			readSectionIds: ['beta'],
			sectionsRead: 1,
			lastActivityAt: at(1),
			nextSection: { id: 'alpha', title: 'Alpha' }
		});
	});

	it('refuses a section or lesson that does not exist, and stores nothing', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		expect(
			await markSectionRead(db, content, { userId, lessonSlug: 'first', sectionId: 'one' })
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await markSectionRead(db, content, { userId, lessonSlug: 'nope', sectionId: 'alpha' })
		).toMatchObject({ ok: false, status: 404 });
		const rows = await db.read
			.select()
			.from(db.tables.sectionReads)
			.where(eq(db.tables.sectionReads.userId, userId));
		expect(rows).toEqual([]);
	});

	it('starts every lesson at zero, with the first section next', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		const progress = await lessonProgress(db, content, userId);
		expect(progress.map((p) => p.slug)).toEqual(['intro', 'first', 'second']);
		expect(bySlug(progress, 'first')).toEqual({
			slug: 'first',
			number: 1,
			title: 'First',
			readSectionIds: [],
			sectionsRead: 0,
			sectionsTotal: 3,
			checksAnswered: 0,
			checksTotal: 1,
			hasQuiz: true,
			quizSubmitted: false,
			complete: false,
			percent: 0,
			lastActivityAt: null,
			nextSection: { id: 'alpha', title: 'Alpha' }
		});
		expect(moduleProgress(progress)).toEqual({ lessonsComplete: 0, lessonsTotal: 3, percent: 0 });
	});

	it('completes a lesson only when every section is read and its quiz is submitted', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(1),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		await read(userId, 'first', ['alpha', 'beta'], 2);
		let first = bySlug(await lessonProgress(db, content, userId), 'first');
		expect(first).toMatchObject({ quizSubmitted: true, complete: false, percent: 75 });
		expect(first.nextSection?.id).toBe('gamma');

		await read(userId, 'first', ['gamma'], 3);
		first = bySlug(await lessonProgress(db, content, userId), 'first');
		expect(first).toMatchObject({
			sectionsRead: 3,
			complete: true,
			percent: 100,
			nextSection: null,
			lastActivityAt: at(3)
		});

		// the lesson without a quiz is complete once its one section is read
		await read(userId, 'intro', ['welcome'], 4);
		const progress = await lessonProgress(db, content, userId);
		expect(bySlug(progress, 'intro')).toMatchObject({ hasQuiz: false, complete: true });
		// 1 + 4 of 1 + 4 + 3 steps
		expect(moduleProgress(progress)).toEqual({ lessonsComplete: 2, lessonsTotal: 3, percent: 62 });
	});

	it('does not count practice answers as a submitted quiz, but counts the checks answered', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		await read(userId, 'first', ['alpha', 'beta', 'gamma'], 1);
		const check = await answerPracticeQuestion(
			db,
			content,
			{ userId, lessonSlug: 'first', form: form({ questionId: 'f-check', 'f-check': 'true' }) },
			at(2)
		);
		const practice = await answerPracticeQuestion(
			db,
			content,
			{ userId, lessonSlug: 'first', form: form({ questionId: 'f-quiz', 'f-quiz': 'true' }) },
			at(3)
		);
		expect([check.ok, practice.ok]).toEqual([true, true]);
		let first = bySlug(await lessonProgress(db, content, userId), 'first');
		expect(first).toMatchObject({
			checksAnswered: 1,
			quizSubmitted: false,
			complete: false,
			percent: 75,
			lastActivityAt: at(3)
		});

		const quiz = await submitQuiz(
			db,
			content,
			{
				userId,
				lessonSlug: 'first',
				form: form({ 'f-quiz': 'false', 'f-judge': 'true', 'f-written': 'It was denied.' })
			},
			at(4)
		);
		expect(quiz.ok).toBe(true);
		first = bySlug(await lessonProgress(db, content, userId), 'first');
		// a wrong answer still submits the quiz: completion is about finishing, mastery about scores
		expect(first).toMatchObject({ quizSubmitted: true, complete: true, lastActivityAt: at(4) });

		// the same check again, later: still one check answered, and the latest answer's time counts
		await answerPracticeQuestion(
			db,
			content,
			{ userId, lessonSlug: 'first', form: form({ questionId: 'f-check', 'f-check': 'false' }) },
			at(5)
		);
		first = bySlug(await lessonProgress(db, content, userId), 'first');
		expect(first).toMatchObject({ checksAnswered: 1, complete: true, lastActivityAt: at(5) });
		// a lesson page asks for its own lesson alone, and gets the same
		expect(await lessonProgress(db, content, userId, 'first')).toEqual([first]);
	});

	it('continues at the first unread section of the unfinished lesson worked on last', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		const target = async () => continueTarget(await lessonProgress(db, content, userId));

		expect(await target()).toEqual({
			lessonSlug: 'intro',
			lessonTitle: 'Intro',
			section: { id: 'welcome', title: 'Welcome' },
			started: false
		});

		await read(userId, 'first', ['alpha'], 1);
		await storeSitting(db, {
			userId,
			lessonSlug: 'second',
			mode: 'practice',
			at: at(2),
			answers: [{ questionId: 's-quiz', earned: 0 }]
		});
		expect(await target()).toEqual({
			lessonSlug: 'second',
			lessonTitle: 'Second',
			section: { id: 'one', title: 'One' },
			started: true
		});

		// every section of the second read: its quiz is what is left
		await read(userId, 'second', ['one', 'two'], 3);
		expect(await target()).toMatchObject({ lessonSlug: 'second', section: null, started: true });

		// once the second is complete, the other unfinished lesson comes back, where it was left
		await storeSitting(db, {
			userId,
			lessonSlug: 'second',
			mode: 'quiz',
			at: at(4),
			answers: [{ questionId: 's-quiz', earned: 1 }]
		});
		expect(await target()).toMatchObject({
			lessonSlug: 'first',
			section: { id: 'beta' },
			started: true
		});

		await read(userId, 'first', ['beta', 'gamma'], 5);
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(6),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		// nothing started is left unfinished: the first lesson not complete, from the start
		expect(await target()).toMatchObject({ lessonSlug: 'intro', started: false });

		await read(userId, 'intro', ['welcome'], 7);
		expect(await target()).toBeNull();
	});

	it('does not let a review sitting move where a student left off', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		await read(userId, 'second', ['one'], 1);
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'review',
			at: at(2),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		const progress = await lessonProgress(db, content, userId);
		expect(bySlug(progress, 'first').lastActivityAt).toBeNull();
		expect(continueTarget(progress)).toMatchObject({
			lessonSlug: 'second',
			section: { id: 'two' }
		});
	});

	it('lists recent quiz attempts newest first, with scores and written answers pending', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		expect(await recentQuizAttempts(db, content, userId)).toEqual([]);
		const older = await storeSitting(db, {
			userId,
			lessonSlug: 'second',
			mode: 'quiz',
			at: at(1),
			answers: [{ questionId: 's-quiz', earned: 0 }]
		});
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'practice',
			at: at(2),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		const newer = await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(3),
			answers: [
				{ questionId: 'f-quiz', earned: 1 },
				{ questionId: 'f-judge', earned: 0.5 },
				{ questionId: 'f-written', earned: null, status: 'pending-review' }
			]
		});

		expect(await recentQuizAttempts(db, content, userId)).toEqual([
			{
				id: newer,
				lessonSlug: 'first',
				lessonTitle: 'First',
				submittedAt: at(3),
				earned: 1.5,
				possible: 3,
				pendingReview: 1,
				scoreShown: true
			},
			{
				id: older,
				lessonSlug: 'second',
				lessonTitle: 'Second',
				submittedAt: at(1),
				earned: 0,
				possible: 1,
				pendingReview: 0,
				scoreShown: true
			}
		]);
		expect((await recentQuizAttempts(db, content, userId, 1)).map((a) => a.id)).toEqual([newer]);
		// another student's attempts stay theirs
		expect(await recentQuizAttempts(db, content, await newStudent(db))).toEqual([]);
	});
});
