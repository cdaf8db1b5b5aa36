import { nudgeGradeDelivery, queueGrade } from '../lti/grades';
import { m } from '$lib/i18n';
import { and, eq, isNull } from 'drizzle-orm';
import { showDate, type ShownDate } from '../../dates';
import {
	answersReleased,
	attemptAnswersVisible,
	attemptDeadline,
	attemptScoreVisible,
	attemptsLeft,
	assignmentPolicies,
	canAttempt,
	governingQuiz,
	practiceOpen,
	type CoveringAssignment,
	type StartRefusal,
	type StudentPolicy
} from '../classes/quiz-policy';
import type { Content } from '../content/build';
import type { Database, Queryable, Tables } from '../db/database';
import { newId } from '../ids';
import { recordForReview } from '../scheduling/cards';
import { gradeQuizAnswers, responseRow, type QuizFailure } from './answers';
import { clearQuizDraft } from './drafts';

/**
 * An assigned quiz: the student's sittings of a lesson's quiz count for the first quiz assignment covering
 * it (classWorkRule's order), and that assignment's policy decides when they may start one, how long they
 * have, and when they see answers and scores. A lesson no class assigns as a quiz stays a free quiz.
 */

type Key = { userId: string; lessonSlug: string };

/** A started quiz attempt not yet submitted. */
export interface OpenQuizAttempt {
	id: string;
	startedAt: Date;
	/** null when untimed */
	deadlineAt: Date | null;
}

/** A student's standing on their governing quiz assignment for one lesson. */
export interface AssignedQuiz {
	assignment: CoveringAssignment;
	/** quiz attempts submitted for this assignment */
	submitted: number;
	open: OpenQuizAttempt | null;
}

/** The student's governing quiz for the lesson with their attempts at it, or null when none governs. */
export async function assignedQuiz(
	tx: Queryable,
	tables: Tables,
	key: Key
): Promise<AssignedQuiz | null> {
	const assignment = await governingQuiz(tx, tables, key);
	if (!assignment) return null;
	const { attempts } = tables;
	const rows = await tx
		.select({
			id: attempts.id,
			startedAt: attempts.startedAt,
			submittedAt: attempts.submittedAt,
			deadlineAt: attempts.deadlineAt
		})
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, key.userId),
				eq(attempts.lessonSlug, key.lessonSlug),
				eq(attempts.mode, 'quiz'),
				eq(attempts.assignmentId, assignment.assignmentId)
			)
		);
	// two tabs starting at once could open two: the latest is the one continued
	const open = rows
		.filter((row) => row.submittedAt === null)
		.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
	return {
		assignment,
		submitted: rows.filter((row) => row.submittedAt !== null).length,
		open: open ? { id: open.id, startedAt: open.startedAt, deadlineAt: open.deadlineAt } : null
	};
}

// ---------------------------------------------------------------------------------------------------
// What the student is told

const dueOf = (assignment: CoveringAssignment, now: Date): ShownDate | null =>
	assignment.policy.dueAt
		? showDate(assignment.policy.dueAt, assignment.timeZone, 'due', { now })
		: null;

/** Pure: a time limit as people say it: "45 minutes", "1 hour 15 minutes", "37 minutes 30 seconds". */
export function durationText(ms: number): string {
	const totalSeconds = Math.round(ms / 1000);
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	const parts = [
		hours > 0 ? m.quiz_duration_hours({ count: hours }) : '',
		minutes > 0 ? m.quiz_duration_minutes({ count: minutes }) : '',
		seconds > 0 ? m.quiz_duration_seconds({ count: seconds }) : ''
	].filter(Boolean);
	return parts.length > 0 ? parts.join(' ') : m.quiz_duration_minutes({ count: 0 });
}

/** Pure: why the student may not start the quiz, as they read it. */
export function startRefusalMessage(
	reason: StartRefusal,
	assignment: CoveringAssignment,
	now: Date
): string {
	if (reason === 'past-due') {
		const due = dueOf(assignment, now);
		return due ? m.quiz_closed_on({ date: due.text }) : m.quiz_closed_on_due();
	}
	return m.quiz_attempts_used({ count: assignment.policy.attemptsAllowed ?? 0 });
}

/**
 * Pure: when a submitted attempt's right answers and explanations are shown; null when they are shown now.
 * "Answers and explanations are shown after the due date, Fri, Dec 5, 3:30 PM Pacific Time."
 */
export function answersWhen(assignment: CoveringAssignment, now: Date): string | null {
	const { policy } = assignment;
	if (attemptAnswersVisible(policy, now)) return null;
	const due = dueOf(assignment, now);
	if (policy.answersShown === 'never') return m.quiz_answers_never();
	if (policy.answersShown === 'after-due' && due)
		return m.quiz_answers_after_due({ date: due.text });
	return m.quiz_answers_on_release();
}

