import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
	scoreAnswer,
	toPublicQuestion,
	validateAnswer,
	type Answer,
	type PublicQuestion,
	type Question
} from '../../quiz/registry';
import type { Score } from '../../quiz/types';
import { assignmentForSitting } from '../classes/class-work';
import type { Content, LessonContent } from '../content/build';
import type { Database, Queryable, Tables } from '../db/database';
import type { AttemptMode } from '../db/enums';
import { newId } from '../ids';
import { recordForReview } from '../review/cards';
import { buildReveal, type Reveal } from './reveal';
import { withTeacherGrade } from './teacher-grade';

export type AnswerFailure = { ok: false; status: 400 | 404; message: string; questionId?: string };

/** One answered question as a page shows it: the answer to pre-fill and what to reveal about it. */
export interface AnsweredQuestion {
	answer: Answer;
	reveal: Reveal;
}

function findLesson(content: Content, lessonSlug: string): LessonContent | null {
	return content.lessons.get(lessonSlug) ?? null;
}

/** Validates one question's answer from a form and scores it; nothing is stored. */
export function grade(question: Question, form: FormData) {
	const validation = validateAnswer(form, toPublicQuestion(question));
	if (!validation.ok) return validation;
	return {
		ok: true as const,
		answer: validation.answer,
		score: scoreAnswer(validation.answer, question)
	};
}

/** The append-only responses row for one scored (or pending) answer. */
export function responseRow(
	attemptId: string,
	userId: string,
	lessonSlug: string,
	question: Question,
	answer: Answer,
	score: Score,
	now: Date
) {
	const scored = score.status === 'scored';
	return {
		id: newId(),
		attemptId,
		userId,
		lessonSlug,
		questionId: question.id,
		answer,
		status: score.status,
		earned: scored ? score.earned : null,
		possible: score.possible,
		correct: scored ? score.correct : null,
		answeredAt: now
	};
}

/**
 * Practice and inline checks: scores one question and, for a signed-in student, appends the response to
 * their open practice attempt for the lesson. Visitors get the same feedback, stored nowhere.
 */
export async function answerPracticeQuestion(
	db: Database,
	content: Content,
	input: { userId: string | null; lessonSlug: string; form: FormData },
	now = new Date()
): Promise<({ ok: true } & AnsweredQuestion) | AnswerFailure> {
	const lesson = findLesson(content, input.lessonSlug);
	if (!lesson) return { ok: false, status: 404, message: 'There is no such lesson.' };
	const questionId = input.form.get('questionId');
	const question = lesson.questions.find((q) => q.id === questionId);
	if (typeof questionId !== 'string' || !question) {
		return {
			ok: false,
			status: 400,
			message: 'That question is not part of this lesson. Reload the page.'
		};
	}
	const graded = grade(question, input.form);
	if (!graded.ok)
		return { ok: false, status: 400, message: graded.message, questionId: question.id };

	if (input.userId) {
		const userId = input.userId;
		const { responses } = db.tables;
		await db.write(async (tx) => {
			const assignmentId = await assignmentForSitting(tx, db.tables, {
				userId,
				lessonSlug: lesson.slug
			});
			const attemptId = await openAttemptId(tx, db.tables, {
				userId,
				lessonSlug: lesson.slug,
				mode: 'practice',
				assignmentId,
				now
			});
			await tx
				.insert(responses)
				.values(
					responseRow(attemptId, userId, lesson.slug, question, graded.answer, graded.score, now)
				);
			await recordForReview(tx, db.tables, {
				userId,
				question,
				lessonSlug: lesson.slug,
				score: graded.score,
				now
			});
		});
	}
	return {
		ok: true,
		answer: graded.answer,
		reveal: buildReveal(question, graded.score, lesson.sourceId, content)
	};
}

/**
 * The student's open (unsubmitted) attempt of this mode for the lesson, opened now if there is none. Given
 * an assignment (or null for none), only an attempt for that same assignment is reused, so answers given
 * once a lesson is assigned never join a sitting that counts for another class or for none.
 */
