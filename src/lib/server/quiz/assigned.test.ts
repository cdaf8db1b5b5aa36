import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { gradedByTeacher, type Question } from '../../quiz/registry';
import type { SessionUser } from '../auth/session';
import { createAssignment } from '../classes/assignments';
import { addMember, createClass } from '../classes/classes';
import { classGrid } from '../classes/dashboard';
import type { PolicyChoices } from '../classes/quiz-policy';
import { getContent } from '../content';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleLessonFiles, sampleSourceFile } from '../content/sample-files';
import type { Database } from '../db/database';
import type { TimeAccommodation } from '../db/enums';
import { databaseFingerprint } from '../db/fingerprint';
import { describeOnEachEngine } from '../db/testing';
import { rightForm } from '../live/test-live';
import { objectiveMastery } from '../progress/mastery';
import { newUser } from '../progress/test-content';
import { answerReview, reviewPage } from '../review/sitting';
import { runRoute } from '../test-route';
import type { Field } from '../test-bad-input';
import { answerPracticeQuestion, quizQuestions } from './answers';
import {
	assignedQuiz,
	attemptVisibility,
	durationText,
	practiceClosure,
	quizCard,
	startAssignedQuiz,
	submitAssignedQuiz
} from './assigned';
import { classQuizAttempts, quizAttempts } from './own-answers';

// Rules run on a small sample lesson (quiz: s-choice and s-written; inline check: s-check) with injected
// times; the route wiring further down runs on the real lessons.
const { content, errors } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [sampleLessonFiles()]
});

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};
const allAnswered = () => form({ 's-choice': 'a', 's-written': 'It was denied (p01).' });
const choiceOnly = () => form({ 's-choice': 'a' });

// Tue, Dec 1 2026, 9:00 AM in Los Angeles; the quiz is due Sat, Dec 5, 3:30 PM there
const t0 = new Date('2026-12-01T17:00:00.000Z');
const due = new Date('2026-12-05T23:30:00.000Z');
const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

it('builds the sample lesson without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
});

describe('durationText', () => {
	it('says a time limit as people do', () => {
		expect(durationText(45 * 60_000)).toBe('45 minutes');
		expect(durationText(60 * 60_000)).toBe('1 hour');
		expect(durationText(75 * 60_000)).toBe('1 hour 15 minutes');
		expect(durationText(37.5 * 60_000)).toBe('37 minutes 30 seconds');
		expect(durationText(60_000)).toBe('1 minute');
	});

	it('says it in Spanish, with Spanish plurals, on a Spanish request', () => {
		const english = getLocale;
		overwriteGetLocale(() => 'es');
		try {
			expect(durationText(60 * 60_000)).toBe('1 hora');
			expect(durationText(75 * 60_000)).toBe('1 hora 15 minutos');
			expect(durationText(37.5 * 60_000)).toBe('37 minutos 30 segundos');
			expect(durationText(60_000)).toBe('1 minuto');
		} finally {
			overwriteGetLocale(english);
		}
	});
});

