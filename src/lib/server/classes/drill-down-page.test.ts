import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import { scoreAnswer } from '../../quiz/registry';
import type { SessionUser } from '../auth/session';
import { getContent } from '../content';
import type { Database } from '../db/database';
import { databaseFingerprint } from '../db/fingerprint';
import { describeOnEachEngine } from '../db/testing';
import { newUser } from '../progress/test-content';
import { quizQuestions, recordQuizAttempt } from '../quiz/answers';
import { rightAnswer } from '../seed';
import type { Field } from '../test-bad-input';
import { runRoute, type RouteAnswer } from '../test-route';
import { createAssignment } from './assignments';
import { addMember, createClass, removeMember, setClassArchived } from './classes';

// The drill-down page (/classes/[classId]/students/[studentId]/lessons/[slug]) and the student's side of
// returned work (/learn and /learn/returned), run in-process on both engines: who may open and act, what
// each action stores, and how a comment reaches the student and leaves /learn once read.

/** What a page load answered with, or a failed test when it answered a redirect. */
function dataOf<T>(answer: RouteAnswer): T {
	if (!('data' in answer)) throw new Error(`no data: ${JSON.stringify(answer)}`);
	return answer.data as T;
}

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const content = getContent();
const lesson = [...content.lessons.values()].find((l) => l.quizIds.length > 0)!;
const otherLesson = [...content.lessons.values()].find((l) => l.slug !== lesson.slug)!;

async function person(
	db: Database,
	name: string,
	role: 'student' | 'teacher'
): Promise<SessionUser> {
	const id = await newUser(db, name, role);
	return { id, username: `${role}-${id}`, displayName: name, role, isGuest: false };
}

async function arrange(db: Database) {
	const teacher = await person(db, 'Ms. Ruiz', 'teacher');
	const otherTeacher = await person(db, 'Mr. Other', 'teacher');
	const student = await person(db, 'Ana', 'student');
	const outsider = await person(db, 'Xavi', 'student');
	const leaver = await person(db, 'Lee', 'student');
	const klass = await createClass(db, teacher.id, 'Period 2', new Date(), 'America/Los_Angeles');
	const otherClass = await createClass(db, otherTeacher.id, 'Elsewhere');
	for (const who of [student, leaver]) await addMember(db, klass.id, who.id);
	await addMember(db, otherClass.id, outsider.id);
	const quiz = await createAssignment(db, {
		classId: klass.id,
		lessonSlug: lesson.slug,
		behaviour: 'quiz',
		dueAt: new Date(Date.now() + 2 * 86_400_000)
	});
	const graded = quizQuestions(lesson).map((question) => {
		const answer = rightAnswer(question);
		return { question, answer, score: scoreAnswer(answer, question) };
	});
	for (const who of [student, leaver]) {
		await recordQuizAttempt(db, lesson, who.id, graded, new Date());
	}
	await removeMember(db, klass.id, leaver.id);
	return { teacher, otherTeacher, student, outsider, leaver, klass, otherClass, quiz };
}