export async function openAttemptId(
	tx: Queryable,
	tables: Tables,
	key: {
		userId: string;
		lessonSlug: string;
		mode: AttemptMode;
		assignmentId?: string | null;
		now: Date;
	}
): Promise<string> {
	const { attempts } = tables;
	const assignmentId = key.assignmentId;
	const [open] = await tx
		.select({ id: attempts.id })
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, key.userId),
				eq(attempts.lessonSlug, key.lessonSlug),
				eq(attempts.mode, key.mode),
				isNull(attempts.submittedAt),
				assignmentId === undefined
					? undefined
					: assignmentId === null
						? isNull(attempts.assignmentId)
						: eq(attempts.assignmentId, assignmentId)
			)
		)
		.limit(1);
	if (open) return open.id;
	const id = newId();
	await tx.insert(attempts).values({
		id,
		userId: key.userId,
		lessonSlug: key.lessonSlug,
		mode: key.mode,
		startedAt: key.now,
		assignmentId: assignmentId ?? null
	});
	return id;
}

export type QuizSubmission =
	| { ok: true; attemptId: string | null; answered: Record<string, AnsweredQuestion> }
	| (AnswerFailure & { answers: Record<string, Answer>; problems: Record<string, string> });

/**
 * Quiz behaviour: every question of the lesson's quiz answered and submitted once. Stores the attempt and
 * all its responses in one transaction, or nothing at all.
 */
export async function submitQuiz(
	db: Database,
	content: Content,
	input: { userId: string | null; lessonSlug: string; form: FormData },
	now = new Date()
): Promise<QuizSubmission> {
	const lesson = findLesson(content, input.lessonSlug);
	if (!lesson)
		return {
			ok: false,
			status: 404,
			message: 'There is no such lesson.',
			answers: {},
			problems: {}
		};
	const questions = quizQuestions(lesson);
	const answers: Record<string, Answer> = {};
	const scores: Record<string, Score> = {};
	const problems: Record<string, string> = {};
	for (const question of questions) {
		const graded = grade(question, input.form);
		if (graded.ok) {
			answers[question.id] = graded.answer;
			scores[question.id] = graded.score;
		} else problems[question.id] = graded.message;
	}
	const missing = Object.keys(problems).length;
	if (missing > 0) {
		const message = `${missing} question${missing === 1 ? ' needs' : 's need'} an answer before you submit. Your other answers are kept below.`;
		return { ok: false, status: 400, message, answers, problems };
	}

	const attemptId = input.userId
		? await recordQuizAttempt(
				db,
				lesson,
				input.userId,
				questions.map((question) => ({
					question,
					answer: answers[question.id] as Answer,
					score: scores[question.id] as Score
				})),
				now
			)
		: null;
	const answered = Object.fromEntries(
		questions.map((question) => [
			question.id,
			{
				answer: answers[question.id] as Answer,
				reveal: buildReveal(question, scores[question.id] as Score, lesson.sourceId, content)
			}
		])
	);
	return { ok: true, attemptId, answered };
}

/**
 * Stores one submitted quiz: the attempt (counting for the assignment classWorkRule picks), every response
 * and the review cards, in one transaction.
 */
export async function recordQuizAttempt(
	db: Database,
	lesson: LessonContent,
	userId: string,
	graded: { question: Question; answer: Answer; score: Score }[],
	now: Date
): Promise<string> {
	const id = newId();
	await db.write(async (tx) => {
		const assignmentId = await assignmentForSitting(tx, db.tables, {
			userId,
			lessonSlug: lesson.slug
		});
		await tx.insert(db.tables.attempts).values({
			id,
			userId,
			lessonSlug: lesson.slug,
			mode: 'quiz',
			startedAt: now,
			submittedAt: now,
			assignmentId
		});
		await tx
			.insert(db.tables.responses)
			.values(
				graded.map(({ question, answer, score }) =>
					responseRow(id, userId, lesson.slug, question, answer, score, now)
				)
			);
		// every question missed here comes back in /review
		for (const { question, score } of graded) {
			await recordForReview(tx, db.tables, {
				userId,
				question,
				lessonSlug: lesson.slug,
				score,
				now
			});
		}
	});
	return id;
}

export function quizQuestions(lesson: LessonContent): Question[] {
	return lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
}

export function publicQuestions(questions: Question[]): PublicQuestion[] {
	return questions.map((question) => toPublicQuestion(question));
}

