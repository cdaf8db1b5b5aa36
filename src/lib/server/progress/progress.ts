import { m } from '$lib/i18n';
import { and, desc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { Content, LessonContent, LessonSection } from '../content/build';
import type { Database } from '../db/database';
import { attemptVisibility } from '../quiz/assigned';
import { addToAttemptTotals, unansweredAtTimeUp } from '../quiz/own-answers';

export type ProgressFailure = { ok: false; status: 400 | 404; message: string };

/** The lesson and section a "mark as read" names, or why it can't be marked. */
export function findSection(
	content: Content,
	lessonSlug: string,
	sectionId: string
): { ok: true; lesson: LessonContent; section: LessonSection } | ProgressFailure {
	const lesson = content.lessons.get(lessonSlug);
	if (!lesson) return { ok: false, status: 404, message: m.progress_no_such_lesson() };
	const section = lesson.sections.find((s) => s.id === sectionId);
	if (!section) {
		return {
			ok: false,
			status: 400,
			message: m.progress_section_gone()
		};
	}
	return { ok: true, lesson, section };
}

/**
 * Records that a student has read one section of a lesson. Reading it again changes nothing: the first
 * readAt stays, so "when did they first get here" remains true.
 */
export async function markSectionRead(
	db: Database,
	content: Content,
	input: { userId: string; lessonSlug: string; sectionId: string; now?: Date }
): Promise<{ ok: true; sectionId: string; firstRead: boolean } | ProgressFailure> {
	const found = findSection(content, input.lessonSlug, input.sectionId);
	if (!found.ok) return found;
	const { lesson, section } = found;
	const { sectionReads } = db.tables;
	const inserted = await db.write((tx) =>
		tx
			.insert(sectionReads)
			.values({
				userId: input.userId,
				lessonSlug: lesson.slug,
				sectionId: section.id,
				readAt: input.now ?? new Date()
			})
			.onConflictDoNothing()
			.returning({ sectionId: sectionReads.sectionId })
	);
	return { ok: true, sectionId: section.id, firstRead: inserted.length > 0 };
}

export interface LessonProgress {
	slug: string;
	number: number;
	title: string;
	/** ids of the lesson's current sections the student has read, in lesson order */
	readSectionIds: string[];
	sectionsRead: number;
	sectionsTotal: number;
	/** inline checks answered at least once (in the lesson or its practice quiz) */
	checksAnswered: number;
	checksTotal: number;
	/** false for a lesson without an end-of-lesson quiz, which is complete once every section is read */
	hasQuiz: boolean;
	quizSubmitted: boolean;
	/** every section read and, when there is one, the quiz submitted in quiz mode */
	complete: boolean;
	/** of the steps to completion (each section, plus the quiz), rounded down so 100 means complete */
	percent: number;
	/** the latest section read, lesson answer or quiz submission; null when not started */
	lastActivityAt: Date | null;
	/** the first section not read yet, in lesson order */
	nextSection: LessonSection | null;
}

/** What a student has done in one lesson, as lessonProgress collects it. */
export interface LessonActivity {
	reads: Map<string, Date>;
	/** question id → latest answer in a lesson sitting (practice or quiz) */
	answers: Map<string, Date>;
	quizSubmissions: Date[];
}

const latest = (dates: Iterable<Date>): Date | null => {
	let result: Date | null = null;
	for (const date of dates) if (!result || date.getTime() > result.getTime()) result = date;
	return result;
};

/** Pure: one lesson's progress from the student's activity in it. */
export function progressOf(lesson: LessonContent, activity: LessonActivity): LessonProgress {
	const readSectionIds = lesson.sections.filter((s) => activity.reads.has(s.id)).map((s) => s.id);
	const hasQuiz = lesson.quizIds.length > 0;
	const quizSubmitted = activity.quizSubmissions.length > 0;
	const steps = lesson.sections.length + (hasQuiz ? 1 : 0);
	const done = readSectionIds.length + (hasQuiz && quizSubmitted ? 1 : 0);
	const complete = done === steps;
	return {
		slug: lesson.slug,
		number: lesson.number,
		title: lesson.title,
		readSectionIds,
		sectionsRead: readSectionIds.length,
		sectionsTotal: lesson.sections.length,
		checksAnswered: lesson.checkIds.filter((id) => activity.answers.has(id)).length,
		checksTotal: lesson.checkIds.length,
		hasQuiz,
		quizSubmitted,
		complete,
		percent: steps === 0 ? 100 : Math.floor((100 * done) / steps),
		lastActivityAt: latest([
			...activity.reads.values(),
			...activity.answers.values(),
			...activity.quizSubmissions
		]),
		nextSection: lesson.sections.find((s) => !activity.reads.has(s.id)) ?? null
	};
}

/** Every lesson's progress for one student, in lesson order. */
export async function lessonProgress(
	db: Database,
	content: Content,
	userId: string,
	/** only this lesson's progress (a lesson page needs no other) */
	onlySlug?: string
): Promise<LessonProgress[]> {
	const { attempts, responses, sectionReads } = db.tables;
	const [reads, answers, submissions] = await Promise.all([
		db.read
			.select({
				lessonSlug: sectionReads.lessonSlug,
				sectionId: sectionReads.sectionId,
				readAt: sectionReads.readAt
			})
			.from(sectionReads)
			.where(
				and(
					eq(sectionReads.userId, userId),
					onlySlug ? eq(sectionReads.lessonSlug, onlySlug) : undefined
				)
			),
		// the latest answer per question, not every answer: a student who practises a lot has thousands;
		// review sittings are a separate activity: they don't move where a student left off in a lesson
		db.read
			.select({
				lessonSlug: responses.lessonSlug,
				questionId: responses.questionId,
				answeredAt: max(responses.answeredAt)
			})
			.from(responses)
			.innerJoin(attempts, eq(attempts.id, responses.attemptId))
			.where(
				and(
					eq(responses.userId, userId),
					inArray(attempts.mode, ['practice', 'quiz']),
					onlySlug ? eq(responses.lessonSlug, onlySlug) : undefined
				)
			)
			.groupBy(responses.lessonSlug, responses.questionId),
		db.read
			.select({ lessonSlug: attempts.lessonSlug, submittedAt: attempts.submittedAt })
			.from(attempts)
			.where(
				and(
					eq(attempts.userId, userId),
					eq(attempts.mode, 'quiz'),
					isNotNull(attempts.submittedAt),
					onlySlug ? eq(attempts.lessonSlug, onlySlug) : undefined
				)
			)
	]);

	const activity = new Map<string, LessonActivity>();
	const of = (slug: string) => {
		let found = activity.get(slug);
		if (!found) {
			found = { reads: new Map(), answers: new Map(), quizSubmissions: [] };
			activity.set(slug, found);
		}
		return found;
	};
	for (const row of reads) of(row.lessonSlug).reads.set(row.sectionId, row.readAt);
	for (const row of answers) {
		if (row.answeredAt) of(row.lessonSlug).answers.set(row.questionId, row.answeredAt);
	}
	for (const row of submissions) {
		if (row.submittedAt) of(row.lessonSlug).quizSubmissions.push(row.submittedAt);
	}

	return content.lessonsInOrder
		.filter((lesson) => !onlySlug || lesson.slug === onlySlug)
		.map((lesson) => progressOf(lesson, of(lesson.slug)));
}

/** The module as a whole: lessons complete, and the share of all lessons' steps done. */
export function moduleProgress(progress: LessonProgress[]): {
	lessonsComplete: number;
	lessonsTotal: number;
	percent: number;
} {
	const steps = progress.reduce((sum, p) => sum + p.sectionsTotal + (p.hasQuiz ? 1 : 0), 0);
	const done = progress.reduce(
		(sum, p) => sum + p.sectionsRead + (p.hasQuiz && p.quizSubmitted ? 1 : 0),
		0
	);
	return {
		lessonsComplete: progress.filter((p) => p.complete).length,
		lessonsTotal: progress.length,
		percent: steps === 0 ? 0 : Math.floor((100 * done) / steps)
	};
}

export interface ContinueTarget {
	lessonSlug: string;
	lessonTitle: string;
	/** where to pick up: the first unread section, or null when only the quiz is left */
	section: LessonSection | null;
	/** false when this is a lesson the student has not opened yet */
	started: boolean;
}

/**
 * Where "continue" takes a student: the unfinished lesson they worked on most recently, at its first
 * unread section (or its quiz, when every section is read); failing that, the first lesson they have not
 * finished; null once every lesson is complete. `progress` is in lesson order, as lessonProgress gives it.
 */
export function continueTarget(progress: LessonProgress[]): ContinueTarget | null {
	const inProgress = progress
		.filter((p) => !p.complete && p.lastActivityAt)
		.sort((a, b) => (b.lastActivityAt?.getTime() ?? 0) - (a.lastActivityAt?.getTime() ?? 0));
	const lesson = inProgress[0] ?? progress.find((p) => !p.complete);
	if (!lesson) return null;
	return {
		lessonSlug: lesson.slug,
		lessonTitle: lesson.title,
		section: lesson.nextSection,
		started: lesson.lastActivityAt !== null
	};
}

export interface RecentAttempt {
	id: string;
	lessonSlug: string;
	lessonTitle: string;
	submittedAt: Date;
	earned: number;
	possible: number;
	/** written answers a teacher has yet to score (in possible, earning nothing yet) */
	pendingReview: number;
	/** whether the quiz's policy shows the student this score now (attemptScoreVisible) */
	scoreShown: boolean;
}

/** A student's latest submitted quizzes across all lessons, newest first, with their scores. */
export async function recentQuizAttempts(
	db: Database,
	content: Content,
	userId: string,
	limit = 5
): Promise<RecentAttempt[]> {
	const { attempts, responses } = db.tables;
	const rows = await db.read
		.select({
			id: attempts.id,
			lessonSlug: attempts.lessonSlug,
			submittedAt: attempts.submittedAt,
			deadlineAt: attempts.deadlineAt,
			assignmentId: attempts.assignmentId
		})
		.from(attempts)
		.where(
			and(eq(attempts.userId, userId), eq(attempts.mode, 'quiz'), isNotNull(attempts.submittedAt))
		)
		.orderBy(desc(attempts.submittedAt), desc(attempts.id))
		.limit(limit);
	if (rows.length === 0) return [];
	const visibility = await attemptVisibility(db.read, db.tables, userId, rows, new Date());
	const scores = await db.read
		.select({
			attemptId: responses.attemptId,
			questionId: responses.questionId,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible
		})
		.from(responses)
		.where(
			inArray(
				responses.attemptId,
				rows.map((row) => row.id)
			)
		);
	return rows.map((row) => {
		const summary: RecentAttempt = {
			id: row.id,
			lessonSlug: row.lessonSlug,
			lessonTitle: content.lessons.get(row.lessonSlug)?.title ?? row.lessonSlug,
			submittedAt: row.submittedAt ?? new Date(0),
			earned: 0,
			possible: 0,
			pendingReview: 0,
			scoreShown: visibility.get(row.id)?.score ?? true
		};
		const own = scores.filter((score) => score.attemptId === row.id);
		// as on the quiz review page: a written answer counts in possible, earning 0 until scored
		for (const score of own) addToAttemptTotals(summary, score);
		summary.possible += unansweredAtTimeUp(
			content,
			row,
			new Set(own.map((score) => score.questionId))
		);
		return summary;
	});
}
