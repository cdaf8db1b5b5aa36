import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Reveal } from '../../quiz/feedback';
import { scoreAnswer } from '../../quiz/registry';
import { answerText } from '../../quiz/summary';
import { showDate, wallTimeInZone, type ShownDate } from '../../dates';
import { m } from '../../i18n';
import { attemptAnswers, type GradedAnswer } from '../answers/read-model';
import type { Content, LessonContent } from '../content/build';
import type { Database } from '../db/database';
import type { AssignmentBehaviour } from '../db/enums';
import { newId } from '../ids';
import { buildReveal } from '../quiz/reveal';
import { withTeacherGrade } from '../quiz/teacher-grade';
import {
	assignmentsCovering,
	assignmentTitle,
	classAssignments,
	type AssignmentRow
} from './assignments';
import { classWork } from './class-work';
import { gridColumn } from './dashboard';
import { policyInWords } from './policy-text';
import {
	attemptAnswersVisible,
	attemptScoreVisible,
	attemptsLeft,
	countedAttempt,
	studentPolicy,
	submittedOverTime,
	type StudentAccommodation,
	type StudentOverride,
	type StudentPolicy
} from './quiz-policy';

/**
 * One student's work on one lesson for one class, as its teacher reads it (the dashboard cell's drill-down):
 * each sitting done for the class (classWork) with its answers and the feedback they show, the policy of
 * each of the class's assignments covering the lesson as it applies to the student, and the teacher's comments.
 */

export interface DrillDownStudent {
	id: string;
	displayName: string;
	username: string;
	/** false for a student taken out of the class whose work for it stays */
	member: boolean;
}

/**
 * The student as this class's teacher may see them: a member, or someone with work done for the class;
 * null for anyone else (a student of another class, a teacher, an unknown id), so they look missing.
 */
export async function studentOfClass(
	db: Database,
	classId: string,
	studentId: string
): Promise<DrillDownStudent | null> {
	const { users, classMembers, attempts } = db.tables;
	const [row] = await db.read
		.select({
			id: users.id,
			displayName: users.displayName,
			username: users.username,
			member: classMembers.userId
		})
		.from(users)
		.leftJoin(
			classMembers,
			and(eq(classMembers.userId, users.id), eq(classMembers.classId, classId))
		)
		.where(eq(users.id, studentId));
	if (!row) return null;
	if (row.member !== null) return { ...row, member: true };
	const [work] = await db.read
		.select({ id: attempts.id })
		.from(attempts)
		.where(and(eq(attempts.userId, studentId), classWork(db.tables, classId)))
		.limit(1);
	return work ? { ...row, member: false } : null;
}

export interface WorkAnswer {
	responseId: string;
	questionId: string;
	/** "Quiz question 2" or "Check 1", as the lesson numbers them */
	label: string;
	prompt: string;
	/** the student's answer in words */
	answer: string;
	answeredAt: ShownDate;
	reveal: Reveal;
}

/** What the student's own page shows of a submitted quiz attempt under the policy now. */
export type StudentSees = 'everything' | 'score' | 'nothing';

export interface WorkAttempt {
	id: string;
	mode: 'practice' | 'quiz' | 'live';
	/** "Quiz attempt 2", "Practice", "Live review: Period 3 warm-up" */
	title: string;
	startedAt: ShownDate;
	submittedAt: ShownDate | null;
	/** a timed quiz's deadline */
	deadlineAt: ShownDate | null;
	/** submittedAt − startedAt; null for sittings never submitted (practice, live) or with no start of their own */
	timeTakenMs: number | null;
	overTime: boolean;
	/** scored marks; written answers waiting for the teacher are counted in pending instead */
	earned: number;
	possible: number;
	pending: number;
	/** the attempt the gradebook counts (quiz attempts only) */
	counted: boolean;
	studentSees: StudentSees;
	answers: WorkAnswer[];
}

