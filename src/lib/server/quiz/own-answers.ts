import { and, desc, eq } from 'drizzle-orm';
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
	submittedAt: Date;
	earned: number;
	possible: number;
	pendingReview: number;
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

/** A student's submitted quiz attempts for a lesson, newest first. */
export async function quizAttempts(
	db: Database,
	userId: string,
	lessonSlug: string
): Promise<QuizAttemptSummary[]> {
	const { attempts, responses } = db.tables;
	const rows = await db.read
		.select({
			id: attempts.id,
			submittedAt: attempts.submittedAt,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible
		})
		.from(attempts)
		.innerJoin(responses, eq(responses.attemptId, attempts.id))
		.where(
			and(
				eq(attempts.userId, userId),
				eq(attempts.lessonSlug, lessonSlug),
				eq(attempts.mode, 'quiz')
			)
		)
		.orderBy(desc(attempts.submittedAt));
	const summaries = new Map<string, QuizAttemptSummary>();
	for (const row of rows) {
		const summary = summaries.get(row.id) ?? {
			id: row.id,
			submittedAt: row.submittedAt ?? new Date(0),
			earned: 0,
			possible: 0,
			pendingReview: 0
		};
		addToAttemptTotals(summary, row);
		summaries.set(row.id, summary);
	}
	return [...summaries.values()];
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
