import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteAccount, exportUserData } from '../account/my-data';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newId } from '../ids';
import { objectiveMastery } from '../progress/mastery';
import { recentQuizAttempts } from '../progress/progress';
import { content } from '../progress/test-content';
import { answerPracticeQuestion, submitQuiz } from '../quiz/answers';
import { latestPracticeAnswers, quizAttemptReview, quizAttempts } from '../quiz/own-answers';
import { findCard } from '../scheduling/cards';
import { parseForm } from '../forms';
import { createAssignment } from './assignments';
import { addMember, createClass, removeMember } from './classes';
import { gradeForm } from './forms';
import {
	gradeWrittenResponse,
	gradingGroups,
	gradingQueue,
	type GradingItem,
	type GradingLesson,
	type GradingQuestion
} from './grading';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 3, 9, minute));
const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

describe('grade form', () => {
	it('takes a level 0…3 and an optional comment, trimmed, with line breaks kept', () => {
		// Act
		const parsed = parseForm(
			gradeForm,
			form({ responseId: 'r1', level: '2', comment: '  Good.\r\nCite p02.  ' })
		);
		const bare = parseForm(gradeForm, form({ responseId: 'r1', level: '0' }));

		// Assert
		expect(parsed).toEqual({
			ok: true,
			data: { responseId: 'r1', level: 2, comment: 'Good.\nCite p02.' }
		});
		expect(bare).toEqual({ ok: true, data: { responseId: 'r1', level: 0, comment: null } });
	});

	it('refuses a level outside the rubric, a missing answer id and a huge comment, saying why', () => {
		// Act
		const level7 = parseForm(gradeForm, form({ responseId: 'r1', level: '7' }));
		const noLevel = parseForm(gradeForm, form({ responseId: 'r1' }));
		const noId = parseForm(gradeForm, form({ level: '2' }));
		const huge = parseForm(
			gradeForm,
			form({ responseId: 'r1', level: '2', comment: 'x'.repeat(1024 * 1024) })
		);

		// Assert
		expect(level7).toMatchObject({ ok: false, fieldErrors: { level: expect.any(String) } });
		expect(noLevel).toMatchObject({ ok: false, fieldErrors: { level: expect.any(String) } });
		expect(noId).toMatchObject({
			ok: false,
			fieldErrors: { responseId: expect.stringMatching(/which answer/) }
		});
		expect(huge).toMatchObject({
			ok: false,
			fieldErrors: { comment: expect.stringMatching(/at most 2000 characters/) }
		});
	});
});

describe('grading groups', () => {
	const item = (responseId: string, level: number | null = null): GradingItem => ({
		responseId,
		studentId: `s-${responseId}`,
		studentName: `Student ${responseId}`,
		username: `user-${responseId}`,
		mode: 'quiz',
		text: `Answer ${responseId}`,
		answeredAt: at(1),
		grade: level === null ? null : { level, label: 'Good', comment: null, gradedAt: at(2) }
	});
	const question = (
		questionId: string,
		position: number,
		items: GradingItem[]
	): GradingQuestion => ({
		questionId,
		prompt: `Prompt ${questionId}`,
		placement: 'quiz',
		position,
		modelAnswer: `Model ${questionId}`,
		rubric: [],
		items
	});
	const lesson = (slug: string, number: number, questions: GradingQuestion[]): GradingLesson => ({
		slug,
		number,
		title: `Lesson ${slug}`,
		assignments: [],
		questions
	});

	it('lists each question once, in course order, its answers to score before its scored ones', () => {
		// Arrange: lesson "b" (2) has only scored answers; "a" (1) has both, in two questions
		const queue = {
			toScore: [
				lesson('a', 1, [
					question('a1', 0, [item('r1'), item('r2')]),
					question('a2', 3, [item('r3')])
				])
			],
			scored: [
				lesson('a', 1, [question('a2', 3, [item('r5', 2)]), question('a0', 1, [item('r6', 3)])]),
				lesson('b', 2, [question('b1', 0, [item('r4', 1)])])
			],
			toScoreCount: 3,
			scoredCount: 3
		};

		// Act
		const groups = gradingGroups(queue);

		// Assert
		expect(
			groups.map((g) => [
				g.lesson.slug,
				g.questionId,
				g.prompt,
				g.modelAnswer,
				g.toScore.map((i) => i.responseId),
				g.scored.map((i) => i.responseId)
			])
		).toEqual([
			['a', 'a1', 'Prompt a1', 'Model a1', ['r1', 'r2'], []],
			['a', 'a0', 'Prompt a0', 'Model a0', [], ['r6']],
			['a', 'a2', 'Prompt a2', 'Model a2', ['r3'], ['r5']],
			['b', 'b1', 'Prompt b1', 'Model b1', [], ['r4']]
		]);
		expect(groups[0]?.lesson).toEqual({ slug: 'a', number: 1, title: 'Lesson a', assignments: [] });
	});

	it('has no groups when nothing was answered', () => {
		expect(gradingGroups({ toScore: [], scored: [], toScoreCount: 0, scoredCount: 0 })).toEqual([]);
	});
});

