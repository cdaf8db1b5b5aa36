import { describe, expect, it } from 'vitest';
import type { LessonContent } from '../content/build';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { newId } from '../ids';
import { markSectionRead } from '../progress/progress';
import { content, newStudent, storeSitting } from '../progress/test-content';
import { emptyActivity, type StudentLessonActivity } from './activity';
import { defaultPolicy, studentPolicy } from './quiz-policy';
import {
	assignedLessons,
	assignmentProgress,
	assignmentScore,
	assignmentTitle,
	classAssignments,
	createAssignment,
	deleteAssignment,
	lessonCompletion,
	studentAssignments,
	type LessonCompletion
} from './assignments';
import { addMember, createClass, setClassArchived } from './classes';
import { createAssignmentForm, dueAtFrom } from './forms';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute));

const lesson = (slug: string): LessonContent => {
	const found = content.lessons.get(slug);
	if (!found) throw new Error(`no lesson ${slug}`);
	return found;
};

/** Activity from a few first-time events: section id → minute read, question id → minute answered. */
const activity = (input: {
	reads?: Record<string, number>;
	answers?: Record<string, number>;
	quizzes?: number[];
}): StudentLessonActivity => ({
	reads: new Map(Object.entries(input.reads ?? {}).map(([id, minute]) => [id, at(minute)])),
	firstAnswers: new Map(
		Object.entries(input.answers ?? {}).map(([id, minute]) => [id, at(minute)])
	),
	quizzes: (input.quizzes ?? []).map((minute) => ({
		attemptId: `quiz-${minute}`,
		submittedAt: at(minute),
		earned: 1,
		possible: 3,
		pending: 1
	}))
});

const completion = (overrides: Partial<LessonCompletion>): LessonCompletion => ({
	percent: 0,
	started: false,
	complete: false,
	completedAt: null,
	...overrides
});

const formData = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

it('uses the sample module: an intro without a quiz, then two lessons with one', () => {
	expect(assignedLessons(content, null).map((l) => l.slug)).toEqual(['intro', 'first', 'second']);
	expect(assignedLessons(content, 'second').map((l) => l.slug)).toEqual(['second']);
	expect(lesson('first').sections.map((s) => s.id)).toEqual(['alpha', 'beta', 'gamma']);
	expect(lesson('first').quizIds).toEqual(['f-quiz', 'f-judge', 'f-written']);
	expect(assignmentTitle(content, null)).toBe('The whole module');
	expect(assignmentTitle(content, 'first')).toBe('First');
	expect(assignmentTitle(content, 'gone')).toBe('A lesson that no longer exists');
});

describe('lesson completion', () => {
	it('has not started with no activity', () => {
		expect(lessonCompletion(lesson('first'), emptyActivity(), 'quiz')).toEqual({
			percent: 0,
			started: false,
			complete: false,
			completedAt: null
		});
	});

	it('in quiz behaviour counts each section and one submitted quiz', () => {
		const first = lesson('first');
		const reading = activity({ reads: { alpha: 1, beta: 2 } });
		// 2 of 4 steps: three sections and the quiz
		expect(lessonCompletion(first, reading, 'quiz')).toEqual({
			percent: 50,
			started: true,
			complete: false,
			completedAt: null
		});

		const done = activity({ reads: { alpha: 1, beta: 2, gamma: 9 }, quizzes: [5, 7] });
		// done when the last step was first done: the last section read after the first quiz
		expect(lessonCompletion(first, done, 'quiz')).toEqual({
			percent: 100,
			started: true,
			complete: true,
			completedAt: at(9)
		});

		const quizLast = activity({ reads: { alpha: 1, beta: 2, gamma: 3 }, quizzes: [8, 6] });
		expect(lessonCompletion(first, quizLast, 'quiz').completedAt).toEqual(at(6));
	});

	it('in practice behaviour needs every quiz question answered, and a submitted quiz is not enough', () => {
		const first = lesson('first');
		const submittedOnly = activity({
			reads: { alpha: 1, beta: 2, gamma: 3 },
			answers: { 'f-quiz': 4, 'f-judge': 5 },
			quizzes: [6]
		});
		// 5 of 6 steps: three sections and three quiz questions; f-written is unanswered
		expect(lessonCompletion(first, submittedOnly, 'practice')).toMatchObject({
			percent: 83,
			complete: false
		});
		// the same activity completes the lesson as a quiz
		expect(lessonCompletion(first, submittedOnly, 'quiz')).toMatchObject({
			complete: true,
			completedAt: at(6)
		});

		const allAnswered = activity({
			reads: { alpha: 1, beta: 2, gamma: 3 },
			answers: { 'f-quiz': 4, 'f-judge': 5, 'f-written': 7 }
		});
		expect(lessonCompletion(first, allAnswered, 'practice')).toEqual({
			percent: 100,
			started: true,
			complete: true,
			completedAt: at(7)
		});
	});

	it('counts an inline check as a start but not as a step', () => {
		const checked = activity({ answers: { 'f-check': 1 } });
		expect(lessonCompletion(lesson('first'), checked, 'practice')).toMatchObject({
			percent: 0,
			started: true,
			complete: false
		});
	});

	it('needs only the sections of a lesson without a quiz, in either behaviour', () => {
		const intro = lesson('intro');
		const read = activity({ reads: { welcome: 4 } });
		for (const behaviour of ['practice', 'quiz'] as const) {
			expect(lessonCompletion(intro, read, behaviour)).toEqual({
				percent: 100,
				started: true,
				complete: true,
				completedAt: at(4)
			});
		}
	});
});

