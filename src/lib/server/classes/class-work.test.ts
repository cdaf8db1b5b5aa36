import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { getContent } from '../content';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newSession } from '../live/test-live';
import { content, newUser, sit } from '../progress/test-content';
import { answerPracticeQuestion, submitQuiz } from '../quiz/answers';
import { seedDemo } from '../seed';
import { createAssignment, deleteAssignment } from './assignments';
import { assignmentForSitting, classWork } from './class-work';
import { addMember, createClass, setClassArchived } from './classes';
import { classGrid } from './dashboard';
import { questionStatistics } from './item-statistics';
import { gradesCsv, responsesCsv, responsesHeader } from './exports';
import { gradeWrittenResponse, gradingQueue } from './grading';
import { content as liveContent } from './test-class';

const day = (n: number, hour = 9) => new Date(Date.UTC(2025, 4, n, hour));

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

async function attemptsOf(db: Database, userId: string) {
	const { attempts } = db.tables;
	return db.read
		.select({ mode: attempts.mode, assignmentId: attempts.assignmentId })
		.from(attempts)
		.where(eq(attempts.userId, userId))
		.orderBy(attempts.startedAt);
}

describeOnEachEngine('class work: each class sees only what was done for it', (getDb) => {
	it('counts a sitting for the soonest-due open assignment of the student’s classes, undated last, then the oldest', async () => {
		// Arrange
		const db = getDb();
		const student = await newUser(db, 'Student');
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const [one, two, archived, notMine] = await Promise.all(
			['One', 'Two', 'Archived', 'Not mine'].map((name) => createClass(db, teacher, name, day(1)))
		);
		if (!one || !two || !archived || !notMine) throw new Error('expected four classes');
		for (const klass of [one, two, archived]) await addMember(db, klass.id, student, day(1));
		await setClassArchived(db, archived.id, true, day(1));
		const assign = (classId: string, lessonSlug: string | null, dueAt: Date | null, at: Date) =>
			createAssignment(db, { classId, lessonSlug, behaviour: 'quiz', dueAt }, at);
		// decoys: undated, and due with `second` but newer
		await assign(one.id, 'first', null, day(1));
		const moduleLater = await assign(two.id, null, day(30), day(2));
		const second = await assign(two.id, 'second', day(9), day(2));
		await assign(one.id, 'second', day(9), day(3));
		await assign(archived.id, 'first', day(5), day(1));
		await assign(notMine.id, 'first', day(4), day(1));
		const pick = (lessonSlug: string) =>
			assignmentForSitting(db.read, db.tables, { userId: student, lessonSlug });

		// Act
		const forFirst = await pick('first');
		const forSecond = await pick('second');
		const forIntro = await pick('intro');
		const forNobody = await assignmentForSitting(db.read, db.tables, {
			userId: await newUser(db, 'In no class'),
			lessonSlug: 'first'
		});

		// Assert: the archived class and a class the student is not in never take the sitting
		expect(forFirst).toBe(moduleLater.id);
		expect(forSecond).toBe(second.id);
		expect(forIntro).toBe(moduleLater.id);
		expect(forNobody).toBeNull();
	});

	it('stores the assignment on quiz and practice sittings, and starts a new practice sitting when it changes', async () => {
		// Arrange
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const klass = await createClass(db, teacher, 'Period 1', day(1));
		const student = await newUser(db, 'Student');
		await addMember(db, klass.id, student, day(1));
		const practise = (minute: number) =>
			answerPracticeQuestion(
				db,
				content,
				{
					userId: student,
					lessonSlug: 'first',
					form: form({ questionId: 'f-quiz', 'f-quiz': 'true' })
				},
				new Date(day(2).getTime() + minute * 60_000)
			);

		// Act: practice before the lesson is assigned is the student's own; after, it is the class's
		await practise(0);
		const assignment = await createAssignment(
			db,
			{ classId: klass.id, lessonSlug: 'first', behaviour: 'quiz', dueAt: null },
			day(2)
		);
		await practise(1);
		await practise(2);
		const quiz = await submitQuiz(
			db,
			content,
			{
				userId: student,
				lessonSlug: 'first',
				form: form({ 'f-quiz': 'true', 'f-judge': 'false', 'f-written': 'Denied.' })
			},
			day(3)
		);

		// Assert
		expect(quiz.ok).toBe(true);
		expect(await attemptsOf(db, student)).toEqual([
			{ mode: 'practice', assignmentId: null },
			{ mode: 'practice', assignmentId: assignment.id },
			{ mode: 'quiz', assignmentId: assignment.id }
		]);
	});

	/** A student of teacher A takes A's quiz, then joins stranger B's class, which assigns the same lesson. */
	/** Two teachers' classes that both have Sam from the first day. */
	async function twoTeachersOneStudent(db: Database) {
		const teacherA = await newUser(db, 'Teacher A', 'teacher');
		const teacherB = await newUser(db, 'Teacher B', 'teacher');
		const classA = await createClass(db, teacherA, 'A’s class', day(1));
		const classB = await createClass(db, teacherB, 'B’s class', day(1));
		const student = await newUser(db, 'Sam Shared');
		await addMember(db, classA.id, student, day(1));
		await addMember(db, classB.id, student, day(1));
		return { teacherA, teacherB, classA, classB, student };
	}

	async function sharedStudent(db: Database) {
		const teacherA = await newUser(db, 'Teacher A', 'teacher');
		const teacherB = await newUser(db, 'Teacher B', 'teacher');
		const classA = await createClass(db, teacherA, 'A’s class', day(1));
		const classB = await createClass(db, teacherB, 'B’s class', day(1));
		const student = await newUser(db, 'Sam Shared');
		await addMember(db, classA.id, student, day(1));
		await createAssignment(
			db,
			{ classId: classA.id, lessonSlug: 'first', behaviour: 'quiz', dueAt: day(20) },
			day(1)
		);
		const submitted = await submitQuiz(
			db,
			content,
			{
				userId: student,
				lessonSlug: 'first',
				form: form({ 'f-quiz': 'true', 'f-judge': 'false', 'f-written': 'A secret for teacher A.' })
			},
			day(2)
		);
		if (!submitted.ok || !submitted.attemptId) throw new Error('the quiz was not stored');
		await addMember(db, classB.id, student, day(3));
		await createAssignment(
			db,
			{ classId: classB.id, lessonSlug: 'first', behaviour: 'quiz', dueAt: day(10) },
			day(3)
		);
		const { responses } = db.tables;
		const [written] = await db.read
			.select({ id: responses.id })
			.from(responses)
			.where(
				and(eq(responses.attemptId, submitted.attemptId), eq(responses.questionId, 'f-written'))
			);
		if (!written) throw new Error('no written answer');
		return { teacherA, teacherB, classA, classB, student, writtenId: written.id };
	}

	it('leaves a student’s answer to teacher A’s quiz out of stranger B’s grading queue', async () => {
		const db = getDb();
		const { classA, classB } = await sharedStudent(db);

		const queueB = await gradingQueue(db, content, classB.id);
		const queueA = await gradingQueue(db, content, classA.id);

		expect(queueB).toEqual({ toScore: [], scored: [], toScoreCount: 0, scoredCount: 0 });
		expect(queueA.toScoreCount).toBe(1);
		expect(queueA.toScore[0]?.questions[0]?.items[0]?.text).toBe('A secret for teacher A.');
	});

	it('refuses teacher B a score for that answer, storing nothing, so A’s grading page never shows one', async () => {
		const db = getDb();
		const { teacherB, classA, classB, writtenId } = await sharedStudent(db);
		const { responses, responseGrades } = db.tables;

		const gradedByB = await gradeWrittenResponse(
			db,
			content,
			{ classId: classB.id, teacherId: teacherB, responseId: writtenId, level: 0, comment: 'B' },
			day(4)
		);
		const queueA = await gradingQueue(db, content, classA.id);

		expect(gradedByB).toEqual({
			ok: false,
			status: 404,
			message:
				'That answer is not a written answer by a student of this class. Reload the page to see the current list.'
		});
		expect(
			await db.read.select().from(responseGrades).where(eq(responseGrades.responseId, writtenId))
		).toEqual([]);
		const [stored] = await db.read
			.select({ status: responses.status, earned: responses.earned })
			.from(responses)
			.where(eq(responses.id, writtenId));
		expect(stored).toEqual({ status: 'pending-review', earned: null });
		expect(queueA.scored).toEqual([]);
		expect(queueA.toScore[0]?.questions[0]?.items.map((item) => item.grade)).toEqual([null]);
	});

	it('shows the student on B’s dashboard and grades export with none of A’s quiz', async () => {
		const db = getDb();
		const { classA, classB } = await sharedStudent(db);

		const gridB = await classGrid(db, content, classB.id, day(4));
		const gradesB = await gradesCsv(db, content, classB.id, day(4));
		const gridA = await classGrid(db, content, classA.id, day(4));

		expect(gridB.rows.map((row) => row.student.displayName)).toEqual(['Sam Shared']);
		expect(gridB.rows[0]?.cells.map((cell) => [cell.lessonSlug, cell.started, cell.score])).toEqual(
			[
				['intro', false, null],
				['first', false, null],
				['second', false, null]
			]
		);
		expect(gradesB).not.toMatch(/quiz|practice/);
		expect(gridA.rows[0]?.cells[1]?.score).toMatchObject({ basis: 'quiz', earned: 1, possible: 2 });
	});

	it('leaves A’s quiz out of B’s item statistics', async () => {
		const db = getDb();
		const { classA, classB } = await sharedStudent(db);

		const statsB = await questionStatistics(db, content, classB.id);
		const statsA = await questionStatistics(db, content, classA.id);

		const students = (stats: typeof statsB) =>
			stats.map((lesson) => [lesson.slug, lesson.students]);
		expect(students(statsB)).toEqual([
			['first', 0],
			['second', 0]
		]);
		expect(students(statsA)).toEqual([
			['first', 1],
			['second', 0]
		]);
	});

	it('leaves A’s quiz out of B’s responses.csv', async () => {
		const db = getDb();
		const { classA, classB } = await sharedStudent(db);

		const responsesB = await responsesCsv(db, content, classB.id);
		const responsesA = await responsesCsv(db, content, classA.id);

		expect(responsesB).toBe(`\uFEFF${responsesHeader('en').join(',')}\r\n`);
		expect(responsesA).toContain('A secret for teacher A.');
	});

	it('never shows teacher A a score teacher B gave A’s student’s answer before answers were tied to classes', async () => {
		// Arrange: the row the old code let B store
		const db = getDb();
		const { teacherA, teacherB, classA, student } = await twoTeachersOneStudent(db);
		const assignment = await createAssignment(
			db,
			{ classId: classA.id, lessonSlug: 'first', behaviour: 'quiz', dueAt: null },
			day(1)
		);
		const { responseIds } = await sit(db, {
			userId: student,
			lessonSlug: 'first',
			mode: 'quiz',
			at: day(2),
			assignmentId: assignment.id,
			answers: [{ questionId: 'f-written', answer: 'For A.', earned: null }]
		});
		const responseId = responseIds[0] as string;
		await db.write((tx) =>
			tx.insert(db.tables.responseGrades).values({
				responseId,
				level: 0,
				comment: 'B was here',
				gradedBy: teacherB,
				gradedAt: day(3)
			})
		);

		// Act
		const before = await gradingQueue(db, content, classA.id);
		const byA = await gradeWrittenResponse(
			db,
			content,
			{ classId: classA.id, teacherId: teacherA, responseId, level: 3, comment: 'A’s own' },
			day(4)
		);
		const after = await gradingQueue(db, content, classA.id);

		// Assert
		expect(before.scored).toEqual([]);
		expect(before.toScore[0]?.questions[0]?.items.map((item) => [item.text, item.grade])).toEqual([
			['For A.', null]
		]);
		expect(byA).toMatchObject({ ok: true, level: 3 });
		expect(after.toScoreCount).toBe(0);
		expect(after.scored[0]?.questions[0]?.items[0]?.grade).toMatchObject({
			level: 3,
			comment: 'A’s own'
		});
	});

	it('moves sittings for a deleted assignment to the class’s next one covering the lesson, or to none', async () => {
		// Arrange
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const klass = await createClass(db, teacher, 'Period 1', day(1));
		const student = await newUser(db, 'Student');
		await addMember(db, klass.id, student, day(1));
		const assign = (lessonSlug: string | null, dueAt: Date | null) =>
			createAssignment(db, { classId: klass.id, lessonSlug, behaviour: 'quiz', dueAt }, day(1));
		const first = await assign('first', day(5));
		const moduleLater = await assign(null, day(9));
		const moduleUndated = await assign(null, null);
		const onlySecond = await assign('second', day(2));
		const quiz = (lessonSlug: string, assignmentId: string, at: Date) =>
			sit(db, {
				userId: student,
				lessonSlug,
				mode: 'quiz',
				at,
				assignmentId,
				answers: [{ questionId: 'f-quiz', earned: 1 }]
			});
		await quiz('first', first.id, day(3));
		await quiz('second', onlySecond.id, day(4));

		// Act
		await deleteAssignment(db, klass.id, first.id);
		await deleteAssignment(db, klass.id, moduleLater.id);
		const afterTwo = await attemptsOf(db, student);
		await deleteAssignment(db, klass.id, moduleUndated.id);
		await deleteAssignment(db, klass.id, onlySecond.id);

		// Assert: the undated module assignment is next for "first" once the dated one goes
		expect(afterTwo).toEqual([
			{ mode: 'quiz', assignmentId: moduleUndated.id },
			{ mode: 'quiz', assignmentId: onlySecond.id }
		]);
		expect(await attemptsOf(db, student)).toEqual([
			{ mode: 'quiz', assignmentId: null },
			{ mode: 'quiz', assignmentId: null }
		]);
	});

	it('counts a live answer for the class whose live session it was played in', async () => {
		// Arrange
		const db = getDb();
		const { teacherA, classA, classB, student } = await twoTeachersOneStudent(db);
		const liveA = await newSession(db, liveContent, { teacherId: teacherA, classId: classA.id });
		const { attemptId } = await sit(db, {
			userId: student,
			lessonSlug: 'alpha',
			mode: 'live',
			at: day(2),
			liveSessionId: liveA.id,
			answers: [{ questionId: 'a-tf', earned: 1 }]
		});
		const { attempts } = db.tables;
		const workOf = async (classId: string) =>
			(
				await db.read
					.select({ id: attempts.id })
					.from(attempts)
					.where(classWork(db.tables, classId))
			).map((row) => row.id);

		// Act, Assert
		expect(await workOf(classA.id)).toEqual([attemptId]);
		expect(await workOf(classB.id)).toEqual([]);
	});

	it('backfills old sittings only where one class could have set them, after the student joined it', async () => {
		// Arrange: sittings stored without an assignment, as before the column existed
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const [classA, classB, archived] = await Promise.all(
			['A', 'B', 'Archived'].map((name) => createClass(db, teacher, name, day(1)))
		);
		if (!classA || !classB || !archived) throw new Error('expected three classes');
		await setClassArchived(db, archived.id, true, day(1));
		const assign = (classId: string, lessonSlug: string | null, dueAt: Date | null) =>
			createAssignment(db, { classId, lessonSlug, behaviour: 'quiz', dueAt }, day(1));
		const aFirst = await assign(classA.id, 'first', day(10));
		const aModule = await assign(classA.id, null, day(5));
		await assign(classB.id, 'first', null);
		const archivedFirst = await assign(archived.id, 'first', null);
		const [onlyA, both, lateJoiner, archivedOnly] = await Promise.all(
			['Only A', 'Both', 'Late joiner', 'Archived only'].map((name) => newUser(db, name))
		);
		if (!onlyA || !both || !lateJoiner || !archivedOnly) throw new Error('expected students');
		await addMember(db, classA.id, onlyA, day(1));
		await addMember(db, classA.id, both, day(1));
		await addMember(db, classB.id, both, day(1));
		await addMember(db, classA.id, lateJoiner, day(1));
		await addMember(db, classB.id, lateJoiner, day(8));
		await addMember(db, archived.id, archivedOnly, day(1));
		const old = (
			userId: string,
			mode: 'practice' | 'quiz' | 'review',
			at: Date,
			lesson = 'first'
		) =>
			sit(db, {
				userId,
				lessonSlug: lesson,
				mode,
				at,
				assignmentId: null,
				answers: [{ questionId: 'f-quiz', earned: 1 }]
			});
		const sittings = {
			onlyAQuiz: await old(onlyA, 'quiz', day(2)),
			onlyASecond: await old(onlyA, 'practice', day(2), 'second'),
			onlyAReview: await old(onlyA, 'review', day(2)),
			beforeJoining: await old(onlyA, 'quiz', day(1, 8)),
			bothClasses: await old(both, 'quiz', day(2)),
			beforeSecondClass: await old(lateJoiner, 'quiz', day(3)),
			afterSecondClass: await old(lateJoiner, 'quiz', day(9)),
			archivedClass: await old(archivedOnly, 'practice', day(2))
		};
		const migration = readFileSync(
			resolve(process.cwd(), 'drizzle', db.engine, '0005_security.sql'),
			'utf8'
		);
		const backfill = migration.split('--> statement-breakpoint').at(-1) ?? '';
		expect(backfill).toMatch(/^\s*-- .*\nUPDATE ["`]attempts["`]/);

		// Act
		await db.executeRaw(backfill);

		// Assert: A's module assignment is due first; two classes at the time, or none yet, leave it unset
		const { attempts } = db.tables;
		const assignmentOf = async (attemptId: string) =>
			(
				await db.read
					.select({ assignmentId: attempts.assignmentId })
					.from(attempts)
					.where(eq(attempts.id, attemptId))
			)[0]?.assignmentId;
		const result = Object.fromEntries(
			await Promise.all(
				Object.entries(sittings).map(
					async ([name, sitting]) => [name, await assignmentOf(sitting.attemptId)] as const
				)
			)
		);
		expect(result).toEqual({
			onlyAQuiz: aModule.id,
			onlyASecond: aModule.id,
			onlyAReview: null,
			beforeJoining: null,
			bothClasses: null,
			beforeSecondClass: aModule.id,
			afterSecondClass: null,
			archivedClass: archivedFirst.id
		});
		expect(aFirst.dueAt).toEqual(day(10));
	});
});

describeOnEachEngine('the demo seed’s class work', (getDb) => {
	it('seeds a demo class whose quizzes show on its dashboard', async () => {
		const db = getDb();
		const realContent = getContent();

		await seedDemo(db, realContent, day(10));
		const [demoClass] = await db.read.select().from(db.tables.classes);
		const grid = await classGrid(db, realContent, demoClass?.id ?? '', day(10));

		const scored = grid.rows.map((row) => [
			row.student.displayName,
			row.cells.some((cell) => cell.score?.basis === 'quiz')
		]);
		expect(scored).toEqual([
			['Ana López', true],
			['Ben Okafor', true],
			['Carmen Díaz', false]
		]);
	});
});