describeOnEachEngine('assigned quizzes', (getDb) => {
	/** A teacher's class in Los Angeles with one student and the sample lesson assigned as a quiz. */
	async function assigned(
		policy: Partial<PolicyChoices> = {},
		options: { dueAt?: Date | null; extraTime?: TimeAccommodation } = {}
	) {
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const student = await newUser(db, 'Student');
		const room = await createClass(db, teacher, 'Period 2', t0, 'America/Los_Angeles');
		await addMember(db, room.id, student, t0);
		const assignment = await createAssignment(
			db,
			{
				classId: room.id,
				lessonSlug: 'sample',
				behaviour: 'quiz',
				dueAt: options.dueAt === undefined ? due : options.dueAt,
				policy
			},
			t0
		);
		if (options.extraTime)
			await db.write((tx) =>
				tx.insert(db.tables.accommodations).values({
					classId: room.id,
					userId: student,
					extraTime: options.extraTime ?? null,
					extraAttempts: 0,
					readAloud: false,
					updatedAt: t0
				})
			);
		return { db, student, classId: room.id, assignmentId: assignment.id };
	}
	const key = (student: string) => ({ userId: student, lessonSlug: 'sample' });
	const start = (db: Database, student: string, now: Date) =>
		startAssignedQuiz(db, key(student), now);
	const submit = (db: Database, student: string, data: FormData, now: Date) =>
		submitAssignedQuiz(db, content, { ...key(student), form: data }, now);
	async function attemptRows(db: Database, student: string) {
		const { attempts } = db.tables;
		return db.read.select().from(attempts).where(eq(attempts.userId, student));
	}
	async function responseCount(db: Database, student: string) {
		const { responses } = db.tables;
		const [row] = await db.read
			.select({ n: count() })
			.from(responses)
			.where(eq(responses.userId, student));
		return Number(row?.n ?? 0);
	}

	it('opens with a card, starts an attempt with its deadline, continues it, and submits that same attempt', async () => {
		const { db, student, assignmentId } = await assigned({ timeLimitMinutes: 20 });
		const before = await assignedQuiz(db.read, db.tables, key(student));
		expect(before && quizCard(before, t0)).toEqual({
			attemptsAllowed: 1,
			attemptsLeft: 1,
			submitted: 0,
			timeLimit: '20 minutes',
			extraTime: false,
			due: { iso: '2026-12-05T23:30:00.000Z', text: 'Sat, Dec 5, 3:30 PM Pacific Time' },
			answers:
				'Answers and explanations are shown after the due date, Sat, Dec 5, 3:30 PM Pacific Time.',
			score: 'Your score is shown as soon as you submit.',
			refusal: null,
			open: null
		});

		const started = await start(db, student, t0);
		if (!started.ok) throw new Error(started.message);
		expect(await attemptRows(db, student)).toEqual([
			expect.objectContaining({
				id: started.attemptId,
				mode: 'quiz',
				assignmentId,
				startedAt: t0,
				deadlineAt: minutes(t0, 20),
				submittedAt: null
			})
		]);
		// coming back continues the same attempt and its clock
		expect(await start(db, student, minutes(t0, 3))).toEqual(started);
		const open = await assignedQuiz(db.read, db.tables, key(student));
		expect(open && quizCard(open, minutes(t0, 5)).open).toEqual({
			deadline: { iso: '2026-12-01T17:20:00.000Z', text: 'Tue, Dec 1, 9:20 AM Pacific Time' },
			remainingMs: 15 * 60_000
		});

		const submitted = await submit(db, student, allAnswered(), minutes(t0, 6));
		expect(submitted).toEqual({ ok: true, attemptId: started.attemptId });
		const rows = await attemptRows(db, student);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.submittedAt).toEqual(minutes(t0, 6));
		expect(await responseCount(db, student)).toBe(2);
	});

	it('refuses a second attempt once the one allowed is submitted, and any start after the due date', async () => {
		const { db, student } = await assigned();
		const first = await start(db, student, t0);
		if (!first.ok) throw new Error(first.message);
		await submit(db, student, allAnswered(), minutes(t0, 1));

		expect(await start(db, student, minutes(t0, 2))).toEqual({
			ok: false,
			status: 409,
			message: 'You have used your attempt at this quiz. Ask your teacher if you need another.'
		});
		// a submission with no attempt open is refused the same way, and stores nothing
		const again = await submit(db, student, allAnswered(), minutes(t0, 3));
		expect(again).toMatchObject({
			ok: false,
			status: 409,
			message: 'You have used your attempt at this quiz. Ask your teacher if you need another.'
		});
		expect(await attemptRows(db, student)).toHaveLength(1);
		expect(await responseCount(db, student)).toBe(2);

		const late = await assigned();
		expect(await start(late.db, late.student, minutes(due, 1))).toEqual({
			ok: false,
			status: 409,
			message:
				'This quiz closed on Sat, Dec 5, 3:30 PM Pacific Time, so it can no longer be started.'
		});
		expect(await attemptRows(late.db, late.student)).toEqual([]);
	});

	it('allows the attempts the teacher chose, and no more', async () => {
		const { db, student } = await assigned({ attemptsAllowed: 2 });
		for (const n of [0, 1]) {
			const started = await start(db, student, minutes(t0, 10 * n));
			if (!started.ok) throw new Error(started.message);
			await submit(db, student, allAnswered(), minutes(t0, 10 * n + 1));
		}
		expect(await start(db, student, minutes(t0, 30))).toMatchObject({
			ok: false,
			message:
				'You have used all 2 of your attempts at this quiz. Ask your teacher if you need another.'
		});
		expect(await attemptRows(db, student)).toHaveLength(2);
	});

	it('refuses a submission before the quiz is started, storing nothing', async () => {
		const { db, student } = await assigned();
		expect(await submit(db, student, allAnswered(), t0)).toMatchObject({
			ok: false,
			status: 409,
			message: 'This quiz has not been started. Start it, then answer the questions and submit.'
		});
		expect(await attemptRows(db, student)).toEqual([]);
		expect(await responseCount(db, student)).toBe(0);
	});

	it('refuses an unanswered question until the time is up; then it is submitted and earns 0', async () => {
		const { db, student, classId } = await assigned({ timeLimitMinutes: 10 });
		const started = await start(db, student, t0);
		if (!started.ok) throw new Error(started.message);

		expect(await submit(db, student, choiceOnly(), minutes(t0, 2))).toMatchObject({
			ok: false,
			status: 400,
			message: '1 question needs an answer before you submit. Your other answers are kept below.'
		});
		expect(await responseCount(db, student)).toBe(0);
		expect((await attemptRows(db, student))[0]?.submittedAt).toBeNull();

		expect(await submit(db, student, choiceOnly(), minutes(t0, 10))).toEqual({
			ok: true,
			attemptId: started.attemptId
		});
		expect(await responseCount(db, student)).toBe(1);
		expect(await quizAttempts(db, student, 'sample', content)).toEqual([
			expect.objectContaining({
				id: started.attemptId,
				earned: 1,
				possible: 2,
				unanswered: 1,
				overTime: false
			})
		]);
		// the teacher's grid counts the unanswered question too: 1 of 2, not 1 of 1
		const grid = await classGrid(db, content, classId, minutes(t0, 11));
		expect(grid.rows[0]?.cells[0]?.score).toEqual({
			basis: 'quiz',
			attempts: 1,
			earned: 1,
			possible: 2,
			percent: 50,
			pending: 0
		});
	});

	it('counts a timed attempt submitted with nothing answered as 0 of every question', async () => {
		const { db, student, classId } = await assigned({ timeLimitMinutes: 10 });
		await start(db, student, t0);
		expect(await submit(db, student, form({}), minutes(t0, 10))).toMatchObject({ ok: true });

		expect(await quizAttempts(db, student, 'sample', content)).toEqual([
			expect.objectContaining({ earned: 0, possible: 2, unanswered: 2 })
		]);
		const grid = await classGrid(db, content, classId, minutes(t0, 11));
		expect(grid.rows[0]?.cells[0]?.score).toMatchObject({ earned: 0, possible: 2, percent: 0 });
	});

	it('keeps a submission after the deadline and its grace, marked over time for the teacher', async () => {
		const { db, student, classId } = await assigned({ timeLimitMinutes: 10 });
		const onTime = await assigned({ timeLimitMinutes: 10 });
		for (const who of [{ db, student }, onTime]) {
			const started = await start(who.db, who.student, t0);
			if (!started.ok) throw new Error(started.message);
		}
		// the deadline is t0 + 10 min; a minute's grace covers a slow network
		const late = await submit(db, student, allAnswered(), new Date(minutes(t0, 11).getTime() + 1));
		const inGrace = await submit(onTime.db, onTime.student, allAnswered(), minutes(t0, 11));
		expect(late).toMatchObject({ ok: true });
		expect(inGrace).toMatchObject({ ok: true });

		expect(await classQuizAttempts(db, content, { classId })).toEqual([
			expect.objectContaining({
				userId: student,
				lessonSlug: 'sample',
				startedAt: t0,
				deadlineAt: minutes(t0, 10),
				overTime: true
			})
		]);
		expect(await classQuizAttempts(onTime.db, content, { classId: onTime.classId })).toEqual([
			expect.objectContaining({ userId: onTime.student, overTime: false })
		]);
		// another class's teacher sees none of it
		expect(await classQuizAttempts(db, content, { classId: onTime.classId })).not.toContainEqual(
			expect.objectContaining({ userId: student })
		);
	});

	it('gives an accommodated student twice the time, and unlimited time no deadline', async () => {
		const doubled = await assigned({ timeLimitMinutes: 20 }, { extraTime: '2' });
		const quiz = await assignedQuiz(doubled.db.read, doubled.db.tables, key(doubled.student));
		expect(quiz && quizCard(quiz, t0)).toMatchObject({ timeLimit: '40 minutes', extraTime: true });
		await start(doubled.db, doubled.student, t0);
		expect((await attemptRows(doubled.db, doubled.student))[0]?.deadlineAt).toEqual(
			minutes(t0, 40)
		);

		const unlimited = await assigned({ timeLimitMinutes: 20 }, { extraTime: 'unlimited' });
		const open = await assignedQuiz(unlimited.db.read, unlimited.db.tables, key(unlimited.student));
		expect(open && quizCard(open, t0)).toMatchObject({ timeLimit: null, extraTime: true });
		await start(unlimited.db, unlimited.student, t0);
		expect((await attemptRows(unlimited.db, unlimited.student))[0]?.deadlineAt).toBeNull();
	});

	it('closes practice on the quiz’s questions while the quiz is open and until its answers are out', async () => {
		const { db, student } = await assigned();
		const closed =
			'Practice on these questions opens after the quiz closes, Sat, Dec 5, 3:30 PM Pacific Time.';
		expect(await practiceClosure(db.read, db.tables, key(student), t0)).toBe(closed);
		await start(db, student, t0);
		await submit(db, student, allAnswered(), minutes(t0, 1));
		// submitted, but its answers come after the due date
		expect(await practiceClosure(db.read, db.tables, key(student), minutes(t0, 2))).toBe(closed);
		expect(await practiceClosure(db.read, db.tables, key(student), due)).toBeNull();

		const never = await assigned({ answersShown: 'never' });
		expect(await practiceClosure(never.db.read, never.db.tables, key(never.student), due)).toBe(
			'Practice on these questions is closed: your teacher does not show this quiz’s answers.'
		);
		const onRelease = await assigned({ answersShown: 'on-release' }, { dueAt: null });
		expect(
			await practiceClosure(onRelease.db.read, onRelease.db.tables, key(onRelease.student), t0)
		).toBe('Practice on these questions opens when your teacher releases the quiz’s answers.');
		// a student no class assigns the quiz to practises freely
		expect(
			await practiceClosure(db.read, db.tables, key(await newUser(db, 'Loner')), t0)
		).toBeNull();
	});

	it('holds back review cards of the closed quiz’s questions and refuses answers to them, storing nothing', async () => {
		const db = getDb();
		const student = await newUser(db, 'Reviewer');
		// missed in the student's own study, before any class assigned the lesson
		for (const [questionId, wrong] of [
			['s-choice', 'b'],
			['s-check', 'false']
		] as const) {
			await answerPracticeQuestion(
				db,
				content,
				{ userId: student, lessonSlug: 'sample', form: form({ questionId, [questionId]: wrong }) },
				t0
			);
		}
		const later = minutes(t0, 24 * 60);
		expect((await reviewPage(db, content, student, later)).cards.map((c) => c.questionId)).toEqual([
			's-check',
			's-choice'
		]);

		const teacher = await newUser(db, 'Teacher', 'teacher');
		const room = await createClass(db, teacher, 'Period 3', t0, 'America/Los_Angeles');
		await addMember(db, room.id, student, t0);
		await createAssignment(db, {
			classId: room.id,
			lessonSlug: 'sample',
			behaviour: 'quiz',
			dueAt: due
		});
		const page = await reviewPage(db, content, student, later);
		expect(page.cards.map((c) => c.questionId)).toEqual(['s-check']);
		expect(page.dueCount).toBe(1);
		expect(page.held).toEqual([
			{
				lessonTitle: 'Sample',
				count: 1,
				message:
					'Practice on these questions opens after the quiz closes, Sat, Dec 5, 3:30 PM Pacific Time.'
			}
		]);
		const before = await databaseFingerprint(db);
		const refused = await answerReview(db, content, {
			userId: student,
			form: form({ questionId: 's-choice', 's-choice': 'a' }),
			now: later
		});
		expect(refused).toMatchObject({ ok: false, status: 403, questionId: 's-choice' });
		expect(await databaseFingerprint(db)).toEqual(before);
		// the inline check's card stays open
		const check = await answerReview(db, content, {
			userId: student,
			form: form({ questionId: 's-check', 's-check': 'true' }),
			now: later
		});
		expect(check).toMatchObject({ ok: true });
	});

	it('keeps a quiz whose answers are held back out of the student’s mastery until they are out', async () => {
		const { db, student, assignmentId } = await assigned(
			{},
			{ dueAt: new Date('2099-12-04T23:30:00.000Z') }
		);
		await start(db, student, t0);
		await submit(db, student, allAnswered(), minutes(t0, 1));
		const answered = async () =>
			(await objectiveMastery(db, content, student)).map((o) => [o.objectiveId, o.answered]);
		expect(await answered()).toEqual([['read', 0]]);
		await db.write((tx) =>
			tx
				.update(db.tables.assignments)
				.set({ answersShown: 'immediately' })
				.where(eq(db.tables.assignments.id, assignmentId))
		);
		// the choice question, scored; the written one counts once the teacher scores it
		expect(await answered()).toEqual([['read', 1]]);
	});

	describe('what a submitted attempt shows', () => {
		async function submittedWith(policy: Partial<PolicyChoices>, dueAt: Date | null = due) {
			const setup = await assigned(policy, { dueAt });
			await start(setup.db, setup.student, t0);
			await submit(setup.db, setup.student, allAnswered(), minutes(t0, 1));
			const attempts = await quizAttempts(setup.db, setup.student, 'sample', content);
			const shown = (now: Date) =>
				attemptVisibility(setup.db.read, setup.db.tables, setup.student, attempts, now).then(
					(map) => {
						const { policy: _policy, ...rest } = map.get(attempts[0]?.id ?? '') ?? {};
						return rest;
					}
				);
			return { ...setup, shown };
		}

		it('immediately: answers and score at once', async () => {
			const { shown } = await submittedWith({ answersShown: 'immediately' });
			expect(await shown(minutes(t0, 2))).toEqual({
				answers: true,
				score: true,
				answersWhen: null
			});
		});

		it('after the due date: the score at once, the answers from the due date', async () => {
			const { shown } = await submittedWith({ answersShown: 'after-due' });
			expect(await shown(minutes(t0, 2))).toEqual({
				answers: false,
				score: true,
				answersWhen:
					'Answers and explanations are shown after the due date, Sat, Dec 5, 3:30 PM Pacific Time.'
			});
			expect(await shown(due)).toEqual({ answers: true, score: true, answersWhen: null });
		});

		it('on release: nothing until the teacher releases them, score held back when the teacher chose', async () => {
			const { db, assignmentId, shown } = await submittedWith({
				answersShown: 'on-release',
				scoreShown: false
			});
			expect(await shown(minutes(due, 60))).toEqual({
				answers: false,
				score: false,
				answersWhen: 'Answers and explanations are shown when your teacher releases them.'
			});
			await db.write((tx) =>
				tx
					.update(db.tables.assignments)
					.set({ answersReleasedAt: minutes(t0, 30) })
					.where(eq(db.tables.assignments.id, assignmentId))
			);
			expect(await shown(minutes(t0, 31))).toEqual({
				answers: true,
				score: true,
				answersWhen: null
			});
		});

		it('never: the answers stay with the teacher', async () => {
			const { shown } = await submittedWith({ answersShown: 'never' });
			expect(await shown(minutes(due, 60 * 24 * 30))).toEqual({
				answers: false,
				score: true,
				answersWhen: 'Your teacher does not show answers for this quiz.'
			});
		});
	});
});