describeOnEachEngine('the drill-down page and returned work', (getDb) => {
	let w: Awaited<ReturnType<typeof arrange>>;
	beforeAll(async () => {
		current = getDb();
		w = await arrange(getDb());
	});

	const page = (
		who: SessionUser | null,
		options: { classId?: string; studentId?: string; slug?: string } = {}
	) =>
		`/classes/${options.classId ?? w.klass.id}/students/${options.studentId ?? w.student.id}/lessons/${options.slug ?? lesson.slug}`;
	const open = (who: SessionUser | null, options: Parameters<typeof page>[1] = {}) =>
		runRoute({ method: 'GET', path: page(who, options), user: who });
	const act = (
		who: SessionUser | null,
		action: string,
		fields: Record<string, string>,
		options: Parameters<typeof page>[1] = {}
	) =>
		runRoute({
			method: 'POST',
			path: `${page(who, options)}?/${action}`,
			user: who,
			body: { kind: 'form', fields: Object.entries(fields) as Field[] }
		});
	const overrides = () =>
		getDb()
			.read.select()
			.from(getDb().tables.assignmentOverrides)
			.where(eq(getDb().tables.assignmentOverrides.assignmentId, w.quiz.id));

	it('opens for the class’s teacher with the student’s attempt and policy, in the class’s zone', async () => {
		const answer = await open(w.teacher);
		expect(answer.status).toBe(200);
		const data = dataOf<{
			zone: string;
			work: {
				student: { id: string };
				attempts: { mode: string; answers: unknown[] }[];
				policies: unknown[];
			};
		}>(answer);
		expect(data.zone).toBe('Pacific Time');
		expect(data.work.student.id).toBe(w.student.id);
		expect(data.work.attempts.map((a) => [a.mode, a.answers.length])).toEqual([
			['quiz', lesson.quizIds.length]
		]);
		expect(data.work.policies).toMatchObject([
			{ assignmentId: w.quiz.id, attemptsAllowed: 1, submitted: 1, left: 0, canGrant: true }
		]);
	});

	it('is refused to everyone else: another teacher, a student, a visitor, and for outsiders or unknown lessons', async () => {
		const before = await databaseFingerprint(getDb());
		expect(await open(w.otherTeacher)).toMatchObject({
			status: 403,
			message: expect.stringContaining('This class belongs to another teacher')
		});
		expect(await open(w.student)).toMatchObject({
			status: 403,
			message: expect.stringContaining('This page is for teachers')
		});
		expect(await open(null)).toMatchObject({
			status: 303,
			location: expect.stringMatching(/^\/signin\?redirectTo=/)
		});
		expect(await open(w.teacher, { studentId: w.outsider.id })).toMatchObject({
			status: 404,
			message: expect.stringContaining('That student is not in this class')
		});
		expect(await open(w.teacher, { studentId: w.otherTeacher.id })).toMatchObject({ status: 404 });
		expect(
			await open(w.otherTeacher, { classId: w.otherClass.id, studentId: w.student.id })
		).toMatchObject({ status: 404 });
		expect(await open(w.teacher, { slug: 'no-such-lesson' })).toMatchObject({
			status: 404,
			message: expect.stringContaining('There is no such lesson')
		});
		for (const [action, fields] of [
			['grant', { assignmentId: w.quiz.id }],
			['reopen', { assignmentId: w.quiz.id, reopenDate: '2030-07-01', reopenTime: '15:30' }],
			['comment', { body: 'Taken over.' }]
		] as const) {
			expect(await act(w.otherTeacher, action, fields)).toMatchObject({ status: 403 });
			expect(await act(w.student, action, fields)).toMatchObject({ status: 403 });
			expect(await act(w.otherTeacher, action, fields, { classId: w.otherClass.id })).toMatchObject(
				{ status: 404 }
			);
		}
		expect(await databaseFingerprint(getDb())).toEqual(before);
	});

	it('grants one more attempt', async () => {
		expect(await act(w.teacher, 'grant', { assignmentId: w.quiz.id })).toMatchObject({
			status: 200,
			data: { done: `Ana has one more attempt at “${lesson.title}”.` }
		});
		expect(await overrides()).toMatchObject([
			{ userId: w.student.id, extraAttempts: 1, dueAt: null }
		]);
		const data = dataOf<{ work: { policies: { left: number }[] } }>(await open(w.teacher));
		expect(data.work.policies[0]).toMatchObject({ attemptsAllowed: 2, left: 1, granted: 1 });
	});

	it('reopens until a time typed in the class’s zone', async () => {
		const answer = await act(w.teacher, 'reopen', {
			assignmentId: w.quiz.id,
			reopenDate: '2030-07-01',
			reopenTime: '15:30'
		});
		expect(answer).toMatchObject({
			status: 200,
			data: { done: `“${lesson.title}” is open for Ana again.` }
		});
		// 15:30 in Los Angeles in July is 22:30 UTC
		expect(await overrides()).toMatchObject([
			{ extraAttempts: 1, dueAt: new Date('2030-07-01T22:30:00.000Z') }
		]);
	});

	it('refuses a reopen in the past, of another lesson’s or class’s assignment, sending the values back', async () => {
		const before = await databaseFingerprint(getDb());
		const past = { assignmentId: w.quiz.id, reopenDate: '2020-01-01', reopenTime: '09:00' };
		expect(await act(w.teacher, 'reopen', past)).toMatchObject({
			status: 400,
			data: { values: { form: 'reopen', ...past } }
		});
		expect(
			await act(
				w.teacher,
				'reopen',
				{ ...past, reopenDate: '2030-07-01' },
				{ slug: otherLesson.slug }
			)
		).toMatchObject({
			status: 404,
			message: expect.stringContaining('That assignment is not in this class')
		});
		expect(await databaseFingerprint(getDb())).toEqual(before);
	});

	it('acts only on a current member of an open class, but comments on a removed student’s work', async () => {
		const before = await databaseFingerprint(getDb());
		expect(await open(w.teacher, { studentId: w.leaver.id })).toMatchObject({ status: 200 });
		expect(
			await act(w.teacher, 'grant', { assignmentId: w.quiz.id }, { studentId: w.leaver.id })
		).toMatchObject({ status: 409, message: expect.stringContaining('no longer in the class') });
		expect(await databaseFingerprint(getDb())).toEqual(before);
		expect(
			await act(w.teacher, 'comment', { body: 'Still counts.' }, { studentId: w.leaver.id })
		).toMatchObject({ status: 200 });

		await setClassArchived(getDb(), w.klass.id, true);
		const archived = await databaseFingerprint(getDb());
		expect(await act(w.teacher, 'grant', { assignmentId: w.quiz.id })).toMatchObject({
			status: 409
		});
		expect(await act(w.teacher, 'comment', { body: 'Hello' })).toMatchObject({ status: 409 });
		expect(await databaseFingerprint(getDb())).toEqual(archived);
		await setClassArchived(getDb(), w.klass.id, false);
	});

	it('refuses an invisible comment, sending it back, and stores a good one trimmed', async () => {
		const before = await databaseFingerprint(getDb());
		expect(await act(w.teacher, 'comment', { body: 'A\u200bna' })).toMatchObject({
			status: 400,
			data: { values: { form: 'comment', body: 'A\u200bna' } }
		});
		expect(await databaseFingerprint(getDb())).toEqual(before);

		expect(
			await act(w.teacher, 'comment', { body: '  Cite p02 next time.\r\nGood start. ' })
		).toMatchObject({
			status: 200
		});
		const t = getDb().tables;
		const rows = await getDb()
			.read.select()
			.from(t.workComments)
			.where(
				and(eq(t.workComments.studentId, w.student.id), eq(t.workComments.classId, w.klass.id))
			);
		expect(rows).toMatchObject([
			{
				lessonSlug: lesson.slug,
				authorId: w.teacher.id,
				attemptId: null,
				body: 'Cite p02 next time.\nGood start.',
				seenAt: null
			}
		]);
	});

	it('shows the student a notice on /learn until /learn/returned is opened, which shows only their own', async () => {
		const learn = async (who: SessionUser) =>
			dataOf<{ returned: unknown[] }>(await runRoute({ method: 'GET', path: '/learn', user: who }))
				.returned;
		expect(await learn(w.student)).toEqual([
			{ kind: 'commented', lessonSlug: lesson.slug, lessonTitle: lesson.title, count: 1 }
		]);
		expect(await learn(w.outsider)).toEqual([]);

		const returned = await runRoute({ method: 'GET', path: '/learn/returned', user: w.student });
		expect(returned).toMatchObject({
			status: 200,
			data: {
				lessons: [
					{
						slug: lesson.slug,
						scores: [],
						comments: [
							{ body: 'Cite p02 next time.\nGood start.', isNew: true, className: 'Period 2' }
						]
					}
				]
			}
		});
		expect(await learn(w.student)).toEqual([]);
		const again = await runRoute({ method: 'GET', path: '/learn/returned', user: w.student });
		expect(again).toMatchObject({ data: { lessons: [{ comments: [{ isNew: false }] }] } });

		// the removed student's comment is theirs alone, and still unseen
		expect(await learn(w.leaver)).toMatchObject([{ kind: 'commented', count: 1 }]);
		expect(await runRoute({ method: 'GET', path: '/learn/returned', user: null })).toMatchObject({
			status: 303
		});
	});
});
