import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { createAssignment } from './assignments';
import { addMember, createClass } from './classes';
import { addWorkComment } from './drill-down';
import { gradeWrittenResponse } from './grading';
import { openReturnedWork, returnedWorkNotices } from './returned-work';
import { content, newUser, sit } from './test-class';

const day = (n: number, hour = 9) => new Date(Date.UTC(2025, 2, n, hour));

/** Ana and Bo answered alpha's written question in a quiz for the class; Ana also has a beta comment. */
async function seed(db: Database) {
	const teacher = await newUser(db, 'Ms. Ruiz', 'teacher');
	const klass = await createClass(db, teacher, 'Period 6', day(1), 'Europe/Madrid');
	const [ana, bo] = [await newUser(db, 'Ana'), await newUser(db, 'Bo')];
	for (const id of [ana, bo]) await addMember(db, klass.id, id, day(1));
	await createAssignment(db, {
		classId: klass.id,
		lessonSlug: null,
		behaviour: 'quiz',
		dueAt: null
	});
	const written = async (userId: string) =>
		(
			await sit(db, {
				userId,
				lessonSlug: 'alpha',
				mode: 'quiz',
				at: day(2),
				answers: [{ questionId: 'a-written', answer: 'The Navy denied it in p01.', earned: null }]
			})
		).responseIds[0]!;
	const responses = { ana: await written(ana), bo: await written(bo) };
	const grade = (responseId: string, level: number, at: Date) =>
		gradeWrittenResponse(
			db,
			content,
			{ classId: klass.id, teacherId: teacher, responseId, level, comment: 'Cite the paragraph.' },
			at
		);
	return { teacher, klass, ana, bo, responses, grade };
}

describeOnEachEngine('returned work', (getDb) => {
	let w: Awaited<ReturnType<typeof seed>>;
	beforeAll(async () => {
		w = await seed(getDb());
	});

	it('has no notices before a teacher scores or comments', async () => {
		expect(await returnedWorkNotices(getDb(), content, w.ana)).toEqual([]);
		expect(await openReturnedWork(getDb(), content, w.ana, 'UTC', day(3))).toEqual([]);
	});

	it('gives one notice per lesson and kind, in lesson order, for unseen scores and comments', async () => {
		const db = getDb();
		expect(await w.grade(w.responses.ana, 2, day(3))).toMatchObject({ ok: true });
		expect(await w.grade(w.responses.bo, 3, day(3))).toMatchObject({ ok: true });
		const comment = { classId: w.klass.id, studentId: w.ana, authorId: w.teacher };
		await addWorkComment(
			db,
			{ ...comment, lessonSlug: 'beta', body: 'See me about beta.' },
			day(4)
		);
		await addWorkComment(db, { ...comment, lessonSlug: 'alpha', body: 'Nice.' }, day(4));
		await addWorkComment(db, { ...comment, lessonSlug: 'alpha', body: 'Also…' }, day(5));

		expect(await returnedWorkNotices(db, content, w.ana)).toEqual([
			{ kind: 'scored', lessonSlug: 'alpha', lessonTitle: 'Alpha, the first', count: 1 },
			{ kind: 'commented', lessonSlug: 'alpha', lessonTitle: 'Alpha, the first', count: 2 },
			{ kind: 'commented', lessonSlug: 'beta', lessonTitle: 'Beta', count: 1 }
		]);
		expect(await returnedWorkNotices(db, content, w.bo)).toEqual([
			{ kind: 'scored', lessonSlug: 'alpha', lessonTitle: 'Alpha, the first', count: 1 }
		]);
	});

	it('shows the student their own scored answers and comments, and marks only those seen', async () => {
		const db = getDb();
		const lessons = await openReturnedWork(db, content, w.ana, 'UTC', day(6));

		expect(lessons.map((l) => [l.slug, l.scores.length, l.comments.map((c) => c.body)])).toEqual([
			['alpha', 1, ['Also…', 'Nice.']],
			['beta', 0, ['See me about beta.']]
		]);
		expect(lessons[0]!.scores[0]).toMatchObject({
			responseId: w.responses.ana,
			answer: 'The Navy denied it in p01.',
			isNew: true,
			reveal: { teacherGrade: { level: 2, comment: 'Cite the paragraph.' } }
		});
		// 9:00 UTC on March 5 is 10:00 in Madrid
		expect(lessons[0]!.comments[0]).toMatchObject({
			authorName: 'Ms. Ruiz',
			className: 'Period 6',
			isNew: true,
			createdAt: { iso: '2025-03-05T09:00:00.000Z', text: 'Mar 5, 10:00 AM Central European Time' }
		});

		expect(await returnedWorkNotices(db, content, w.ana)).toEqual([]);
		expect(await returnedWorkNotices(db, content, w.bo)).toHaveLength(1);
		const [grade] = await db.read
			.select({ seenAt: db.tables.responseGrades.seenAt })
			.from(db.tables.responseGrades)
			.where(eq(db.tables.responseGrades.responseId, w.responses.ana));
		expect(grade).toEqual({ seenAt: day(6) });
		const again = await openReturnedWork(db, content, w.ana, 'UTC', day(7));
		expect(again[0]!.scores[0]!.isNew).toBe(false);
		expect(again[0]!.comments.every((c) => !c.isNew)).toBe(true);
	});

	it('brings the notice back when the teacher changes the score', async () => {
		expect(await w.grade(w.responses.ana, 3, day(8))).toMatchObject({ ok: true, regraded: true });
		expect(await returnedWorkNotices(getDb(), content, w.ana)).toEqual([
			{ kind: 'scored', lessonSlug: 'alpha', lessonTitle: 'Alpha, the first', count: 1 }
		]);
	});
});