describe('assignment progress', () => {
	const due = at(30);

	it('is not started before anything is done, and in progress once something is', () => {
		const untouched = [completion({}), completion({})];
		expect(assignmentProgress(untouched, due, at(10))).toEqual({
			status: 'not-started',
			doneLate: false,
			percent: 0,
			completedAt: null
		});
		const begun = [completion({ percent: 50, started: true }), completion({ percent: 25 })];
		// the mean of the lessons' percentages, rounded down: (50 + 25) / 2 = 37.5
		expect(assignmentProgress(begun, due, at(10))).toEqual({
			status: 'in-progress',
			doneLate: false,
			percent: 37,
			completedAt: null
		});
	});

	it('is late once the due date passes unfinished, started or not', () => {
		expect(assignmentProgress([completion({})], due, at(31))).toMatchObject({
			status: 'late',
			percent: 0
		});
		const begun = [completion({ percent: 75, started: true })];
		expect(assignmentProgress(begun, due, at(31))).toEqual({
			status: 'late',
			doneLate: false,
			percent: 75,
			completedAt: null
		});
		// exactly at the due date it is not late yet
		expect(assignmentProgress(begun, due, due).status).toBe('in-progress');
	});

	it('is never late without a due date', () => {
		expect(assignmentProgress([completion({})], null, at(59)).status).toBe('not-started');
	});

	it('is done when every lesson is, finished when the last one was, and stays done after the due date', () => {
		const onTime = [
			completion({ percent: 100, started: true, complete: true, completedAt: at(12) }),
			completion({ percent: 100, started: true, complete: true, completedAt: at(20) })
		];
		expect(assignmentProgress(onTime, due, at(45))).toEqual({
			status: 'done',
			doneLate: false,
			percent: 100,
			completedAt: at(20)
		});
	});

	it('is done late when the last lesson was finished after the due date', () => {
		const late = [
			completion({ percent: 100, started: true, complete: true, completedAt: at(12) }),
			completion({ percent: 100, started: true, complete: true, completedAt: at(35) })
		];
		expect(assignmentProgress(late, due, at(40))).toEqual({
			status: 'done',
			doneLate: true,
			percent: 100,
			completedAt: at(35)
		});
		expect(assignmentProgress(late, null, at(40)).doneLate).toBe(false);
	});
});

describe('assignment score on the student’s card', () => {
	const due = new Date('2026-12-05T23:30:00.000Z');
	const before = new Date('2026-12-04T12:00:00.000Z');
	const policy = (choices: Partial<ReturnType<typeof defaultPolicy>> = {}) =>
		studentPolicy({
			...defaultPolicy('quiz'),
			...choices,
			behaviour: 'quiz',
			dueAt: due,
			answersReleasedAt: null
		});
	const attempt = (earned: number, possible: number, day: number) => ({
		attemptId: `a${day}`,
		submittedAt: new Date(Date.UTC(2026, 11, day)),
		earned,
		possible,
		pending: 0
	});

	it('shows the attempt the grading method counts, as points and a percentage', () => {
		const quizzes = [attempt(6, 12, 1), attempt(9, 12, 2), attempt(3, 12, 3)];
		expect(assignmentScore(policy(), quizzes, before)).toEqual({
			earned: 9,
			possible: 12,
			percent: 75,
			pending: 0
		});
		expect(assignmentScore(policy({ gradingMethod: 'last' }), quizzes, before)).toMatchObject({
			earned: 3,
			percent: 25
		});
	});

	it('holds the score back until the answers are out when the teacher chose so', () => {
		const quizzes = [attempt(9, 12, 1)];
		expect(assignmentScore(policy({ scoreShown: false }), quizzes, before)).toBe('held');
		expect(assignmentScore(policy({ scoreShown: false }), quizzes, due)).toMatchObject({
			percent: 75
		});
	});

	it('has nothing to show before a submission, or for practice', () => {
		expect(assignmentScore(policy(), [], before)).toBeNull();
		expect(assignmentScore(undefined, [attempt(9, 12, 1)], before)).toBeNull();
	});
});

