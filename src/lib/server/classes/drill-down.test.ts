import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { createAssignment } from './assignments';
import { addMember, createClass, removeMember } from './classes';
import {
	addWorkComment,
	grantAttempt,
	reopenUntil,
	studentLessonWork,
	studentOfClass
} from './drill-down';
import { content, newUser, sit } from './test-class';

const day = (n: number, hour = 9, minute = 0) => new Date(Date.UTC(2025, 2, n, hour, minute));
const alpha = content.lessons.get('alpha')!;
const beta = content.lessons.get('beta')!;

/**
 * Ana in a Los Angeles class with a two-attempt quiz on alpha (due March 10, 17:00 UTC, counting the
 * last attempt, 10 minutes): two quiz attempts (the second timed and over time), a practice sitting, and
 * a quiz for another teacher's class that must not show. Bo is in the class with no work; Cy was removed
 * but has work; Di is in another class only.
 */
async function seed(db: Database) {
	const teacher = await newUser(db, 'Teacher', 'teacher');
	const otherTeacher = await newUser(db, 'Other teacher', 'teacher');
	const klass = await createClass(db, teacher, 'Period 1', day(1), 'America/Los_Angeles');
	const otherClass = await createClass(db, otherTeacher, 'Elsewhere', day(1));
	const [ana, bo, cy, di] = await Promise.all(
		['Ana', 'Bo', 'Cy', 'Di'].map((name) => newUser(db, name))
	);
	for (const id of [ana!, bo!, cy!]) await addMember(db, klass.id, id, day(1));
	await addMember(db, otherClass.id, di!, day(1));
	await addMember(db, otherClass.id, ana!, day(1));
	const quiz = await createAssignment(
		db,
		{
			classId: klass.id,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: day(10, 17),
			policy: {
				attemptsAllowed: 2,
				gradingMethod: 'last',
				timeLimitMinutes: 10,
				answersShown: 'on-release',
				scoreShown: true
			}
		},
		day(1, 10)
	);
	const practice = await createAssignment(
		db,
		{
			classId: klass.id,
			lessonSlug: null,
			behaviour: 'practice',
			dueAt: null
		},
		day(1, 11)
	);
	const elsewhere = await createAssignment(db, {
		classId: otherClass.id,
		lessonSlug: 'alpha',
		behaviour: 'quiz',
		dueAt: null
	});

	const quizAnswers = (choice: string, tf: boolean) => [
		{ questionId: 'a-choice', answer: choice, earned: choice === 'a' ? 1 : 0 },
		{ questionId: 'a-tf', answer: tf, earned: tf === false ? 1 : 0 },
		{ questionId: 'a-written', answer: 'Because p01 says so.', earned: null }
	];
	await sit(db, {
		userId: ana!,
		lessonSlug: 'alpha',
		mode: 'practice',
		at: day(2),
		assignmentId: practice.id,
		answers: [{ questionId: 'a-check', answer: false, earned: 0 }]
	});
	const first = await sit(db, {
		userId: ana!,
		lessonSlug: 'alpha',
		mode: 'quiz',
		at: day(3),
		assignmentId: quiz.id,
		answers: quizAnswers('a', false)
	});
	const second = await sit(db, {
		userId: ana!,
		lessonSlug: 'alpha',
		mode: 'quiz',
		at: day(4, 9, 12),
		assignmentId: quiz.id,
		answers: quizAnswers('b', false)
	});
	// the second attempt started at 9:00 with a 9:10 deadline and came in at 9:12: over time
	await db.write((tx) =>
		tx
			.update(db.tables.attempts)
			.set({ startedAt: day(4, 9), deadlineAt: day(4, 9, 10) })
			.where(eq(db.tables.attempts.id, second.attemptId))
	);
	await sit(db, {
		userId: ana!,
		lessonSlug: 'alpha',
		mode: 'quiz',
		at: day(5),
		assignmentId: elsewhere.id,
		answers: quizAnswers('c', true)
	});
	await sit(db, {
		userId: cy!,
		lessonSlug: 'alpha',
		mode: 'quiz',
		at: day(3),
		assignmentId: quiz.id,
		answers: quizAnswers('a', true)
	});
	await removeMember(db, klass.id, cy!);
	return {
		teacher,
		klass,
		otherClass,
		ids: { ana: ana!, bo: bo!, cy: cy!, di: di! },
		quiz,
		practice,
		elsewhere,
		attempts: { first: first.attemptId, second: second.attemptId }
	};
}