/** The latest practice answer to each of the given questions, rebuilt into what the page reveals. */
export async function latestPracticeAnswers(
	db: Database,
	content: Content,
	userId: string,
	lesson: LessonContent,
	questionIds: string[]
): Promise<Record<string, AnsweredQuestion>> {
	if (questionIds.length === 0) return {};
	const { attempts, responses, responseGrades } = db.tables;
	const rows = await db.read
		.select({
			questionId: responses.questionId,
			answer: responses.answer,
			earned: responses.earned,
			possible: responses.possible,
			level: responseGrades.level,
			comment: responseGrades.comment,
			gradedAt: responseGrades.gradedAt
		})
		.from(responses)
		.innerJoin(attempts, eq(attempts.id, responses.attemptId))
		.leftJoin(responseGrades, eq(responseGrades.responseId, responses.id))
		.where(
			and(
				eq(responses.userId, userId),
				eq(attempts.mode, 'practice'),
				eq(responses.lessonSlug, lesson.slug),
				inArray(responses.questionId, questionIds)
			)
		)
		.orderBy(desc(responses.answeredAt));
	const latest: Record<string, AnsweredQuestion> = {};
	for (const row of rows) {
		if (latest[row.questionId]) continue;
		const question = lesson.questions.find((q) => q.id === row.questionId);
		if (!question) continue;
		const answer = row.answer as Answer;
		const reveal = revealStored(question, answer, lesson, content);
		latest[row.questionId] = { answer, reveal: withTeacherGrade(reveal, question, row) };
	}
	return latest;
}

// Feedback for a stored answer is recomputed from today's bank, so corrected feedback reaches old answers too.
function revealStored(
	question: Question,
	answer: Answer,
	lesson: LessonContent,
	content: Content
): Reveal {
	return buildReveal(question, scoreAnswer(answer, question), lesson.sourceId, content);
}

export interface QuizAttemptSummary {
	id: string;
	submittedAt: Date;
	earned: number;
	possible: number;
	pendingReview: number;
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
		summary.possible += row.possible;
		summary.earned += row.earned ?? 0;
		if (row.status === 'pending-review') summary.pendingReview += 1;
		summaries.set(row.id, summary);
	}
	return [...summaries.values()];
}

/** One submitted quiz attempt with its answers revealed; null unless it belongs to this student. */
export async function quizAttemptReview(
	db: Database,
	content: Content,
	userId: string,
	lessonSlug: string,
	attemptId: string
): Promise<{
	attempt: QuizAttemptSummary;
	answered: Record<string, AnsweredQuestion>;
	questionIds: string[];
} | null> {
	const lesson = findLesson(content, lessonSlug);
	if (!lesson) return null;
	const { attempts, responses, responseGrades } = db.tables;
	const [attempt] = await db.read
		.select()
		.from(attempts)
		.where(
			and(
				eq(attempts.id, attemptId),
				eq(attempts.userId, userId),
				eq(attempts.lessonSlug, lessonSlug),
				eq(attempts.mode, 'quiz')
			)
		);
	if (!attempt) return null;
	const rows = await db.read
		.select({
			questionId: responses.questionId,
			answer: responses.answer,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible,
			level: responseGrades.level,
			comment: responseGrades.comment,
			gradedAt: responseGrades.gradedAt
		})
		.from(responses)
		.leftJoin(responseGrades, eq(responseGrades.responseId, responses.id))
		.where(eq(responses.attemptId, attempt.id));
	const answered: Record<string, AnsweredQuestion> = {};
	const summary: QuizAttemptSummary = {
		id: attempt.id,
		submittedAt: attempt.submittedAt ?? attempt.startedAt,
		earned: 0,
		possible: 0,
		pendingReview: 0
	};
	for (const row of rows) {
		summary.possible += row.possible;
		summary.earned += row.earned ?? 0;
		if (row.status === 'pending-review') summary.pendingReview += 1;
		const question = lesson.questions.find((q) => q.id === row.questionId);
		if (!question) continue;
		const answer = row.answer as Answer;
		const reveal = revealStored(question, answer, lesson, content);
		answered[row.questionId] = { answer, reveal: withTeacherGrade(reveal, question, row) };
	}
	const questionIds = lesson.questions.map((q) => q.id).filter((id) => answered[id]);
	return { attempt: summary, answered, questionIds };
}

export type { AttemptMode };
