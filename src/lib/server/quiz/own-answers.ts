import { and, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { classWork } from '../classes/class-work';
import { submittedOverTime } from '../classes/quiz-policy';
import { scoreAnswer, type Question } from '../../quiz/registry';
import {
	attemptAnswers,
	latestPracticeAnswerPerQuestion,
	type GradedAnswer
} from '../answers/read-model';
import type { Content, LessonContent } from '../content/build';
import type { Database } from '../db/database';
import { buildReveal, type AnsweredQuestion } from './reveal';
import { withTeacherGrade } from './teacher-grade';

// Feedback for a stored answer is recomputed from today's bank, so corrected feedback reaches old answers too.
function answeredQuestion(
	stored: GradedAnswer,
	lesson: LessonContent,
	content: Content,
	zone: string
) {
	const question: Question = stored.question;
	const score = scoreAnswer(stored.answer, question);
	const reveal = buildReveal(question, score, lesson.sourceId, content);
	return { answer: stored.answer, reveal: withTeacherGrade(reveal, question, stored, zone) };
}

/** The latest practice answer to each of the given questions, rebuilt into what the page reveals (dated in `zone`). */
export async function latestPracticeAnswers(
	db: Database,
	content: Content,
	userId: string,
	lesson: LessonContent,
	questionIds: string[],
	zone: string
): Promise<Record<string, AnsweredQuestion>> {
	const latest = await latestPracticeAnswerPerQuestion(db, content, {
		userId,
		lessonSlug: lesson.slug,
		questionIds
	});
	return Object.fromEntries(
		[...latest].map(([questionId, stored]) => [
			questionId,
			answeredQuestion(stored, lesson, content, zone)
		])
	);
}

export interface QuizAttemptSummary {
	id: string;
	/** the assignment it was sat for; null for the student's own study */
	assignmentId: string | null;
	startedAt: Date;
	submittedAt: Date;
	/** a timed attempt's deadline; null when untimed */
	deadlineAt: Date | null;
	/** submitted after its deadline and the grace (submittedOverTime): kept, and marked */
	overTime: boolean;
	earned: number;
	possible: number;
	pendingReview: number;
	/** quiz questions left unanswered when the time ran out: each counts in possible, earning 0 */
	unanswered: number;
}

/** Adds one response to its attempt's totals: a written answer counts in possible, earning 0 until scored. */
export function addToAttemptTotals(
	summary: Pick<QuizAttemptSummary, 'earned' | 'possible' | 'pendingReview'>,
	row: { status: string; earned: number | null; possible: number }
): void {
	summary.possible += row.possible;
	summary.earned += row.earned ?? 0;
	if (row.status === 'pending-review') summary.pendingReview += 1;
}

/**
 * Quiz questions a timed attempt left unanswered when its time ran out (only a timed attempt can be submitted
 * so); each counts as 0 of 1 point, since every question is marked out of 1 (Score.possible).
 */
export function unansweredAtTimeUp(
	content: Content | null,
	attempt: { lessonSlug: string; deadlineAt: Date | null },
	answered: ReadonlySet<string>
): number {
	const lesson = content?.lessons.get(attempt.lessonSlug);
	if (attempt.deadlineAt === null || !lesson) return 0;
	return lesson.quizIds.filter((id) => !answered.has(id)).length;
}

/**
 * Submitted quiz attempts with their totals, newest first. Only a timed attempt can be submitted with
 * questions unanswered (when its time is up); those count as 0 of the lesson's quiz questions today.
 */
async function submittedQuizAttempts(
	db: Database,
	content: Content | null,
	where: SQL | undefined
): Promise<(QuizAttemptSummary & { userId: string; lessonSlug: string })[]> {
	const { attempts, responses } = db.tables;
	const rows = await db.read
		.select({
			id: attempts.id,
			userId: attempts.userId,
			lessonSlug: attempts.lessonSlug,
			assignmentId: attempts.assignmentId,
			startedAt: attempts.startedAt,
			submittedAt: attempts.submittedAt,
			deadlineAt: attempts.deadlineAt,
			questionId: responses.questionId,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible
		})
		.from(attempts)
		// left: a timed attempt submitted with nothing answered has no responses, and still counts
		.leftJoin(responses, eq(responses.attemptId, attempts.id))
		.where(and(eq(attempts.mode, 'quiz'), isNotNull(attempts.submittedAt), where))
		.orderBy(desc(attempts.submittedAt), desc(attempts.id));
	const summaries = new Map<
		string,
		QuizAttemptSummary & { userId: string; lessonSlug: string; answered: Set<string> }
	>();
	for (const row of rows) {
		const submittedAt = row.submittedAt ?? new Date(0);
		let summary = summaries.get(row.id);
		if (!summary) {
			summary = {
				id: row.id,
				userId: row.userId,
				lessonSlug: row.lessonSlug,
				assignmentId: row.assignmentId,
				startedAt: row.startedAt,
				submittedAt,
				deadlineAt: row.deadlineAt,
				overTime: submittedOverTime(row.deadlineAt, submittedAt),
				earned: 0,
				possible: 0,
				pendingReview: 0,
				unanswered: 0,
				answered: new Set()
			};
			summaries.set(row.id, summary);
		}
		if (row.questionId !== null && row.status !== null && row.possible !== null) {
			summary.answered.add(row.questionId);
			addToAttemptTotals(summary, {
				status: row.status,
				earned: row.earned,
				possible: row.possible
			});
		}
	}
	return [...summaries.values()].map(({ answered, ...summary }) => {
		summary.unanswered = unansweredAtTimeUp(content, summary, answered);
		summary.possible += summary.unanswered;
		return summary;
	});
}

/** A student's submitted quiz attempts for a lesson, newest first. */
export async function quizAttempts(
	db: Database,
	userId: string,
	lessonSlug: string,
	/** counts a timed attempt's unanswered questions in its possible points */
	content: Content | null = null
): Promise<QuizAttemptSummary[]> {
	const { attempts } = db.tables;
	const rows = await submittedQuizAttempts(
		db,
		content,
		and(eq(attempts.userId, userId), eq(attempts.lessonSlug, lessonSlug))
	);
	return rows.map(({ userId: _userId, lessonSlug: _lessonSlug, ...summary }) => summary);
}

/**
 * For a class's teacher: the submitted quiz attempts in the class's own work (classWork), newest first,
 * each with when it started, its deadline and whether it came in over time, and its totals.
 */
export async function classQuizAttempts(
	db: Database,
	content: Content,
	filter: { classId: string; userIds?: string[]; lessonSlug?: string }
) {
	const { attempts } = db.tables;
	if (filter.userIds?.length === 0) return [];
	return submittedQuizAttempts(
		db,
		content,
		and(
			classWork(db.tables, filter.classId),
			filter.userIds ? inArray(attempts.userId, filter.userIds) : undefined,
			filter.lessonSlug ? eq(attempts.lessonSlug, filter.lessonSlug) : undefined
		)
	);
}

/** One submitted quiz attempt with its answers revealed (dated in `zone`); null unless it is this student's. */
export async function quizAttemptReview(
	db: Database,
	content: Content,
	userId: string,
	lessonSlug: string,
	attemptId: string,
	zone: string
): Promise<{
	attempt: QuizAttemptSummary;
	answered: Record<string, AnsweredQuestion>;
	questionIds: string[];
} | null> {
	const lesson = content.lessons.get(lessonSlug);
	if (!lesson) return null;
	// the totals come from every stored score, even of an answer that no longer parses
	const attempt = (await quizAttempts(db, userId, lessonSlug)).find((a) => a.id === attemptId);
	if (!attempt) return null;
	const answered: Record<string, AnsweredQuestion> = {};
	for (const stored of await attemptAnswers(db, content, attempt.id)) {
		if (!lesson.questions.some((q) => q.id === stored.questionId)) continue;
		answered[stored.questionId] = answeredQuestion(stored, lesson, content, zone);
	}
	const questionIds = lesson.questions.map((q) => q.id).filter((id) => answered[id]);
	return { attempt, answered, questionIds };
}