export interface WorkPolicy {
	assignmentId: string;
	title: string;
	behaviour: AssignmentBehaviour;
	/** the policy in phrases, with this student's attempts and time */
	words: string[];
	attemptsAllowed: number | null;
	/** quiz attempts submitted for this assignment on this lesson */
	submitted: number;
	left: number | null;
	/** attempts the teacher granted this student on top (the override), and from accommodations */
	granted: number;
	accommodationAttempts: number;
	/** the class's due date, and the later one this student has when reopened */
	dueAt: ShownDate | null;
	reopenedUntil: ShownDate | null;
	timeLimitMs: number | null;
	/** granting one more attempt means something: a quiz with a limit */
	canGrant: boolean;
	/** reopening means something: a quiz with a due date to move (practice is always open) */
	canReopen: boolean;
	/** the reopen form's first values: a day after the later of now and the due date, in the class's zone */
	reopenSuggestion: { date: string; time: string } | null;
}

export interface WorkComment {
	id: string;
	body: string;
	authorName: string | null;
	createdAt: ShownDate;
	seenAt: ShownDate | null;
}

export interface StudentLessonWork {
	student: DrillDownStudent;
	lesson: { slug: string; number: number; title: string };
	policies: WorkPolicy[];
	attempts: WorkAttempt[];
	comments: WorkComment[];
	gradingMethod: AssignmentRow['gradingMethod'];
}

/** submittedAt − startedAt; null when unsubmitted, or when the start was not kept apart (stored at submission). */
function timeTaken(sitting: { startedAt: Date; submittedAt: Date | null }): number | null {
	if (sitting.submittedAt === null) return null;
	const ms = sitting.submittedAt.getTime() - sitting.startedAt.getTime();
	return ms >= 1000 ? ms : null;
}

function questionLabel(lesson: LessonContent, questionId: string): string {
	const quiz = lesson.quizIds.indexOf(questionId);
	if (quiz >= 0) return m.drill_question_quiz({ number: quiz + 1 });
	const check = lesson.checkIds.indexOf(questionId);
	return check >= 0 ? m.drill_question_check({ number: check + 1 }) : m.drill_question_other();
}

function workAnswer(
	row: GradedAnswer,
	lesson: LessonContent,
	content: Content,
	zone: string,
	now: Date
): WorkAnswer {
	// feedback is rebuilt from today's bank, as the student's own pages do
	const reveal = buildReveal(
		row.question,
		scoreAnswer(row.answer, row.question),
		lesson.sourceId,
		content
	);
	return {
		responseId: row.responseId,
		questionId: row.questionId,
		label: questionLabel(lesson, row.questionId),
		prompt: row.question.prompt,
		answer: answerText(row.question, row.answer),
		answeredAt: showDate(row.answeredAt, zone, 'dateTime', { now, withZone: false }),
		reveal: withTeacherGrade(reveal, row.question, row, zone)
	};
}

/** The student's override and accommodation rows for the class's assignments, keyed by assignment id. */
async function studentExceptions(
	db: Database,
	classId: string,
	studentId: string,
	assignmentIds: string[]
) {
	const { assignmentOverrides, accommodations } = db.tables;
	const [overrides, [accommodation]] = await Promise.all([
		assignmentIds.length === 0
			? []
			: db.read
					.select()
					.from(assignmentOverrides)
					.where(
						and(
							eq(assignmentOverrides.userId, studentId),
							inArray(assignmentOverrides.assignmentId, assignmentIds)
						)
					),
		db.read
			.select()
			.from(accommodations)
			.where(and(eq(accommodations.classId, classId), eq(accommodations.userId, studentId)))
	]);
	const byAssignment = new Map<string, StudentOverride>(
		overrides.map((row) => [
			row.assignmentId,
			{ extraAttempts: row.extraAttempts, dueAt: row.dueAt }
		])
	);
	const accommodated: StudentAccommodation | null = accommodation
		? {
				extraTime: accommodation.extraTime,
				extraAttempts: accommodation.extraAttempts,
				readAloud: accommodation.readAloud
			}
		: null;
	return { byAssignment, accommodated };
}

