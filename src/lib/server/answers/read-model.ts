import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { m } from '../../i18n';
import { parseStoredAnswer, type Answer, type Question } from '../../quiz/registry';
import { classWork } from '../classes/class-work';
import type { Content } from '../content/build';
import type { Database, Tables } from '../db/database';
import type { AttemptMode } from '../db/enums';
import { log } from '../log';

/**
 * The one read model of stored answers (the append-only `responses` rows). Every reader asks here, by the
 * rule it needs, and every stored answer is parsed through its question type's schema on the way out.
 */

/** Statistics (facility, discrimination, option bars), the dashboard's practice scores and most-missed. */
export const statisticsRule =
	'Statistics use each student’s first answer to a question in this class’s work from the chosen source (practice, quiz or live review; all three unless one is chosen); later tries are practice, not evidence of what the class knew.';

/** Where a class's answers come from: its lesson sittings (practice or quiz) and its live sessions. */
export const answerSources = ['practice', 'quiz', 'live'] as const;
export type AnswerSource = (typeof answerSources)[number];

/** What a figure is worked out over: one source, the lesson sittings (practice and quiz), or all. */
export type SourceFilter = AnswerSource | 'lessons' | 'all';
const sourceFilters: SourceFilter[] = ['all', 'lessons', ...answerSources];

/** Pure: whether an answer given in a sitting of this mode counts under the filter. */
export function inSource(filter: SourceFilter, mode: AttemptMode): boolean {
	if (filter === 'all') return (answerSources as readonly string[]).includes(mode);
	if (filter === 'lessons') return mode === 'practice' || mode === 'quiz';
	return mode === filter;
}

/** Reads ?source=: practice, quiz, live or all; anything else (or nothing) is all. */
export function parseSourceFilter(value: string | null): AnswerSource | 'all' {
	return (answerSources as readonly (string | null)[]).includes(value)
		? (value as AnswerSource)
		: 'all';
}

/** A student's own view: the practice page pre-fills the latest answer; a quiz attempt shows what was submitted. */
export const ownViewRule = () => m.shared_own_view_rule();

/** Which written answers a teacher scores (the grading queue). */
export const gradingRule = () => m.grading_rule();

/** The columns of a stored response, without its answer. */
export interface ResponseColumns {
	responseId: string;
	attemptId: string;
	userId: string;
	lessonSlug: string;
	questionId: string;
	mode: AttemptMode;
	status: 'scored' | 'pending-review';
	earned: number | null;
	possible: number;
	correct: boolean | null;
	answeredAt: Date;
}

/** A stored response whose answer parsed: the question as the bank has it today, and the answer to it. */
export interface StoredAnswer extends ResponseColumns {
	question: Question;
	answer: Answer;
}

/** A teacher's rubric score of a (written) response, left-joined: null until there is one. */
export interface GradeColumns {
	level: number | null;
	comment: string | null;
	gradedAt: Date | null;
}

export type GradedAnswer = StoredAnswer & GradeColumns;

/**
 * A stored answer read back through its question type's schema, or null when it no longer fits the
 * question: logged as an error with the question id, and left out by every reader rather than cast.
 */
export function readStoredAnswer(
	question: Question,
	stored: unknown,
	/** where the answer was stored, for the log: its table and row (or player) */
	where: { table: 'responses' | 'live_answers' | 'quiz_drafts' } & Record<string, string>
): Answer | null {
	const parsed = parseStoredAnswer(question, stored);
	if (parsed.ok) return parsed.answer;
	log.error('stored answer does not fit its question; left out', {
		questionId: question.id,
		...where,
		problem: parsed.message
	});
	return null;
}

const responseColumns = (t: Tables) => ({
	responseId: t.responses.id,
	attemptId: t.responses.attemptId,
	userId: t.responses.userId,
	lessonSlug: t.responses.lessonSlug,
	questionId: t.responses.questionId,
	mode: t.attempts.mode,
	status: t.responses.status,
	earned: t.responses.earned,
	possible: t.responses.possible,
	correct: t.responses.correct,
	answeredAt: t.responses.answeredAt,
	answer: t.responses.answer
});

const gradeColumns = (t: Tables) => ({
	level: t.responseGrades.level,
	comment: t.responseGrades.comment,
	gradedAt: t.responseGrades.gradedAt
});

/** Rows with today's question and the parsed answer; rows whose question left the bank, or whose answer no longer fits it, are dropped. */
function parsed<R extends ResponseColumns & { answer: unknown }>(
	content: Content,
	rows: R[]
): (Omit<R, 'answer'> & StoredAnswer)[] {
	return rows.flatMap((row) => {
		const question = content.questions.get(row.questionId)?.question;
		if (!question) {
			log.warn('stored answer to a question no longer in the lessons; left out', {
				questionId: row.questionId,
				table: 'responses',
				rowId: row.responseId
			});
			return [];
		}
		const answer = readStoredAnswer(question, row.answer, {
			table: 'responses',
			rowId: row.responseId
		});
		return answer === null ? [] : [{ ...row, question, answer }];
	});
}