// ---------------------------------------------------------------------------------------------------
// The route wiring, on the real lessons: statuses, messages, and what the pages' data holds

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const lessons = [...getContent().lessons.values()];
const lesson = lessons.find((l) => quizQuestions(l).some((q) => !gradedByTeacher(q)))!;
const quizItems = quizQuestions(lesson);
const scoredQuestion = quizItems.find((q) => !gradedByTeacher(q))!;
const checkQuestion = lesson.questions.find((q) => lesson.checkIds.includes(q.id))!;
const fieldsOf = (question: Question): Field[] =>
	[...rightForm(question)].map(([name, value]) => [name, String(value)]);
const practice = (question: Question): Field[] => [
	['questionId', question.id],
	...fieldsOf(question)
];
// every quiz question's explanation: none may reach the page while the answers are held back
const explanations = quizItems.map((q) => q.explanation);
const leaked = (data: unknown) =>
	explanations.filter((text) => JSON.stringify(data).includes(text));
// Fri, Dec 4 2099, 3:30 PM in Los Angeles
const farDue = new Date('2099-12-04T23:30:00.000Z');

describeOnEachEngine('assigned quiz pages', (getDb) => {
	beforeAll(() => {
		current = getDb();
	});

	async function student(policy: Partial<PolicyChoices> = {}, assign = true) {
		const db = getDb();
		const teacherId = await newUser(db, 'Teacher', 'teacher');
		const id = await newUser(db, 'Student');
		const room = await createClass(db, teacherId, 'Period 4', new Date(), 'America/Los_Angeles');
		await addMember(db, room.id, id);
		const user: SessionUser = {
			id,
			username: `s-${id}`,
			displayName: 'Student',
			role: 'student',
			isGuest: false
		};
		const assignQuiz = () =>
			createAssignment(db, {
				classId: room.id,
				lessonSlug: lesson.slug,
				behaviour: 'quiz',
				dueAt: farDue,
				policy
			});
		const assignment = assign ? await assignQuiz() : null;
		return { db, user, assignment, assignQuiz };
	}
	const post = (user: SessionUser, action: string, fields: Field[] = []) =>
		runRoute({
			method: 'POST',
			path: `/lessons/${lesson.slug}/quiz?/${action}`,
			user,
			body: { kind: 'form', fields }
		});
	const get = (user: SessionUser, path: string) => runRoute({ method: 'GET', path, user });
	const allRight = () => quizItems.flatMap(fieldsOf);

	it('shows the start card without questions, starts the timed attempt, and submits it once', async () => {
		const { db, user } = await student({ timeLimitMinutes: 20 });
		const card = await get(user, `/lessons/${lesson.slug}/quiz?mode=quiz`);
		expect(card).toMatchObject({
			status: 200,
			data: {
				questionIds: [],
				assigned: {
					timeLimit: '20 minutes',
					due: { text: 'Fri, Dec 4, 2099, 3:30 PM Pacific Time' }
				}
			}
		});

		expect(await post(user, 'start')).toEqual({
			status: 303,
			location: `/lessons/${lesson.slug}/quiz?mode=quiz#quiz-questions`
		});
		const [attempt] = await db.read
			.select()
			.from(db.tables.attempts)
			.where(eq(db.tables.attempts.userId, user.id));
		expect(attempt!.deadlineAt!.getTime() - attempt!.startedAt.getTime()).toBe(20 * 60_000);
		const open = await get(user, `/lessons/${lesson.slug}/quiz?mode=quiz`);
		expect(open).toMatchObject({
			status: 200,
			data: { questionIds: quizItems.map((q) => q.id) }
		});
		expect(leaked(open)).toEqual([]);

		expect(await post(user, 'submit', allRight())).toEqual({
			status: 303,
			location: `/lessons/${lesson.slug}/quiz/attempts/${attempt!.id}`
		});
		const before = await databaseFingerprint(db);
		expect(await post(user, 'start')).toMatchObject({
			status: 409,
			message: 'You have used your attempt at this quiz. Ask your teacher if you need another.'
		});
		expect(await post(user, 'submit', allRight())).toMatchObject({ status: 409 });
		expect(await databaseFingerprint(db)).toEqual(before);
	});

	it('refuses practice on the quiz’s questions while it is open (nothing stored), but not inline checks', async () => {
		const { db, user } = await student();
		const before = await databaseFingerprint(db);
		const refused = await post(user, 'answer', practice(scoredQuestion));
		expect(refused).toMatchObject({
			status: 403,
			message:
				'Practice on these questions opens after the quiz closes, Fri, Dec 4, 2099, 3:30 PM Pacific Time.'
		});
		expect(leaked(refused)).toEqual([]);
		const fromLesson = await runRoute({
			method: 'POST',
			path: `/lessons/${lesson.slug}?/answer`,
			user,
			body: { kind: 'form', fields: practice(scoredQuestion) }
		});
		expect(fromLesson).toMatchObject({ status: 403 });
		expect(await databaseFingerprint(db)).toEqual(before);

		const check = await runRoute({
			method: 'POST',
			path: `/lessons/${lesson.slug}?/answer`,
			user,
			body: { kind: 'form', fields: practice(checkQuestion) }
		});
		expect(check.status).toBe(200);
	});

	it('closes the practice page, and keeps an earlier practice answer’s feedback off it', async () => {
		const { user, assignQuiz } = await student({}, false);
		expect((await post(user, 'answer', practice(scoredQuestion))).status).toBe(200);
		const practicePage = `/lessons/${lesson.slug}/quiz?mode=practice`;
		// the control: before the quiz is assigned, the page shows that answer's feedback
		expect(leaked(await get(user, practicePage))).toContain(scoredQuestion.explanation);

		await assignQuiz();
		const closed = await get(user, practicePage);
		expect(closed).toMatchObject({
			status: 200,
			data: {
				practiceClosed:
					'Practice on these questions opens after the quiz closes, Fri, Dec 4, 2099, 3:30 PM Pacific Time.',
				questionIds: [],
				questions: {}
			}
		});
		expect(leaked(closed)).toEqual([]);
	});

	it('shows a submitted attempt’s own answers without the key until the answers are out', async () => {
		const { db, user, assignment } = await student({
			answersShown: 'on-release',
			scoreShown: false
		});
		await post(user, 'start');
		const submitted = await post(user, 'submit', allRight());
		if (!('location' in submitted)) throw new Error(JSON.stringify(submitted));
		const held = await get(user, submitted.location);
		expect(held).toMatchObject({
			status: 200,
			data: {
				attempt: { score: null },
				answersWhen: 'Answers and explanations are shown when your teacher releases them.',
				mayTakeAgain: false
			}
		});
		const data = (
			held as { data: { questions: Record<string, { reveal: unknown; item: { value: unknown } }> } }
		).data;
		expect(Object.values(data.questions).map((q) => q.reveal)).toEqual(quizItems.map(() => null));
		expect(Object.values(data.questions).every((q) => q.item.value !== undefined)).toBe(true);
		expect(leaked(held)).toEqual([]);
		const list = await get(user, `/lessons/${lesson.slug}/quiz?mode=quiz`);
		expect(list).toMatchObject({ data: { attempts: [{ score: null }] } });

		await db.write((tx) =>
			tx
				.update(db.tables.assignments)
				.set({ answersReleasedAt: new Date(Date.now() - 60_000) })
				.where(and(eq(db.tables.assignments.id, assignment!.id)))
		);
		const released = await get(user, submitted.location);
		expect(released).toMatchObject({
			data: { answersWhen: null, attempt: { score: { possible: quizItems.length } } }
		});
		expect(leaked(released)).toEqual(explanations);
	});
});