/** Everything the drill-down page shows; dates are formatted in the class's zone. */
export async function studentLessonWork(
	db: Database,
	content: Content,
	klass: { id: string; timeZone: string },
	student: DrillDownStudent,
	lesson: LessonContent,
	now = new Date()
): Promise<StudentLessonWork> {
	const zone = klass.timeZone;
	// the page names the class's zone once; each time on it is in that zone
	const when = (date: Date) => showDate(date, zone, 'dateTime', { now, withZone: false });
	const { attempts, responses, liveSessions, workComments, users } = db.tables;
	const [rows, classRows, commentRows] = await Promise.all([
		db.read
			.select({
				id: attempts.id,
				mode: attempts.mode,
				startedAt: attempts.startedAt,
				submittedAt: attempts.submittedAt,
				deadlineAt: attempts.deadlineAt,
				assignmentId: attempts.assignmentId,
				liveTitle: liveSessions.title,
				status: responses.status,
				earned: responses.earned,
				possible: responses.possible
			})
			.from(attempts)
			.leftJoin(responses, eq(responses.attemptId, attempts.id))
			.leftJoin(liveSessions, eq(liveSessions.id, attempts.liveSessionId))
			.where(
				and(
					eq(attempts.userId, student.id),
					eq(attempts.lessonSlug, lesson.slug),
					inArray(attempts.mode, ['practice', 'quiz', 'live']),
					classWork(db.tables, klass.id)
				)
			)
			.orderBy(asc(attempts.startedAt), asc(attempts.id)),
		classAssignments(db, klass.id),
		db.read
			.select({
				id: workComments.id,
				body: workComments.body,
				createdAt: workComments.createdAt,
				seenAt: workComments.seenAt,
				authorName: users.displayName
			})
			.from(workComments)
			.leftJoin(users, eq(users.id, workComments.authorId))
			.where(
				and(
					eq(workComments.classId, klass.id),
					eq(workComments.studentId, student.id),
					eq(workComments.lessonSlug, lesson.slug)
				)
			)
			.orderBy(desc(workComments.createdAt), desc(workComments.id))
	]);

	const covering = assignmentsCovering(classRows, lesson.slug);
	const { byAssignment, accommodated } = await studentExceptions(
		db,
		klass.id,
		student.id,
		covering.map((row) => row.id)
	);
	const policyOf = new Map<string, StudentPolicy>(
		covering.map((row) => [
			row.id,
			studentPolicy(row, byAssignment.get(row.id) ?? null, accommodated)
		])
	);

	// one entry per sitting, its marks summed as the dashboard sums them
	const sittings = new Map<
		string,
		Omit<(typeof rows)[number], 'status' | 'earned' | 'possible'> & {
			earned: number;
			possible: number;
			pending: number;
		}
	>();
	for (const row of rows) {
		const { status, earned, possible, ...attempt } = row;
		let sitting = sittings.get(row.id);
		if (!sitting)
			sittings.set(row.id, (sitting = { ...attempt, earned: 0, possible: 0, pending: 0 }));
		if (status === 'pending-review') sitting.pending += 1;
		else if (status === 'scored') {
			sitting.earned += earned ?? 0;
			sitting.possible += possible ?? 0;
		}
	}
	const submittedQuizzes = [...sittings.values()].flatMap((s) =>
		s.mode === 'quiz' && s.submittedAt ? [{ ...s, submittedAt: s.submittedAt }] : []
	);
	const gradingMethod = gridColumn(lesson, classRows).gradingMethod;
	const counted = countedAttempt(submittedQuizzes, gradingMethod);

	const answers = await Promise.all(
		[...sittings.keys()].map((id) => attemptAnswers(db, content, id))
	);
	const position = (questionId: string) => lesson.questions.findIndex((q) => q.id === questionId);
	let quizNumber = 0;
	const workAttempts = [...sittings.values()].flatMap((sitting, index): WorkAttempt[] => {
		if (sitting.mode === 'review') return [];
		const policy = sitting.assignmentId ? policyOf.get(sitting.assignmentId) : undefined;
		let studentSees: StudentSees = 'everything';
		if (sitting.mode === 'quiz' && policy) {
			studentSees = attemptAnswersVisible(policy, now)
				? 'everything'
				: attemptScoreVisible(policy, now)
					? 'score'
					: 'nothing';
		}
		const title =
			sitting.mode === 'quiz'
				? m.drill_attempt_quiz({ number: (quizNumber += 1) })
				: sitting.mode === 'live'
					? sitting.liveTitle
						? m.drill_attempt_live_titled({ title: sitting.liveTitle })
						: m.drill_attempt_live()
					: m.drill_attempt_practice();
		const ordered = (answers[index] ?? [])
			.filter((row) => lesson.questions.some((q) => q.id === row.questionId))
			.sort(
				(a, b) =>
					a.answeredAt.getTime() - b.answeredAt.getTime() ||
					position(a.questionId) - position(b.questionId)
			);
		return [
			{
				id: sitting.id,
				mode: sitting.mode,
				title,
				startedAt: when(sitting.startedAt),
				submittedAt: sitting.submittedAt ? when(sitting.submittedAt) : null,
				deadlineAt: sitting.deadlineAt ? when(sitting.deadlineAt) : null,
				timeTakenMs: timeTaken(sitting),
				overTime:
					sitting.submittedAt !== null &&
					submittedOverTime(sitting.deadlineAt, sitting.submittedAt),
				earned: sitting.earned,
				possible: sitting.possible,
				pending: sitting.pending,
				counted: counted?.id === sitting.id,
				studentSees,
				answers: ordered.map((row) => workAnswer(row, lesson, content, zone, now))
			}
		];
	});

	const policies = covering.map((row): WorkPolicy => {
		const policy = policyOf.get(row.id) as StudentPolicy;
		const submitted = submittedQuizzes.filter((s) => s.assignmentId === row.id).length;
		const override = byAssignment.get(row.id) ?? null;
		const words = policyInWords(
			{ ...policy, behaviour: row.behaviour },
			row.answersReleasedAt ? when(row.answersReleasedAt).text : null
		);
		return {
			assignmentId: row.id,
			title: assignmentTitle(content, row.lessonSlug),
			behaviour: row.behaviour,
			words,
			attemptsAllowed: policy.attemptsAllowed,
			submitted,
			left: row.behaviour === 'quiz' ? attemptsLeft(policy, submitted) : null,
			granted: override?.extraAttempts ?? 0,
			accommodationAttempts: accommodated?.extraAttempts ?? 0,
			dueAt: row.dueAt ? showDate(row.dueAt, zone, 'due', { now }) : null,
			reopenedUntil: override?.dueAt ? showDate(override.dueAt, zone, 'due', { now }) : null,
			timeLimitMs: policy.timeLimitMs,
			canGrant: row.behaviour === 'quiz' && row.attemptsAllowed !== null,
			canReopen: row.behaviour === 'quiz' && row.dueAt !== null,
			reopenSuggestion:
				row.behaviour === 'quiz' && row.dueAt
					? wallTimeInZone(
							new Date(Math.max(now.getTime(), (policy.dueAt ?? row.dueAt).getTime()) + 86_400_000),
							zone
						)
					: null
		};
	});

	return {
		student,
		lesson: { slug: lesson.slug, number: lesson.number, title: lesson.title },
		policies,
		attempts: workAttempts,
		comments: commentRows.map((row) => ({
			id: row.id,
			body: row.body,
			authorName: row.authorName,
			createdAt: when(row.createdAt),
			seenAt: row.seenAt ? when(row.seenAt) : null
		})),
		gradingMethod
	};
}