/** 0…1 of the question's marks, or null when the response has no mark yet. */
export function markOf(row: {
	status: string;
	earned: number | null;
	possible: number;
}): number | null {
	if (row.status !== 'scored' || row.earned === null) return null;
	return row.possible > 0 ? row.earned / row.possible : 0;
}

const studentQuestion = (row: { userId: string; questionId: string }) =>
	`${row.userId}\u0000${row.questionId}`;

// ---------------------------------------------------------------------------------------------------
// A class's own work: statistics and the exports

/** One answer in a class's own work, with the sources under which it is the student's first to its question. */
export interface ClassWorkAnswer extends GradedAnswer {
	/** e.g. {all, lessons, practice}: the first answer of all, of the lesson sittings and of practice (statisticsRule) */
	firstIn: ReadonlySet<SourceFilter>;
}

/**
 * Every answer the given students gave in the class's own work (classWork: practice and quiz for its
 * assignments, and its live sessions; review sittings are their own), oldest first, each marked with the
 * sources it is the first answer of. That is decided over every stored row, before any that no longer parse
 * are left out.
 */
export async function classWorkAnswers(
	db: Database,
	content: Content,
	classId: string,
	userIds: string[]
): Promise<ClassWorkAnswer[]> {
	if (userIds.length === 0) return [];
	const t = db.tables;
	const rows = await db.read
		.select({ ...responseColumns(t), ...gradeColumns(t) })
		.from(t.responses)
		.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
		.leftJoin(t.responseGrades, eq(t.responseGrades.responseId, t.responses.id))
		.where(
			and(
				inArray(t.responses.userId, userIds),
				inArray(t.attempts.mode, [...answerSources]),
				classWork(t, classId)
			)
		)
		.orderBy(asc(t.responses.answeredAt), asc(t.responses.id));
	const seen = new Map(sourceFilters.map((filter) => [filter, new Set<string>()]));
	const marked = rows.map((row) => {
		const key = studentQuestion(row);
		const firstIn = new Set<SourceFilter>();
		for (const [filter, answered] of seen) {
			if (!inSource(filter, row.mode) || answered.has(key)) continue;
			answered.add(key);
			firstIn.add(filter);
		}
		return { ...row, firstIn };
	});
	return parsed(content, marked);
}

/** A student's first answer to a question in the class's own work: what statistics use (statisticsRule). */
export interface FirstAnswer extends StoredAnswer {
	/** 0…1 of the question's marks; null while a written answer waits for a teacher */
	score: number | null;
}

/** student id → question id → first answer */
export type FirstAnswers = Map<string, Map<string, FirstAnswer>>;

/** Pure: statisticsRule over rows classWorkAnswers read: each student's first answer from the source. */
export function firstAnswersOf(rows: ClassWorkAnswer[], source: SourceFilter): FirstAnswers {
	const first: FirstAnswers = new Map();
	for (const row of rows) {
		if (!row.firstIn.has(source)) continue;
		let answers = first.get(row.userId);
		if (!answers) first.set(row.userId, (answers = new Map()));
		const {
			level: _level,
			comment: _comment,
			gradedAt: _gradedAt,
			firstIn: _firstIn,
			...answer
		} = row;
		answers.set(row.questionId, { ...answer, score: markOf(row) });
	}
	return first;
}

/** statisticsRule: each student's first answer to every question in the class's own work, from the source. */
export async function firstAnswersForStatistics(
	db: Database,
	content: Content,
	classId: string,
	userIds: string[],
	source: SourceFilter = 'all'
): Promise<FirstAnswers> {
	return firstAnswersOf(await classWorkAnswers(db, content, classId, userIds), source);
}

// ---------------------------------------------------------------------------------------------------
// A student's own view

/** ownViewRule: the latest practice answer to each of the given questions of a lesson. */
export async function latestPracticeAnswerPerQuestion(
	db: Database,
	content: Content,
	key: { userId: string; lessonSlug: string; questionIds: string[] }
): Promise<Map<string, GradedAnswer>> {
	const latest = new Map<string, GradedAnswer>();
	if (key.questionIds.length === 0) return latest;
	const t = db.tables;
	const rows = await db.read
		.select({ ...responseColumns(t), ...gradeColumns(t) })
		.from(t.responses)
		.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
		.leftJoin(t.responseGrades, eq(t.responseGrades.responseId, t.responses.id))
		.where(
			and(
				eq(t.responses.userId, key.userId),
				eq(t.attempts.mode, 'practice'),
				eq(t.responses.lessonSlug, key.lessonSlug),
				inArray(t.responses.questionId, key.questionIds)
			)
		)
		.orderBy(desc(t.responses.answeredAt), desc(t.responses.id));
	// the latest row decides; an older one never stands in for a latest that no longer parses
	const newest = rows.filter((row, index) =>
		rows.slice(0, index).every((other) => other.questionId !== row.questionId)
	);
	for (const row of parsed(content, newest)) latest.set(row.questionId, row);
	return latest;
}