describe('the new-assignment form', () => {
	const parse = (entries: Record<string, string>) =>
		parseForm(createAssignmentForm, formData(entries));

	it('reads "module" as the whole module and keeps the typed date and time as text', () => {
		expect(parse({ lesson: 'module', behaviour: 'practice', dueDate: '', dueTime: '' })).toEqual({
			ok: true,
			data: { lessonSlug: null, behaviour: 'practice', due: { date: '', time: '' } }
		});
		expect(parse({ lesson: 'first', behaviour: 'quiz', dueDate: '2026-03-15' })).toEqual({
			ok: true,
			data: { lessonSlug: 'first', behaviour: 'quiz', due: { date: '2026-03-15', time: '' } }
		});
		expect(
			parse({ lesson: 'first', behaviour: 'quiz', dueDate: ' 2026-03-15 ', dueTime: '08:30' })
		).toMatchObject({ ok: true, data: { due: { date: '2026-03-15', time: '08:30' } } });
		// a due date in the past is allowed: a teacher may record work that was already due
		expect(parse({ lesson: 'first', behaviour: 'quiz', dueDate: '2020-01-01' }).ok).toBe(true);
	});

	it('refuses dates that do not exist, bad times, a time without a date and unknown behaviours', () => {
		const fieldErrors = (entries: Record<string, string>) => {
			const result = parse({ lesson: 'module', behaviour: 'quiz', ...entries });
			return result.ok ? null : result.fieldErrors;
		};
		expect(fieldErrors({ dueDate: '2026-02-30' })).toEqual({
			dueDate: 'Enter a real due date, like 2026-03-15, or leave it empty.'
		});
		expect(fieldErrors({ dueDate: '15/03/2026' })).toHaveProperty('dueDate');
		expect(fieldErrors({ dueDate: '1999-12-31' })).toHaveProperty('dueDate');
		expect(fieldErrors({ dueDate: '2026-03-15', dueTime: '24:00' })).toEqual({
			dueTime: 'Enter the due time like 15:30, or leave it empty.'
		});
		expect(fieldErrors({ dueTime: '10:00' })).toEqual({
			dueDate: 'Choose a due date for that time, or clear the time.'
		});
		expect(fieldErrors({ behaviour: 'exam' })).toEqual({
			behaviour: 'Choose how the quizzes behave: practice or quiz.'
		});
		expect(fieldErrors({ lesson: ' ' })).toEqual({ lesson: 'Choose what to assign.' });
	});

	it('reads the two fields as wall-clock time in the class’s zone, whatever zone the server runs in', () => {
		const serverZone = process.env.TZ;
		try {
			process.env.TZ = 'Asia/Kolkata';
			expect(dueAtFrom('2026-12-05', '15:30', 'America/Los_Angeles')).toEqual(
				new Date('2026-12-05T23:30:00.000Z')
			);
			// summer time: Los Angeles is 7 hours behind UTC, not 8
			expect(dueAtFrom('2026-07-01', '15:30', 'America/Los_Angeles')).toEqual(
				new Date('2026-07-01T22:30:00.000Z')
			);
			expect(dueAtFrom('2026-12-31', '23:59:30', 'UTC')).toEqual(
				new Date('2026-12-31T23:59:00.000Z')
			);
			// without a time: the last millisecond of that day in the class's zone
			expect(dueAtFrom('2026-03-15', '', 'America/Mexico_City')).toEqual(
				new Date('2026-03-16T05:59:59.999Z')
			);
			expect(dueAtFrom('', '10:00', 'UTC')).toBeNull();
		} finally {
			process.env.TZ = serverZone;
		}
	});
});

let counter = 0;
async function newTeacher(db: Database): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `assignments-teacher-${counter++}-${id}@school.org`,
			displayName: 'Teacher',
			role: 'teacher',
			passwordHash: '!test'
		})
	);
	return id;
}