// ---------------------------------------------------------------------------------------------------
// The teacher's actions on the page

export type ExceptionResult =
	{ ok: true; title: string } | { ok: false; status: 404 | 409 | 400; message: string };

/** built per call, so it is in the request's language */
const notThisClass = (): ExceptionResult => ({
	ok: false,
	status: 404,
	message: m.drill_error_not_this_class()
});

/** The class's assignment covering the lesson, or null (another class's, deleted, another lesson's). */
async function coveringAssignment(
	db: Database,
	classId: string,
	lessonSlug: string,
	assignmentId: string
): Promise<AssignmentRow | null> {
	const rows = await classAssignments(db, classId);
	return assignmentsCovering(rows, lessonSlug).find((row) => row.id === assignmentId) ?? null;
}

/** One more attempt for this student at a quiz assignment (Moodle's user override): extraAttempts + 1. */
export async function grantAttempt(
	db: Database,
	content: Content,
	input: { classId: string; studentId: string; lessonSlug: string; assignmentId: string },
	now = new Date()
): Promise<ExceptionResult> {
	const row = await coveringAssignment(db, input.classId, input.lessonSlug, input.assignmentId);
	if (!row) return notThisClass();
	if (row.behaviour !== 'quiz' || row.attemptsAllowed === null) {
		return {
			ok: false,
			status: 409,
			message: m.drill_error_unlimited()
		};
	}
	const { assignmentOverrides: overrides } = db.tables;
	await db.write((tx) =>
		tx
			.insert(overrides)
			.values({
				assignmentId: row.id,
				userId: input.studentId,
				extraAttempts: 1,
				dueAt: null,
				updatedAt: now
			})
			.onConflictDoUpdate({
				target: [overrides.assignmentId, overrides.userId],
				set: { extraAttempts: sql`${overrides.extraAttempts} + 1`, updatedAt: now }
			})
	);
	return { ok: true, title: assignmentTitle(content, row.lessonSlug) };
}