/** ownViewRule: every answer of one attempt, as submitted, with the teacher's scores. */
export async function attemptAnswers(
	db: Database,
	content: Content,
	attemptId: string
): Promise<GradedAnswer[]> {
	const t = db.tables;
	const rows = await db.read
		.select({ ...responseColumns(t), ...gradeColumns(t) })
		.from(t.responses)
		.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
		.leftJoin(t.responseGrades, eq(t.responseGrades.responseId, t.responses.id))
		.where(eq(t.responses.attemptId, attemptId));
	return parsed(content, rows);
}

/** A scored answer of the student's own, with when they opened it as returned work (null: not yet). */
export interface ReturnedAnswer extends GradedAnswer {
	gradedAt: Date;
	seenAt: Date | null;
}

/** ownViewRule: every answer of the student's that a teacher has scored, most recently scored first. */
export async function scoredAnswersOf(
	db: Database,
	content: Content,
	userId: string
): Promise<ReturnedAnswer[]> {
	const t = db.tables;
	const rows = await db.read
		.select({ ...responseColumns(t), ...gradeColumns(t), seenAt: t.responseGrades.seenAt })
		.from(t.responses)
		.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
		.innerJoin(t.responseGrades, eq(t.responseGrades.responseId, t.responses.id))
		.where(eq(t.responses.userId, userId))
		.orderBy(desc(t.responseGrades.gradedAt), asc(t.responses.id));
	return parsed(content, rows).flatMap((row) =>
		row.gradedAt === null ? [] : [{ ...row, gradedAt: row.gradedAt }]
	);
}

// ---------------------------------------------------------------------------------------------------
// The grading queue

export interface GradingAnswer extends GradedAnswer {
	displayName: string;
	username: string;
}

/**
 * gradingRule over the given questions (the written ones) for a class's current members in its own work:
 * toScore holds each student's latest quiz answer, and their latest practice answer when newer, that has
 * no score yet; scored holds every answer this class's teacher has scored, most recently scored first.
 */
export async function answersForGrading(
	db: Database,
	content: Content,
	classId: string,
	questionIds: string[]
): Promise<{ toScore: GradingAnswer[]; scored: GradingAnswer[] }> {
	if (questionIds.length === 0) return { toScore: [], scored: [] };
	const t = db.tables;
	const rows = await db.read
		.select({
			...responseColumns(t),
			...gradeColumns(t),
			displayName: t.users.displayName,
			username: t.users.username
		})
		.from(t.responses)
		.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
		.innerJoin(
			t.classMembers,
			and(eq(t.classMembers.userId, t.responses.userId), eq(t.classMembers.classId, classId))
		)
		.innerJoin(t.users, eq(t.users.id, t.responses.userId))
		.innerJoin(t.classes, eq(t.classes.id, t.classMembers.classId))
		// a score someone else gave (before answers were tied to classes) is not this class's score
		.leftJoin(
			t.responseGrades,
			and(
				eq(t.responseGrades.responseId, t.responses.id),
				eq(t.responseGrades.gradedBy, t.classes.teacherId)
			)
		)
		.where(
			and(
				inArray(t.responses.questionId, questionIds),
				inArray(t.attempts.mode, ['practice', 'quiz']),
				classWork(t, classId)
			)
		);
	const answers = parsed(content, rows);

	const latest = new Map<string, { quiz?: GradingAnswer; practice?: GradingAnswer }>();
	for (const row of answers) {
		const key = studentQuestion(row);
		const found = latest.get(key) ?? {};
		const mode = row.mode === 'quiz' ? 'quiz' : 'practice';
		const before = found[mode];
		if (!before || row.answeredAt > before.answeredAt) found[mode] = row;
		latest.set(key, found);
	}
	const toScore = [...latest.values()]
		.flatMap(({ quiz, practice }) =>
			quiz && practice && practice.answeredAt <= quiz.answeredAt ? [quiz] : [quiz, practice]
		)
		.filter((row): row is GradingAnswer => row !== undefined && row.gradedAt === null);
	const scored = answers
		.filter((row) => row.gradedAt !== null)
		.sort((a, b) => (b.gradedAt?.getTime() ?? 0) - (a.gradedAt?.getTime() ?? 0));
	return { toScore, scored };
}

// ---------------------------------------------------------------------------------------------------
// A person's own download

/** Every response row a person stored, as stored: their data to download, answers left verbatim. */
export async function responsesForDownload(db: Database, userId: string) {
	const t = db.tables;
	return db.read.select().from(t.responses).where(eq(t.responses.userId, userId));
}
