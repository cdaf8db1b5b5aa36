import { m } from '$lib/i18n';
import { and, eq, isNull } from 'drizzle-orm';
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
import { quizSittingAssignment } from '../classes/quiz-policy';
import type { Content, LessonContent } from '../content/build';
import {
	studentLock,
	type Database,
	type Queryable,
	type Tables,
	type WriteOptions
} from '../db/database';
import type { AttemptMode } from '../db/enums';
import { newId } from '../ids';
import { recordForReview } from '../scheduling/cards';
import { clearQuizDraft } from './drafts';
import { buildReveal, type AnsweredQuestion } from './reveal';

export type AnswerFailure = {
	ok: false;
	status: 400 | 403 | 404 | 409;
	message: string;
	questionId?: string;
};

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

/** One practice answer graded against its lesson's bank: nothing is stored yet. */
export interface GradedPracticeAnswer {
	lesson: LessonContent;
	question: Question;
	answer: Answer;
	score: Score;
}

/** Pure: finds the question a practice form answers, validates the answer and scores it, once. */
export function gradePracticeAnswer(
	content: Content,
	input: { lessonSlug: string; form: FormData }
): ({ ok: true } & GradedPracticeAnswer) | AnswerFailure {
	const lesson = findLesson(content, input.lessonSlug);
	if (!lesson) return { ok: false, status: 404, message: m.quiz_no_such_lesson() };
	const questionId = input.form.get('questionId');
	const question = lesson.questions.find((q) => q.id === questionId);
	if (typeof questionId !== 'string' || !question) {
		return {
			ok: false,
			status: 400,
			message: m.quiz_question_not_in_lesson()
		};
	}
	const graded = grade(question, input.form);
	if (!graded.ok)
		return { ok: false, status: 400, message: graded.message, questionId: question.id };
	return { ok: true, lesson, question, answer: graded.answer, score: graded.score };
}

/** READ COMMITTED under the student's lock: their writes queue, other students' never fail them. */
// a lock, not a unique open-attempt index: an assignment's delete (SET NULL) could collide two and fail
const studentWorkWrite = (userId: string): WriteOptions => ({
	isolation: 'read committed',
	locks: [studentLock(userId)]
});

/** Appends a graded practice answer to the student's open practice attempt for the lesson. */
export async function recordPracticeAnswer(
	db: Database,
	userId: string,
	graded: GradedPracticeAnswer,
	now = new Date()
): Promise<void> {
	const { lesson, question, answer, score } = graded;
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
			.insert(db.tables.responses)
			.values(responseRow(attemptId, userId, lesson.slug, question, answer, score, now));
		await recordForReview(tx, db.tables, {
			userId,
			question,
			lessonSlug: lesson.slug,
			score,
			now
		});
	}, studentWorkWrite(userId));
}

/** What the page shows after a practice answer: the answer and its feedback. */
export function practiceAnswered(content: Content, graded: GradedPracticeAnswer): AnsweredQuestion {
	return {
		answer: graded.answer,
		reveal: buildReveal(graded.question, graded.score, graded.lesson.sourceId, content)
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
	const graded = gradePracticeAnswer(content, input);
	if (!graded.ok) return graded;
	if (input.userId) await recordPracticeAnswer(db, input.userId, graded, now);
	return { ok: true, ...practiceAnswered(content, graded) };
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

/** A whole quiz graded against its lesson's bank: nothing is stored yet. */
export interface GradedQuiz {
	lesson: LessonContent;
	graded: { question: Question; answer: Answer; score: Score }[];
}

export type QuizFailure = AnswerFailure & {
	answers: Record<string, Answer>;
	problems: Record<string, string>;
};

export type QuizSubmission =
	{ ok: true; attemptId: string | null; answered: Record<string, AnsweredQuestion> } | QuizFailure;

/** Pure: validates and scores each question of the lesson's quiz, once; the unanswered ones are listed. */
export function gradeQuizAnswers(
	lesson: LessonContent,
	form: FormData
): ({ ok: true } & GradedQuiz) | (QuizFailure & GradedQuiz) {
	const answers: Record<string, Answer> = {};
	const problems: Record<string, string> = {};
	const graded: GradedQuiz['graded'] = [];
	for (const question of quizQuestions(lesson)) {
		const result = grade(question, form);
		if (result.ok) {
			answers[question.id] = result.answer;
			graded.push({ question, answer: result.answer, score: result.score });
		} else problems[question.id] = result.message;
	}
	const missing = Object.keys(problems).length;
	if (missing > 0) {
		const message = m.quiz_questions_need_answer({ count: missing });
		return { ok: false, status: 400, message, answers, problems, lesson, graded };
	}
	return { ok: true, lesson, graded };
}

/** Pure: the answers in a posted quiz form that are valid for their question, for a draft (the rest left out). */
export function draftAnswers(lesson: LessonContent, form: FormData): Record<string, Answer> {
	const { graded } = gradeQuizAnswers(lesson, form);
	return Object.fromEntries(graded.map(({ question, answer }) => [question.id, answer]));
}

/** Pure: validates and scores every question of the lesson's quiz, once; refused unless all are answered. */
export function gradeQuiz(
	content: Content,
	input: { lessonSlug: string; form: FormData }
): ({ ok: true } & GradedQuiz) | QuizFailure {
	const lesson = findLesson(content, input.lessonSlug);
	if (!lesson)
		return {
			ok: false,
			status: 404,
			message: m.quiz_no_such_lesson(),
			answers: {},
			problems: {}
		};
	const result = gradeQuizAnswers(lesson, input.form);
	if (result.ok) return result;
	const { lesson: _lesson, graded: _graded, ...failure } = result;
	return failure;
}

/** What the page shows after a quiz: every answer with its feedback. */
export function quizAnswered(content: Content, quiz: GradedQuiz): Record<string, AnsweredQuestion> {
	return Object.fromEntries(
		quiz.graded.map(({ question, answer, score }) => [
			question.id,
			{ answer, reveal: buildReveal(question, score, quiz.lesson.sourceId, content) }
		])
	);
}

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
	const quiz = gradeQuiz(content, input);
	if (!quiz.ok) return quiz;
	const attemptId = input.userId
		? await recordQuizAttempt(db, quiz.lesson, input.userId, quiz.graded, now)
		: null;
	return { ok: true, attemptId, answered: quizAnswered(content, quiz) };
}

/**
 * Stores one submitted quiz: the attempt (counting for the governing quiz assignment, else the one
 * classWorkRule picks), every response and the review cards, in one transaction. The free quiz's write: an
 * assigned quiz is started and submitted through quiz/assigned.ts, which applies its policy.
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
		const assignmentId = await quizSittingAssignment(tx, db.tables, {
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
		await clearQuizDraft(tx, db.tables, { userId, lessonSlug: lesson.slug });
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
	}, studentWorkWrite(userId));
	return id;
}

export function quizQuestions(lesson: LessonContent): Question[] {
	return lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
}

export function publicQuestions(questions: Question[]): PublicQuestion[] {
	return questions.map((question) => toPublicQuestion(question));
}

export type { AttemptMode };