/**
 * Reopens an assignment for this student until `until` (an instant read in the class's zone): their due
 * date moves there, so they may start and submit again until then. It must be later than now and than the
 * class's due date: reopening never shortens anyone's time.
 */
export async function reopenUntil(
	db: Database,
	content: Content,
	input: {
		classId: string;
		studentId: string;
		lessonSlug: string;
		assignmentId: string;
		until: Date;
	},
	now = new Date()
): Promise<ExceptionResult> {
	const row = await coveringAssignment(db, input.classId, input.lessonSlug, input.assignmentId);
	if (!row) return notThisClass();
	if (row.behaviour !== 'quiz' || row.dueAt === null) {
		return {
			ok: false,
			status: 409,
			message: m.drill_error_nothing_to_reopen()
		};
	}
	if (input.until <= now || input.until <= row.dueAt) {
		return {
			ok: false,
			status: 400,
			message: m.drill_error_reopen_earlier()
		};
	}
	const { assignmentOverrides: overrides } = db.tables;
	await db.write((tx) =>
		tx
			.insert(overrides)
			.values({
				assignmentId: row.id,
				userId: input.studentId,
				extraAttempts: 0,
				dueAt: input.until,
				updatedAt: now
			})
			.onConflictDoUpdate({
				target: [overrides.assignmentId, overrides.userId],
				set: { dueAt: input.until, updatedAt: now }
			})
	);
	return { ok: true, title: assignmentTitle(content, row.lessonSlug) };
}

/** A teacher's comment on the student's work on the lesson; the student sees it on /learn until opened. */
export async function addWorkComment(
	db: Database,
	input: {
		classId: string;
		studentId: string;
		lessonSlug: string;
		authorId: string;
		body: string;
	},
	now = new Date()
): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.workComments).values({
			id,
			classId: input.classId,
			studentId: input.studentId,
			lessonSlug: input.lessonSlug,
			attemptId: null,
			authorId: input.authorId,
			body: input.body,
			createdAt: now,
			seenAt: null
		})
	);
	return id;
}