/** Pure: why practice on the quiz's questions is closed to the student now (see practiceOpen). */
export function practiceClosedMessage(quiz: AssignedQuiz, now: Date): string {
	const { policy } = quiz.assignment;
	const due = dueOf(quiz.assignment, now)?.text;
	if (answersReleased(policy, now)) {
		// the answers are out, so only the quiz still open to this student keeps practice closed
		if (policy.attemptsAllowed !== null)
			return due
				? m.quiz_practice_opens_submitted_or_closed({ date: due })
				: m.quiz_practice_opens_submitted();
		return due
			? m.quiz_practice_opens_after_close({ date: due })
			: m.quiz_practice_closed_while_open();
	}
	if (policy.answersShown === 'never') return m.quiz_practice_closed_never();
	if (policy.answersShown === 'after-due' && due)
		return m.quiz_practice_opens_after_close({ date: due });
	return m.quiz_practice_opens_on_release();
}

/** The summary card an assigned quiz opens with, and the open attempt's clock. */
export interface QuizCard {
	attemptsAllowed: number | null;
	attemptsLeft: number | null;
	submitted: number;
	/** this student's time, extra time included; null when untimed */
	timeLimit: string | null;
	/** the limit includes extra time, or extra time lifts it */
	extraTime: boolean;
	due: ShownDate | null;
	answers: string;
	score: string;
	/** why a new attempt may not start; null when it may */
	refusal: string | null;
	open: {
		deadline: ShownDate | null;
		/** milliseconds left when the page was made; the countdown runs from it, not the device's clock */
		remainingMs: number | null;
	} | null;
}

/** Pure: the assigned quiz as its start card shows it. */
export function quizCard(quiz: AssignedQuiz, now: Date): QuizCard {
	const { policy, timeZone } = quiz.assignment;
	const allowed = canAttempt(policy, quiz.submitted, now);
	const classMs = policy.timeLimitMinutes === null ? null : policy.timeLimitMinutes * 60_000;
	const deadline = quiz.open?.deadlineAt ?? null;
	return {
		attemptsAllowed: policy.attemptsAllowed,
		attemptsLeft: attemptsLeft(policy, quiz.submitted),
		submitted: quiz.submitted,
		timeLimit: policy.timeLimitMs === null ? null : durationText(policy.timeLimitMs),
		extraTime: classMs !== null && (policy.timeLimitMs === null || policy.timeLimitMs > classMs),
		due: dueOf(quiz.assignment, now),
		answers: answersWhen(quiz.assignment, now) ?? m.quiz_answers_at_once(),
		score: attemptScoreVisible(policy, now) ? m.quiz_score_at_once() : m.quiz_score_with_answers(),
		refusal: allowed.ok ? null : startRefusalMessage(allowed.reason, quiz.assignment, now),
		open: quiz.open && {
			deadline: deadline && showDate(deadline, timeZone, 'due', { now }),
			remainingMs: deadline && Math.max(0, deadline.getTime() - now.getTime())
		}
	};
}

// ---------------------------------------------------------------------------------------------------
// Starting and submitting

export type QuizRefusal = { ok: false; status: 403 | 404 | 409; message: string };

const notAssigned = (): QuizRefusal => ({
	ok: false,
	status: 409,
	message: m.quiz_not_assigned()
});

/**
 * Opens an attempt at the student's governing quiz (its clock starts now), or continues the open one.
 * Refused when none governs, or canAttempt says no (past due, no attempts left).
 */
export async function startAssignedQuiz(
	db: Database,
	key: Key,
	now: Date
): Promise<{ ok: true; attemptId: string } | QuizRefusal> {
	return db.write(async (tx) => {
		const quiz = await assignedQuiz(tx, db.tables, key);
		if (!quiz) return notAssigned();
		if (quiz.open) return { ok: true, attemptId: quiz.open.id };
		const { policy } = quiz.assignment;
		const allowed = canAttempt(policy, quiz.submitted, now);
		if (!allowed.ok)
			return {
				ok: false,
				status: 409,
				message: startRefusalMessage(allowed.reason, quiz.assignment, now)
			};
		const id = newId();
		await tx.insert(db.tables.attempts).values({
			id,
			userId: key.userId,
			lessonSlug: key.lessonSlug,
			mode: 'quiz',
			startedAt: now,
			deadlineAt: attemptDeadline(policy, now),
			assignmentId: quiz.assignment.assignmentId
		});
		return { ok: true, attemptId: id };
	});
}

/**
 * An auto-submit sent when the countdown ends reaches the server a little after the deadline; a submission
 * this close to it is treated as time up too, so unanswered questions never block it.
 */
export const timeUpLeewayMs = 5_000;

/** Pure: whether the open attempt's time is up, so a submission with unanswered questions is accepted. */
export function timeIsUp(open: OpenQuizAttempt, now: Date): boolean {
	return open.deadlineAt !== null && now.getTime() >= open.deadlineAt.getTime() - timeUpLeewayMs;
}

const refused = (status: 404 | 409, message: string): QuizFailure => ({
	ok: false,
	status,
	message,
	answers: {},
	problems: {}
});