describeOnEachEngine('assignments', (getDb) => {
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

	it('lists a class’s assignments oldest first and deletes one only from its own class', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const row = await createClass(db, teacherId, 'Assigning', at(0));
		const other = await createClass(db, teacherId, 'Other', at(0));
		const second = await createAssignment(
			db,
			{ classId: row.id, lessonSlug: 'second', behaviour: 'quiz', dueAt: at(30) },
			at(2)
		);
		const module = await createAssignment(
			db,
			{ classId: row.id, lessonSlug: null, behaviour: 'practice', dueAt: null },
			at(1)
		);
		const elsewhere = await createAssignment(
			db,
			{ classId: other.id, lessonSlug: 'first', behaviour: 'quiz', dueAt: null },
			at(1)
		);

		expect(await classAssignments(db, row.id)).toEqual([module, second]);
		expect(await deleteAssignment(db, row.id, elsewhere.id)).toBe(false);
		expect(await classAssignments(db, other.id)).toEqual([elsewhere]);
		expect(await deleteAssignment(db, row.id, second.id)).toBe(true);
		expect(await deleteAssignment(db, row.id, second.id)).toBe(false);
		expect(await classAssignments(db, row.id)).toEqual([module]);
	});

	it('gives a student the assignments of their open classes only, soonest due first, with their status', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const studentId = await newStudent(db);
		const classmate = await newStudent(db);
		const open = await createClass(db, teacherId, 'Open class', at(0), 'America/Chicago');
		const archived = await createClass(db, teacherId, 'Archived class', at(0));
		const notJoined = await createClass(db, teacherId, 'Not joined', at(0));
		await addMember(db, open.id, studentId, at(0));
		await addMember(db, archived.id, studentId, at(0));
		await addMember(db, notJoined.id, classmate, at(0));
		const assign = (classId: string, lessonSlug: string | null, dueAt: Date | null) =>
			createAssignment(db, {
				classId,
				lessonSlug,
				behaviour: lessonSlug === 'first' ? 'quiz' : 'practice',
				dueAt
			});
		const module = await assign(open.id, null, null);
		const first = await assign(open.id, 'first', at(10));
		const second = await assign(open.id, 'second', at(4));
		await assign(archived.id, 'first', at(1));
		await assign(notJoined.id, 'second', at(1));
		await setClassArchived(db, archived.id, true, at(1));

		// first: every section read and a quiz submitted, before its due date
		await read(studentId, 'first', ['alpha', 'beta', 'gamma'], 1);
		await storeSitting(db, {
			userId: studentId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(3),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		// second: one section read after its due date, nothing answered
		await read(studentId, 'second', ['one'], 5);
		// a classmate's work is not this student's
		await read(classmate, 'intro', ['welcome'], 2);

		const list = await studentAssignments(db, content, studentId, at(6));

		expect(list.map((a) => [a.id, a.status, a.doneLate, a.percent])).toEqual([
			// second (practice): 1 of 2 sections + 1 question → 33%, and past due
			[second.id, 'late', false, 33],
			[first.id, 'done', false, 100],
			// module (practice): intro 0; first 4 of 6 steps (3 sections, and f-quiz answered in the quiz) = 66;
			// second 33 → (0 + 66 + 33) / 3
			[module.id, 'in-progress', false, 33]
		]);
		expect(list[0]).toEqual({
			id: second.id,
			classId: open.id,
			className: 'Open class',
			timeZone: 'America/Chicago',
			title: 'Second',
			lessonSlug: 'second',
			behaviour: 'practice',
			dueAt: at(4),
			lessonHref: '/lessons/second',
			quizHref: '/lessons/second/quiz?mode=practice',
			// practice has no counted attempt to show
			score: null,
			status: 'late',
			doneLate: false,
			percent: 33,
			completedAt: null
		});
		expect(list[1]).toMatchObject({
			title: 'First',
			completedAt: at(3),
			quizHref: '/lessons/first/quiz?mode=quiz',
			// its one quiz question, answered right; the default policy shows the score at once
			score: { earned: 1, possible: 1, percent: 100, pending: 0 }
		});
		// the whole module sends the student to its first unfinished lesson, which has no quiz
		expect(list[2]).toMatchObject({
			title: 'The whole module',
			dueAt: null,
			lessonHref: '/lessons/intro',
			quizHref: null
		});
		expect(await studentAssignments(db, content, classmate, at(6))).toEqual([
			expect.objectContaining({ className: 'Not joined', status: 'late' })
		]);
	});

	it('marks an assignment finished after its due date as done late', async () => {
		const db = getDb();
		const studentId = await newStudent(db);
		const row = await createClass(db, await newTeacher(db), 'Done late', at(0));
		await addMember(db, row.id, studentId, at(0));
		await createAssignment(db, {
			classId: row.id,
			lessonSlug: 'second',
			behaviour: 'quiz',
			dueAt: at(5)
		});
		await read(studentId, 'second', ['one', 'two'], 2);
		await storeSitting(db, {
			userId: studentId,
			lessonSlug: 'second',
			mode: 'quiz',
			at: at(8),
			answers: [{ questionId: 's-quiz', earned: 0 }]
		});

		expect(await studentAssignments(db, content, studentId, at(9))).toEqual([
			expect.objectContaining({
				status: 'done',
				doneLate: true,
				percent: 100,
				completedAt: at(8)
			})
		]);
	});

	it('has no assignments for a student in no class', async () => {
		const db = getDb();
		expect(await studentAssignments(db, content, await newStudent(db), at(1))).toEqual([]);
	});
});