describeOnEachEngine('grading written answers', (getDb) => {
	let counter = 0;
	async function newUser(db: Database, displayName: string, role: 'student' | 'teacher') {
		const id = newId();
		await db.write((tx) =>
			tx.insert(db.tables.users).values({
				id,
				username: `grading-${counter++}-${id}`,
				displayName,
				role,
				passwordHash: '!test'
			})
		);
		return id;
	}

	/** A teacher's class with the given students as members, and lesson "first" assigned unless told. */
	async function classWith(db: Database, names: string[], assignFirst = true) {
		const teacherId = await newUser(db, 'Ms Teacher', 'teacher');
		const classRow = await createClass(db, teacherId, 'Period 3', at(0));
		if (assignFirst) {
			// answers out at once, so the student's own pages (mastery, review) show what a score changes
			const assignment = {
				lessonSlug: 'first',
				behaviour: 'quiz' as const,
				dueAt: null,
				policy: { answersShown: 'immediately' as const }
			};
			await createAssignment(db, { classId: classRow.id, ...assignment }, at(0));
		}
		const students: string[] = [];
		for (const name of names) {
			const id = await newUser(db, name, 'student');
			await addMember(db, classRow.id, id, at(0));
			students.push(id);
		}
		return { teacherId, classId: classRow.id, students };
	}

	async function writePractice(db: Database, userId: string, text: string, minute: number) {
		const result = await answerPracticeQuestion(
			db,
			content,
			{ userId, lessonSlug: 'first', form: form({ questionId: 'f-written', 'f-written': text }) },
			at(minute)
		);
		expect(result.ok).toBe(true);
	}

	async function takeQuiz(db: Database, userId: string, text: string, minute: number) {
		const result = await submitQuiz(
			db,
			content,
			{
				userId,
				lessonSlug: 'first',
				form: form({ 'f-quiz': 'true', 'f-judge': 'false', 'f-written': text })
			},
			at(minute)
		);
		if (!result.ok || !result.attemptId) throw new Error('the quiz was not stored');
		return result.attemptId;
	}

	async function responseIdOf(db: Database, userId: string, text: string) {
		const { responses } = db.tables;
		const rows = await db.read
			.select({ id: responses.id, answer: responses.answer })
			.from(responses)
			.where(and(eq(responses.userId, userId), eq(responses.questionId, 'f-written')));
		const row = rows.find((r) => r.answer === text);
		if (!row) throw new Error(`no answer “${text}”`);
		return row.id;
	}

	async function responseRow(db: Database, responseId: string) {
		const { responses } = db.tables;
		const [row] = await db.read
			.select({ status: responses.status, earned: responses.earned, correct: responses.correct })
			.from(responses)
			.where(eq(responses.id, responseId));
		return row;
	}

	async function gradeRows(db: Database, responseId: string) {
		const { responseGrades } = db.tables;
		return db.read
			.select({ level: responseGrades.level, comment: responseGrades.comment })
			.from(responseGrades)
			.where(eq(responseGrades.responseId, responseId));
	}

	it('lists the members’ latest written answers to score, by lesson and question, once each', async () => {
		// Arrange
		const db = getDb();
		const { classId, students } = await classWith(db, ['Zoe Ruiz', 'Ana López'], false);
		const [zoe, ana] = students as [string, string];
		const outsider = await newUser(db, 'Not In Class', 'student');
		await createAssignment(db, { classId, lessonSlug: 'first', behaviour: 'quiz', dueAt: at(59) });
		await createAssignment(db, { classId, lessonSlug: null, behaviour: 'practice', dueAt: null });
		await writePractice(db, zoe, 'Zoe first try', 1);
		await writePractice(db, zoe, 'Zoe second try', 2);
		await takeQuiz(db, ana, 'Ana in the quiz', 3);
		await writePractice(db, ana, 'Ana practises\nafter the quiz', 4);
		await writePractice(db, outsider, 'Someone else', 5);

		// Act
		const queue = await gradingQueue(db, content, classId);

		// Assert
		expect(queue.toScoreCount).toBe(3);
		expect(queue.scored).toEqual([]);
		expect(queue.toScore).toHaveLength(1);
		const [lesson] = queue.toScore;
		expect(lesson).toMatchObject({ slug: 'first', title: 'First' });
		expect(lesson?.assignments.map((a) => [a.title, a.dueAt])).toEqual([
			['First', at(59)],
			['The whole module', null]
		]);
		expect(lesson?.questions).toHaveLength(1);
		const [question] = lesson?.questions ?? [];
		expect(question).toMatchObject({
			questionId: 'f-written',
			prompt: 'Explain the denial.',
			placement: 'quiz',
			modelAnswer: 'The Navy denied it in p01.'
		});
		expect(question?.rubric.map((r) => `${r.level} ${r.label}`)).toEqual([
			'0 None',
			'1 Some',
			'2 Good',
			'3 Strong'
		]);
		// by student name; Zoe's first try is superseded; Ana's quiz answer and her newer practice both count
		expect(
			question?.items.map((item) => [item.studentName, item.mode, item.text, item.grade])
		).toEqual([
			['Ana López', 'quiz', 'Ana in the quiz', null],
			['Ana López', 'practice', 'Ana practises\nafter the quiz', null],
			['Zoe Ruiz', 'practice', 'Zoe second try', null]
		]);
		expect(question?.items[0]?.answeredAt).toEqual(at(3));
	});

	it('scores an answer: the response takes the points, the grade keeps level and comment', async () => {
		// Arrange
		const db = getDb();
		const { teacherId, classId, students } = await classWith(db, ['Ana López']);
		const [ana] = students as [string];
		await writePractice(db, ana, 'The Navy denied it.', 1);
		const responseId = await responseIdOf(db, ana, 'The Navy denied it.');

		// Act
		const first = await gradeWrittenResponse(
			db,
			content,
			{ classId, teacherId, responseId, level: 2, comment: 'Cite p01 as well.' },
			at(10)
		);
		const afterFirst = await responseRow(db, responseId);
		const queue = await gradingQueue(db, content, classId);
		const again = await gradeWrittenResponse(
			db,
			content,
			{ classId, teacherId, responseId, level: 3, comment: null },
			at(11)
		);

		// Assert
		expect(first).toEqual({
			ok: true,
			responseId,
			studentName: 'Ana López',
			prompt: 'Explain the denial.',
			level: 2,
			label: 'Good',
			regraded: false
		});
		expect(afterFirst?.status).toBe('scored');
		expect(afterFirst?.earned).toBeCloseTo(2 / 3, 10);
		expect(afterFirst?.correct).toBe(false);
		expect(queue.toScoreCount).toBe(0);
		expect(queue.scored[0]?.questions[0]?.items[0]?.grade).toEqual({
			level: 2,
			label: 'Good',
			comment: 'Cite p01 as well.',
			gradedAt: at(10)
		});
		expect(again).toMatchObject({ ok: true, level: 3, label: 'Strong', regraded: true });
		expect(await responseRow(db, responseId)).toEqual({
			status: 'scored',
			earned: 1,
			correct: true
		});
		expect(await gradeRows(db, responseId)).toEqual([{ level: 3, comment: null }]);
	});

	it('refuses answers outside the class, other questions and bad input, and changes nothing', async () => {
		// Arrange
		const db = getDb();
		const mine = await classWith(db, ['Ana López']);
		const theirs = await classWith(db, ['Ben Other']);
		const [ana] = mine.students as [string];
		const [ben] = theirs.students as [string];
		await writePractice(db, ana, 'Mine.', 1);
		await writePractice(db, ben, 'Theirs.', 2);
		await takeQuiz(db, ana, 'Mine in the quiz.', 3);
		const anaAnswer = await responseIdOf(db, ana, 'Mine.');
		const benAnswer = await responseIdOf(db, ben, 'Theirs.');
		const { responses } = db.tables;
		const [trueFalse] = await db.read
			.select({ id: responses.id })
			.from(responses)
			.where(and(eq(responses.userId, ana), eq(responses.questionId, 'f-quiz')));
		const grade = (responseId: string, level = 2, comment: string | null = null) =>
			gradeWrittenResponse(db, content, {
				classId: mine.classId,
				teacherId: mine.teacherId,
				responseId,
				level,
				comment
			});

		// Act
		const otherClass = await grade(benAnswer);
		const missing = await grade('no-such-answer');
		const notWritten = await grade(trueFalse?.id ?? '');
		const level7 = await grade(anaAnswer, 7);
		const longComment = await grade(anaAnswer, 2, 'x'.repeat(1024 * 1024));
		await removeMember(db, mine.classId, ana);
		const formerMember = await grade(anaAnswer);

		// Assert
		for (const refused of [otherClass, missing, notWritten, formerMember]) {
			expect(refused).toMatchObject({ ok: false, status: 404 });
		}
		expect(level7).toMatchObject({ ok: false, status: 400, message: /from 0 to 3/ });
		expect(longComment).toMatchObject({ ok: false, status: 400, message: /at most 2000/ });
		for (const id of [anaAnswer, benAnswer]) {
			expect(await responseRow(db, id)).toEqual({
				status: 'pending-review',
				earned: null,
				correct: null
			});
			expect(await gradeRows(db, id)).toEqual([]);
		}
		// a student who left the class leaves its queue too
		expect((await gradingQueue(db, content, mine.classId)).toScoreCount).toBe(0);
	});

	it('counts a scored quiz answer in the attempt’s total, mastery and the student’s review', async () => {
		// Arrange
		const db = getDb();
		const { teacherId, classId, students } = await classWith(db, ['Ana López']);
		const [ana] = students as [string];
		const attemptId = await takeQuiz(db, ana, 'Denied, not refuted.', 1);
		const responseId = await responseIdOf(db, ana, 'Denied, not refuted.');
		const judge = async () =>
			(await objectiveMastery(db, content, ana)).find((m) => m.objectiveId === 'judge');
		const before = {
			attempts: await quizAttempts(db, ana, 'first'),
			recent: await recentQuizAttempts(db, content, ana),
			judge: await judge(),
			review: await quizAttemptReview(db, content, ana, 'first', attemptId, 'UTC')
		};

		// Act
		const graded = await gradeWrittenResponse(
			db,
			content,
			{ classId, teacherId, responseId, level: 1, comment: 'Say who denied it.\nThen why.' },
			at(20)
		);

		// Assert
		expect(graded.ok).toBe(true);
		// f-quiz right (1), f-judge wrong (0), f-written waiting, then level 1 of 3
		expect(before.attempts[0]).toMatchObject({ earned: 1, possible: 3, pendingReview: 1 });
		expect(before.recent[0]).toMatchObject({ earned: 1, possible: 3, pendingReview: 1 });
		expect(before.judge).toMatchObject({ answered: 1, waitingForTeacher: 1 });
		expect(before.review?.answered['f-written']?.reveal.teacherGrade).toBeUndefined();

		const [attempt] = await quizAttempts(db, ana, 'first');
		expect(attempt?.earned).toBeCloseTo(1 + 1 / 3, 10);
		expect(attempt?.pendingReview).toBe(0);
		const [recent] = await recentQuizAttempts(db, content, ana);
		expect(recent?.earned).toBeCloseTo(1 + 1 / 3, 10);
		expect(recent?.pendingReview).toBe(0);
		// f-judge 0 and f-written 1/3: both answered now, nothing waiting
		expect(await judge()).toMatchObject({ answered: 2, waitingForTeacher: 0, percent: 16 });
		// dated in the reader's zone: 09:20 UTC is still the day before in Honolulu
		const review = await quizAttemptReview(
			db,
			content,
			ana,
			'first',
			attemptId,
			'Pacific/Honolulu'
		);
		expect(review?.attempt).toMatchObject({ pendingReview: 0 });
		expect(review?.answered['f-written']?.reveal.teacherGrade).toEqual({
			level: 1,
			label: 'Some',
			comment: 'Say who denied it.\nThen why.',
			scored: { iso: '2025-03-03T09:20:00.000Z', text: 'Mar 2, 2025' },
			earned: 1 / 3,
			possible: 1
		});
		// only the student's own attempt shows it
		expect(await quizAttemptReview(db, content, teacherId, 'first', attemptId, 'UTC')).toBeNull();
		// a first score below full marks puts the question in review, as a wrong answer would
		const card = await findCard(db.read, db.tables, ana, 'f-written');
		expect(card?.lessonSlug).toBe('first');
		await gradeWrittenResponse(
			db,
			content,
			{ classId, teacherId, responseId, level: 0, comment: null },
			at(30)
		);
		expect(await findCard(db.read, db.tables, ana, 'f-written')).toEqual(card);
	});

	it('shows the teacher’s score with the latest practice answer, until the student answers again', async () => {
		// Arrange
		const db = getDb();
		const { teacherId, classId, students } = await classWith(db, ['Ana López']);
		const [ana] = students as [string];
		await writePractice(db, ana, 'First go.', 1);
		const responseId = await responseIdOf(db, ana, 'First go.');
		const lesson = content.lessons.get('first');
		if (!lesson) throw new Error('no sample lesson');
		const latest = async () =>
			(await latestPracticeAnswers(db, content, ana, lesson, ['f-written'], 'UTC'))['f-written']
				?.reveal;

		// Act
		await gradeWrittenResponse(
			db,
			content,
			{ classId, teacherId, responseId, level: 3, comment: 'Well argued.' },
			at(5)
		);
		const scored = await latest();
		await writePractice(db, ana, 'Second go.', 6);
		const answeredAgain = await latest();

		// Assert
		expect(scored?.teacherGrade).toMatchObject({
			level: 3,
			label: 'Strong',
			comment: 'Well argued.',
			earned: 1
		});
		expect(answeredAgain?.teacherGrade).toBeUndefined();
		expect(answeredAgain?.score.status).toBe('pending-review');
		// full marks on a question without a card adds none
		expect(await findCard(db.read, db.tables, ana, 'f-written')).toBeNull();
	});

	it('exports a student’s classes and scores, and deleting accounts clears classes sensibly', async () => {
		// Arrange
		const db = getDb();
		const { teacherId, classId, students } = await classWith(db, ['Ana López', 'Ben Ortiz']);
		const [ana, ben] = students as [string, string];
		await writePractice(db, ana, 'Ana wrote.', 1);
		await writePractice(db, ben, 'Ben wrote.', 2);
		const anaAnswer = await responseIdOf(db, ana, 'Ana wrote.');
		const benAnswer = await responseIdOf(db, ben, 'Ben wrote.');
		for (const responseId of [anaAnswer, benAnswer]) {
			await gradeWrittenResponse(
				db,
				content,
				{ classId, teacherId, responseId, level: 2, comment: `For ${responseId}` },
				at(3)
			);
		}
		await createAssignment(db, { classId, lessonSlug: 'first', behaviour: 'quiz', dueAt: null });
		const t = db.tables;
		const membersOf = async () =>
			(
				await db.read
					.select({ userId: t.classMembers.userId })
					.from(t.classMembers)
					.where(eq(t.classMembers.classId, classId))
			).map((r) => r.userId);

		// Act
		const exported = await exportUserData(db, ana);
		const teacherExport = await exportUserData(db, teacherId);
		await deleteAccount(db, ana);
		const membersAfterStudent = await membersOf();
		const anaGrades = await gradeRows(db, anaAnswer);
		await deleteAccount(db, teacherId);

		// Assert
		expect(exported?.classMemberships).toEqual([
			{ classId, className: 'Period 3', teacherName: 'Ms Teacher', joinedAt: at(0) }
		]);
		expect(exported?.teacherScores).toEqual([
			{ responseId: anaAnswer, level: 2, comment: `For ${anaAnswer}`, gradedAt: at(3) }
		]);
		expect(JSON.stringify(exported)).not.toContain(benAnswer);
		expect(teacherExport?.classesTaught.map((c) => c.name)).toEqual(['Period 3']);
		expect(JSON.stringify(teacherExport)).not.toContain('Ben wrote.');
		// a deleted student leaves the class, and their answers' grades go with the answers
		expect(membersAfterStudent).toEqual([ben]);
		expect(anaGrades).toEqual([]);
		// a deleted teacher's class goes, with its members and assignments; students keep their scores
		expect(await db.read.select().from(t.classes).where(eq(t.classes.id, classId))).toEqual([]);
		expect(await membersOf()).toEqual([]);
		expect(
			await db.read.select().from(t.assignments).where(eq(t.assignments.classId, classId))
		).toEqual([]);
		const [benGrade] = await db.read
			.select({ level: t.responseGrades.level, gradedBy: t.responseGrades.gradedBy })
			.from(t.responseGrades)
			.where(eq(t.responseGrades.responseId, benAnswer));
		expect(benGrade).toEqual({ level: 2, gradedBy: null });
		expect(await responseRow(db, benAnswer)).toMatchObject({ status: 'scored' });
	});
});