/**
 * Submits the student's open attempt at their governing quiz: its answers and review cards are stored and
 * the attempt marked submitted, in one transaction. Never refused for lateness (a late one is kept, and
 * submittedOverTime marks it); once time is up, unanswered questions earn nothing instead of blocking it.
 * Returns null when no quiz assignment governs the lesson for this student (the free quiz applies).
 */
export async function submitAssignedQuiz(
	db: Database,
	content: Content,
	input: Key & { form: FormData },
	now: Date
): Promise<{ ok: true; attemptId: string } | QuizFailure | null> {
	const lesson = content.lessons.get(input.lessonSlug);
	if (!lesson) return refused(404, m.quiz_no_such_lesson());
	const quiz = await assignedQuiz(db.read, db.tables, input);
	if (!quiz) return null;
	const open = quiz.open;
	if (!open) {
		const allowed = canAttempt(quiz.assignment.policy, quiz.submitted, now);
		return refused(
			409,
			allowed.ok ? m.quiz_not_started() : startRefusalMessage(allowed.reason, quiz.assignment, now)
		);
	}
	const answered = gradeQuizAnswers(lesson, input.form);
	if (!answered.ok && !timeIsUp(open, now)) return answered;
	const stored = await db.write(async (tx) => {
		const { attempts, responses } = db.tables;
		const claimed = await tx
			.update(attempts)
			.set({ submittedAt: now })
			.where(and(eq(attempts.id, open.id), isNull(attempts.submittedAt)))
			.returning({ id: attempts.id });
		if (claimed.length === 0) return false;
		if (answered.graded.length > 0)
			await tx
				.insert(responses)
				.values(
					answered.graded.map(({ question, answer, score }) =>
						responseRow(open.id, input.userId, lesson.slug, question, answer, score, now)
					)
				);
		await clearQuizDraft(tx, db.tables, input);
		await queueGrade(
			tx,
			db.tables,
			{ assignmentId: quiz.assignment.assignmentId, userId: input.userId },
			now
		);
		for (const { question, score } of answered.graded)
			await recordForReview(tx, db.tables, {
				userId: input.userId,
				question,
				lessonSlug: lesson.slug,
				score,
				now
			});
		return true;
	});
	if (!stored) return refused(409, m.quiz_already_submitted());
	nudgeGradeDelivery(db, content);
	return { ok: true, attemptId: open.id };
}

// ---------------------------------------------------------------------------------------------------
// Practice closed, and what a submitted attempt shows

/** Why practice on the lesson's quiz questions is closed to the student now, or null when it is open. */
export async function practiceClosure(
	tx: Queryable,
	tables: Tables,
	key: Key,
	now: Date
): Promise<string | null> {
	const quiz = await assignedQuiz(tx, tables, key);
	if (!quiz || practiceOpen(quiz.assignment.policy, quiz.submitted, now)) return null;
	return practiceClosedMessage(quiz, now);
}

/** What one of the student's submitted attempts shows now. */
export interface AttemptVisibility {
	answers: boolean;
	score: boolean;
	/** when the answers come, while they are held back */
	answersWhen: string | null;
	/** the policy of the assignment it was sat for; null for the student's own study */
	policy: StudentPolicy | null;
}

const everything: AttemptVisibility = {
	answers: true,
	score: true,
	answersWhen: null,
	policy: null
};

/** Pure: what an attempt sat for this assignment (or none) shows now. */
export function visibilityOf(
	assignment: CoveringAssignment | undefined,
	now: Date
): AttemptVisibility {
	if (!assignment) return everything;
	const { policy } = assignment;
	return {
		answers: attemptAnswersVisible(policy, now),
		score: attemptScoreVisible(policy, now),
		answersWhen: answersWhen(assignment, now),
		policy
	};
}

/** What each of the student's attempts shows now, by attempt id, from the assignment it was sat for. */
export async function attemptVisibility(
	tx: Queryable,
	tables: Tables,
	userId: string,
	attempts: { id: string; assignmentId: string | null }[],
	now: Date
): Promise<Map<string, AttemptVisibility>> {
	const policies = await assignmentPolicies(tx, tables, {
		userId,
		assignmentIds: attempts.flatMap((a) => (a.assignmentId ? [a.assignmentId] : []))
	});
	return new Map(
		attempts.map((a) => [
			a.id,
			visibilityOf(a.assignmentId ? policies.get(a.assignmentId) : undefined, now)
		])
	);
}

/** For each of these lessons whose quiz questions are closed to practice for the student: why. */
export async function closedPractice(
	tx: Queryable,
	tables: Tables,
	userId: string,
	lessonSlugs: string[],
	now: Date
): Promise<Map<string, string>> {
	const closed = new Map<string, string>();
	for (const lessonSlug of new Set(lessonSlugs)) {
		const why = await practiceClosure(tx, tables, { userId, lessonSlug }, now);
		if (why) closed.set(lessonSlug, why);
	}
	return closed;
}