describeOnEachEngine('a student’s work on a lesson (drill-down)', (getDb) => {
	let world: Awaited<ReturnType<typeof seed>>;
	beforeAll(async () => {
		world = await seed(getDb());
	});

	const work = async (studentId: string, lesson = alpha, now = day(6)) => {
		const student = await studentOfClass(getDb(), world.klass.id, studentId);
		if (!student) throw new Error('not a student of the class');
		return studentLessonWork(getDb(), content, world.klass, student, lesson, now);
	};

	it('finds members and removed students with work for the class, and no one else', async () => {
		const db = getDb();
		const { klass, ids, teacher } = world;

		expect(await studentOfClass(db, klass.id, ids.ana)).toMatchObject({
			displayName: 'Ana',
			member: true
		});
		expect(await studentOfClass(db, klass.id, ids.bo)).toMatchObject({ member: true });
		expect(await studentOfClass(db, klass.id, ids.cy)).toMatchObject({
			displayName: 'Cy',
			member: false
		});
		expect(await studentOfClass(db, klass.id, ids.di)).toBeNull();
		expect(await studentOfClass(db, klass.id, teacher)).toBeNull();
		expect(await studentOfClass(db, klass.id, 'no-such-user')).toBeNull();
	});

	it('lists only this class’s sittings, oldest first, with scores, time taken and over time', async () => {
		const { attempts } = await work(world.ids.ana);

		expect(
			attempts.map((a) => [a.title, a.mode, a.earned, a.possible, a.pending, a.answers.length])
		).toEqual([
			['Practice', 'practice', 0, 1, 0, 1],
			['Quiz attempt 1', 'quiz', 2, 2, 1, 3],
			['Quiz attempt 2', 'quiz', 1, 2, 1, 3]
		]);
		const [, first, second] = attempts;
		// started and submitted at one time: the start was not kept apart, so no time is claimed
		expect(first).toMatchObject({
			timeTakenMs: null,
			overTime: false,
			deadlineAt: null,
			counted: false
		});
		// 9:00 to 9:12 is 12 minutes; the deadline was 9:10, in Los Angeles 1:10 AM (PST until March 9)
		expect(second).toMatchObject({
			timeTakenMs: 12 * 60_000,
			overTime: true,
			counted: true,
			deadlineAt: { iso: '2025-03-04T09:10:00.000Z', text: 'Mar 4, 1:10 AM' },
			startedAt: { iso: '2025-03-04T09:00:00.000Z', text: 'Mar 4, 1:00 AM' }
		});
	});

	it('shows each answer in words with the feedback the lesson gives for it', async () => {
		const { attempts } = await work(world.ids.ana);
		const second = attempts[2]!;

		expect(second.answers.map((a) => [a.label, a.answer, a.reveal.score.status])).toEqual([
			['Quiz question 1', 'Nine', 'scored'],
			['Quiz question 2', 'False', 'scored'],
			['Quiz question 3', 'Because p01 says so.', 'pending-review']
		]);
		expect(second.answers[0]!.reveal).toMatchObject({
			questionId: 'a-choice',
			score: { correct: false, correctAnswer: 'Seven' },
			evidence: [
				{ kind: 'paragraph', paragraph: 'p02' },
				{ kind: 'fact', id: 'B1' }
			]
		});
		expect(attempts[0]!.answers[0]).toMatchObject({ label: 'Check 1', answer: 'False' });
	});

	it('says what the student sees of a quiz attempt under the policy: the score, then everything once released', async () => {
		const db = getDb();
		const before = await work(world.ids.ana);
		expect(before.attempts.filter((a) => a.mode === 'quiz').map((a) => a.studentSees)).toEqual([
			'score',
			'score'
		]);
		expect(before.attempts[0]!.studentSees).toBe('everything');

		await db.write((tx) =>
			tx
				.update(db.tables.assignments)
				.set({ answersReleasedAt: day(5) })
				.where(eq(db.tables.assignments.id, world.quiz.id))
		);
		const after = await work(world.ids.ana);
		expect(after.attempts[1]!.studentSees).toBe('everything');
		await db.write((tx) =>
			tx
				.update(db.tables.assignments)
				.set({ answersReleasedAt: null })
				.where(eq(db.tables.assignments.id, world.quiz.id))
		);
	});

	it('gives the student’s policy for each covering assignment, with attempts used and left', async () => {
		const { policies, gradingMethod } = await work(world.ids.ana);

		expect(gradingMethod).toBe('last');
		expect(policies).toMatchObject([
			{
				assignmentId: world.quiz.id,
				title: 'Alpha, the first',
				behaviour: 'quiz',
				attemptsAllowed: 2,
				submitted: 2,
				left: 0,
				granted: 0,
				dueAt: { iso: '2025-03-10T17:00:00.000Z', text: 'Mon, Mar 10, 10:00 AM Pacific Time' },
				reopenedUntil: null,
				timeLimitMs: 600_000,
				canGrant: true,
				canReopen: true,
				reopenSuggestion: { date: '2025-03-11', time: '10:00' },
				words: [
					'2 attempts',
					'Counts the last attempt',
					'Answers when you release them',
					'Score shown at once',
					'10-minute limit'
				]
			},
			{
				assignmentId: world.practice.id,
				behaviour: 'practice',
				left: null,
				dueAt: null,
				canGrant: false,
				canReopen: false,
				reopenSuggestion: null
			}
		]);
	});

	it('shows a lesson without work as empty, and a removed student’s work', async () => {
		const empty = await work(world.ids.bo, beta);
		expect(empty.attempts).toEqual([]);
		expect(empty.policies.map((p) => p.behaviour)).toEqual(['practice']);

		const removed = await work(world.ids.cy);
		expect(removed.student.member).toBe(false);
		expect(removed.attempts.map((a) => a.title)).toEqual(['Quiz attempt 1']);
	});

	it('grants one more attempt at a time, as an override row', async () => {
		const db = getDb();
		const key = {
			classId: world.klass.id,
			studentId: world.ids.bo,
			lessonSlug: 'alpha',
			assignmentId: world.quiz.id
		};
		expect(await grantAttempt(db, content, key, day(6))).toEqual({
			ok: true,
			title: 'Alpha, the first'
		});
		expect(await grantAttempt(db, content, key, day(7))).toMatchObject({ ok: true });
		const overrides = db.tables.assignmentOverrides;
		const rows = await db.read
			.select()
			.from(overrides)
			.where(and(eq(overrides.userId, world.ids.bo), eq(overrides.assignmentId, world.quiz.id)));
		expect(rows).toEqual([
			{
				assignmentId: world.quiz.id,
				userId: world.ids.bo,
				extraAttempts: 2,
				dueAt: null,
				updatedAt: day(7)
			}
		]);
		const [policy] = (await work(world.ids.bo)).policies;
		expect(policy).toMatchObject({ attemptsAllowed: 4, submitted: 0, left: 4, granted: 2 });
	});

	it('refuses to grant at practice, at another class’s assignment or one of another lesson', async () => {
		const db = getDb();
		const key = { classId: world.klass.id, studentId: world.ids.ana, lessonSlug: 'alpha' };
		const betaQuiz = await createAssignment(db, {
			classId: world.klass.id,
			lessonSlug: 'beta',
			behaviour: 'quiz',
			dueAt: null
		});
		const unlimited = await createAssignment(db, {
			classId: world.klass.id,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: null,
			policy: { attemptsAllowed: null }
		});
		expect(
			await grantAttempt(db, content, { ...key, assignmentId: world.practice.id })
		).toMatchObject({ ok: false, status: 409 });
		expect(await grantAttempt(db, content, { ...key, assignmentId: unlimited.id })).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('unlimited attempts')
		});
		expect(
			await grantAttempt(db, content, { ...key, assignmentId: world.elsewhere.id })
		).toMatchObject({ ok: false, status: 404 });
		expect(await grantAttempt(db, content, { ...key, assignmentId: betaQuiz.id })).toMatchObject({
			ok: false,
			status: 404
		});
		const rows = await db.read
			.select()
			.from(db.tables.assignmentOverrides)
			.where(eq(db.tables.assignmentOverrides.userId, world.ids.ana));
		expect(rows).toEqual([]);
	});

	it('reopens until a later instant, keeping granted attempts, and never shortens the time', async () => {
		const db = getDb();
		const key = {
			classId: world.klass.id,
			studentId: world.ids.bo,
			lessonSlug: 'alpha',
			assignmentId: world.quiz.id
		};
		expect(await reopenUntil(db, content, { ...key, until: day(9) }, day(6))).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await reopenUntil(db, content, { ...key, until: day(12) }, day(13))).toMatchObject({
			ok: false,
			status: 400
		});
		expect(
			await reopenUntil(db, content, { ...key, assignmentId: world.practice.id, until: day(20) })
		).toMatchObject({ ok: false, status: 409 });

		expect(await reopenUntil(db, content, { ...key, until: day(14, 20) }, day(12))).toEqual({
			ok: true,
			title: 'Alpha, the first'
		});
		const [policy] = (await work(world.ids.bo, alpha, day(12))).policies;
		expect(policy).toMatchObject({
			granted: 2,
			reopenedUntil: { iso: '2025-03-14T20:00:00.000Z', text: 'Fri, Mar 14, 1:00 PM Pacific Time' },
			reopenSuggestion: { date: '2025-03-15', time: '13:00' }
		});
	});

	it('stores a comment and lists the lesson’s comments newest first, with whether they were seen', async () => {
		const db = getDb();
		const key = {
			classId: world.klass.id,
			studentId: world.ids.ana,
			lessonSlug: 'alpha',
			authorId: world.teacher
		};
		await addWorkComment(db, { ...key, body: 'Look at p02 again.' }, day(6));
		const id = await addWorkComment(db, { ...key, body: 'Better!\nKeep going.' }, day(7));
		await addWorkComment(db, { ...key, lessonSlug: 'beta', body: 'Elsewhere.' }, day(7));
		await db.write((tx) =>
			tx
				.update(db.tables.workComments)
				.set({ seenAt: day(8) })
				.where(eq(db.tables.workComments.id, id))
		);

		const { comments } = await work(world.ids.ana, alpha, day(9));
		expect(comments.map((c) => [c.body, c.authorName, c.createdAt.text, c.seenAt?.text])).toEqual([
			['Better!\nKeep going.', 'Teacher', 'Mar 7, 1:00 AM', 'Mar 8, 1:00 AM'],
			['Look at p02 again.', 'Teacher', 'Mar 6, 1:00 AM', undefined]
		]);
	});
});
