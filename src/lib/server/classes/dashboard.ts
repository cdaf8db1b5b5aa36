import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Answer, Question, QuestionType } from '../../quiz/registry';
import { classify, optionCounts, type OptionCount } from '../../quiz/summary';
import type { ResolvedEvidence } from '../../quiz/feedback';
import type { Content, LessonContent } from '../content/build';
import type { Database } from '../db/database';
import type { AssignmentBehaviour } from '../db/enums';
import { answerKeyText } from '../quiz/key';
import { resolveEvidence } from '../quiz/reveal';
import { emptyActivity, loadActivity, type ClassActivity } from './activity';
import { classWork } from './class-work';
import {
	assignmentProgress,
	assignmentsCovering,
	classAssignments,
	lessonCompletion,
	type AssignmentRow
} from './assignments';
import { classMembersOf, type ClassMember } from './classes';
import { itemStatistics, type StudentScores } from './statistics';

export type Student = Pick<ClassMember, 'id' | 'username' | 'displayName'>;

/** A student's first answer to a question in a lesson sitting (practice or quiz): what statistics use. */
export interface FirstAnswer {
	responseId: string;
	questionId: string;
	answer: unknown;
	status: 'scored' | 'pending-review';
	/** 0…1 of the question's marks; null while a written answer waits for a teacher */
	score: number | null;
	answeredAt: Date;
}

/** student id → question id → first answer */
export type FirstAnswers = Map<string, Map<string, FirstAnswer>>;

/** 0…1, or null when the response has no mark yet. */
export function markOf(row: {
	status: string;
	earned: number | null;
	possible: number;
}): number | null {
	if (row.status !== 'scored' || row.earned === null) return null;
	return row.possible > 0 ? row.earned / row.possible : 0;
}

/**
 * Each student's first answer to every question in the class's own work (classWork), for a whole class in
 * one query; review sittings are left out.
 */
export async function loadFirstAnswers(
	db: Database,
	userIds: string[],
	classId: string
): Promise<FirstAnswers> {
	const first: FirstAnswers = new Map();
	if (userIds.length === 0) return first;
	const { responses, attempts } = db.tables;
	const rows = await db.read
		.select({
			id: responses.id,
			userId: responses.userId,
			questionId: responses.questionId,
			answer: responses.answer,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible,
			answeredAt: responses.answeredAt
		})
		.from(responses)
		.innerJoin(attempts, eq(attempts.id, responses.attemptId))
		.where(
			and(
				inArray(responses.userId, userIds),
				inArray(attempts.mode, ['practice', 'quiz']),
				classWork(db.tables, classId)
			)
		)
		.orderBy(asc(responses.answeredAt), asc(responses.id));
	for (const row of rows) {
		let answers = first.get(row.userId);
		if (!answers) first.set(row.userId, (answers = new Map()));
		if (answers.has(row.questionId)) continue;
		answers.set(row.questionId, {
			responseId: row.id,
			questionId: row.questionId,
			answer: row.answer,
			status: row.status,
			score: markOf(row),
			answeredAt: row.answeredAt
		});
	}
	return first;
}

/** Names A to Z the same way on both engines (their collations differ), then usernames. */
export function byStudentName(a: Student, b: Student): number {
	return (
		a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }) ||
		a.username.localeCompare(b.username)
	);
}

const lessonsInOrder = (content: Content) =>
	[...content.lessons.values()].sort((a, b) => a.number - b.number);

// ---------------------------------------------------------------------------------------------------
// The grid: students × lessons

export interface GridColumn {
	slug: string;
	number: number;
	title: string;
	hasQuiz: boolean;
	/** the earliest due date of the assignments covering this lesson */
	dueAt: Date | null;
	/** how completion is counted: quiz if any covering assignment says quiz; quiz (as on /learn) when none does */
	behaviour: AssignmentBehaviour;
	assigned: boolean;
}

export interface CellScore {
	/** quiz: the best submitted quiz attempt; practice: the first answers to the quiz questions */
	basis: 'quiz' | 'practice';
	earned: number;
	/** marks of the scored answers; written answers waiting for a teacher are not in it */
	possible: number;
	/** 0…100 rounded; null when nothing is scored yet */
	percent: number | null;
	/** written answers waiting for a teacher */
	pending: number;
}

/** late: not complete and past due; done-late: completed after the due date */
export type Lateness = 'late' | 'done-late' | null;

export interface GridCell {
	lessonSlug: string;
	percent: number;
	started: boolean;
	complete: boolean;
	completedAt: Date | null;
	score: CellScore | null;
	late: Lateness;
}

export interface GridRow {
	student: Student;
	cells: GridCell[];
	lessonsComplete: number;
	/** the mean of the lesson scores shown in the row, 0…100 rounded; null when there are none */
	meanScore: number | null;
}

export interface ClassGrid {
	columns: GridColumn[];
	rows: GridRow[];
}

const percentOf = (earned: number, possible: number) =>
	possible > 0 ? Math.round((100 * earned) / possible) : null;

/** Pure: a lesson's column from the class's assignments. */
export function gridColumn(lesson: LessonContent, assignments: AssignmentRow[]): GridColumn {
	const covering = assignmentsCovering(assignments, lesson.slug);
	const dueDates = covering.flatMap((row) => (row.dueAt ? [row.dueAt] : []));
	const dueAt = dueDates.length
		? dueDates.reduce((earliest, date) => (date < earliest ? date : earliest))
		: null;
	const practiceOnly = covering.length > 0 && covering.every((row) => row.behaviour === 'practice');
	return {
		slug: lesson.slug,
		number: lesson.number,
		title: lesson.title,
		hasQuiz: lesson.quizIds.length > 0,
		dueAt,
		behaviour: practiceOnly ? 'practice' : 'quiz',
		assigned: covering.length > 0
	};
}

/** Pure: the best submitted quiz attempt, or else the first answers to the quiz questions as practice. */
export function cellScore(
	lesson: LessonContent,
	quizzes: { earned: number; possible: number; pending: number; submittedAt: Date }[],
	firstAnswers: Map<string, FirstAnswer> | undefined
): CellScore | null {
	if (quizzes.length > 0) {
		const ratio = (q: { earned: number; possible: number }) =>
			q.possible > 0 ? q.earned / q.possible : -1;
		// the best attempt; of equal ones, the first to reach that score
		const best = [...quizzes].sort(
			(a, b) => ratio(b) - ratio(a) || a.submittedAt.getTime() - b.submittedAt.getTime()
		)[0];
		if (best) {
			return {
				basis: 'quiz',
				earned: best.earned,
				possible: best.possible,
				percent: percentOf(best.earned, best.possible),
				pending: best.pending
			};
		}
	}
	const answered = lesson.quizIds.flatMap((id) => {
		const answer = firstAnswers?.get(id);
		return answer ? [answer] : [];
	});
	if (answered.length === 0) return null;
	const scored = answered.flatMap((answer) => (answer.score === null ? [] : [answer.score]));
	const earned = scored.reduce((sum, score) => sum + score, 0);
	return {
		basis: 'practice',
		earned,
		possible: scored.length,
		percent: percentOf(earned, scored.length),
		pending: answered.length - scored.length
	};
}

/** Pure: the grid from what loadClassData read. */
export function buildGrid(
	content: Content,
	data: {
		members: Student[];
		assignments: AssignmentRow[];
		activity: ClassActivity;
		firstAnswers: FirstAnswers;
	},
	now: Date
): ClassGrid {
	const lessons = lessonsInOrder(content);
	const columns = lessons.map((lesson) => gridColumn(lesson, data.assignments));
	const rows = [...data.members].sort(byStudentName).map((student): GridRow => {
		const lessonsActivity = data.activity.get(student.id);
		const cells = lessons.map((lesson, index): GridCell => {
			const column = columns[index] as GridColumn;
			const activity = lessonsActivity?.get(lesson.slug) ?? emptyActivity();
			const completion = lessonCompletion(lesson, activity, column.behaviour);
			const progress = assignmentProgress([completion], column.dueAt, now);
			const late: Lateness =
				column.dueAt === null
					? null
					: progress.status === 'late'
						? 'late'
						: progress.doneLate
							? 'done-late'
							: null;
			return {
				lessonSlug: lesson.slug,
				percent: completion.percent,
				started: completion.started,
				complete: completion.complete,
				completedAt: completion.completedAt,
				score: cellScore(lesson, activity.quizzes, data.firstAnswers.get(student.id)),
				late
			};
		});
		const percents = cells.flatMap((cell) => {
			const percent = cell.score?.percent ?? null;
			return percent === null ? [] : [percent];
		});
		return {
			student: { id: student.id, username: student.username, displayName: student.displayName },
			cells,
			lessonsComplete: cells.filter((cell) => cell.complete).length,
			meanScore: percents.length
				? Math.round(percents.reduce((sum, p) => sum + p, 0) / percents.length)
				: null
		};
	});
	return { columns, rows };
}

export interface ClassData {
	members: ClassMember[];
	assignments: AssignmentRow[];
	activity: ClassActivity;
	firstAnswers: FirstAnswers;
}

/** Everything the dashboard needs, in six queries however large the class, over the class's own work. */
export async function loadClassData(db: Database, classId: string): Promise<ClassData> {
	const [members, assignments] = await Promise.all([
		classMembersOf(db, classId),
		classAssignments(db, classId)
	]);
	const ids = members.map((member) => member.id);
	const [activity, firstAnswers] = await Promise.all([
		loadActivity(db, ids, classId),
		loadFirstAnswers(db, ids, classId)
	]);
	return { members, assignments, activity, firstAnswers };
}

export async function classGrid(
	db: Database,
	content: Content,
	classId: string,
	now = new Date()
): Promise<ClassGrid> {
	return buildGrid(content, await loadClassData(db, classId), now);
}

// ---------------------------------------------------------------------------------------------------
// Sorting the grid (server side, from ?sort=&dir=, so it works without JavaScript)

export type SortDirection = 'asc' | 'desc';
export type GridSort =
	| { key: 'name' }
	| { key: 'lessons' }
	| { key: 'mean' }
	| { key: 'completion' | 'score'; lessonSlug: string };

/** The ?sort= value: name, lessons, mean, completion:<slug> or score:<slug>. */
export function sortParam(sort: GridSort): string {
	return 'lessonSlug' in sort ? `${sort.key}:${sort.lessonSlug}` : sort.key;
}

/** Reads ?sort= and ?dir=; anything unknown falls back to names A to Z. */
export function parseGridSort(
	params: URLSearchParams,
	columns: Pick<GridColumn, 'slug'>[]
): { sort: GridSort; dir: SortDirection } {
	const raw = params.get('sort') ?? 'name';
	const dir: SortDirection = params.get('dir') === 'desc' ? 'desc' : 'asc';
	if (raw === 'name' || raw === 'lessons' || raw === 'mean') return { sort: { key: raw }, dir };
	const [key, slug] = raw.split(':');
	if ((key === 'completion' || key === 'score') && columns.some((c) => c.slug === slug)) {
		return { sort: { key, lessonSlug: slug as string }, dir };
	}
	return { sort: { key: 'name' }, dir: 'asc' };
}

const byName = (a: GridRow, b: GridRow) => byStudentName(a.student, b.student);

/** The value a row sorts by; null (no score yet) always sorts last. */
function sortValue(row: GridRow, sort: GridSort): number | null {
	switch (sort.key) {
		case 'name':
			return 0;
		case 'lessons':
			return row.lessonsComplete;
		case 'mean':
			return row.meanScore;
		case 'completion':
		case 'score': {
			const cell = row.cells.find((c) => c.lessonSlug === sort.lessonSlug);
			if (!cell) return null;
			if (sort.key === 'completion') return cell.percent;
			const score = cell.score;
			return score && score.possible > 0 ? score.earned / score.possible : null;
		}
	}
}

/** Pure: rows in the asked order; ties, and the name sort itself, go by name. */
export function sortGrid(rows: GridRow[], sort: GridSort, dir: SortDirection): GridRow[] {
	const sign = dir === 'desc' ? -1 : 1;
	return [...rows].sort((a, b) => {
		if (sort.key === 'name') return sign * byName(a, b);
		const x = sortValue(a, sort);
		const y = sortValue(b, sort);
		if (x === null || y === null) {
			if (x !== y) return x === null ? 1 : -1;
			return byName(a, b);
		}
		return sign * (x - y) || byName(a, b);
	});
}

// ---------------------------------------------------------------------------------------------------
// Question statistics

export interface QuestionStatistics {
	questionId: string;
	lessonSlug: string;
	lessonNumber: number;
	lessonTitle: string;
	/** quiz: the end-of-lesson quiz; check: an inline check in the lesson's prose */
	kind: 'quiz' | 'check';
	/** "Quiz question 3" or "Check 1" */
	label: string;
	type: QuestionType;
	prompt: string;
	/** scored first answers: the figures below are over these */
	responses: number;
	/** first answers still waiting for a teacher (written), left out of the figures */
	pending: number;
	/** 0…100; null with no scored answers */
	facility: number | null;
	/** of the 0…1 item scores; null with fewer than two */
	sd: number | null;
	/** −100…100; null when it cannot be worked out (fewer than two answers, or no spread) */
	discrimination: number | null;
	/** one bar per option (or per outcome), over every first answer including those waiting */
	options: OptionCount[];
	/** the right answer in words (a model answer for written questions) */
	correctAnswer: string;
	evidence: ResolvedEvidence[];
}

export interface LessonStatistics {
	slug: string;
	number: number;
	title: string;
	/** first answers from this many students */
	students: number;
	questions: QuestionStatistics[];
}

/**
 * Pure: Moodle's item analysis over each student's first answer. Quiz questions are analysed against the
 * rest of the quiz; an inline check against the whole quiz (it is not part of the quiz's total), so both
 * read as "do the students who do well on the quiz get this right?".
 */
export function buildQuestionStatistics(
	content: Content,
	data: { members: Pick<Student, 'id'>[]; firstAnswers: FirstAnswers }
): LessonStatistics[] {
	return lessonsInOrder(content)
		.filter((lesson) => lesson.questions.length > 0)
		.map((lesson): LessonStatistics => {
			const answersOf = data.members.flatMap((member) => {
				const answers = data.firstAnswers.get(member.id);
				return answers && lesson.questions.some((q) => answers.has(q.id))
					? [{ studentId: member.id, answers }]
					: [];
			});
			const rows: StudentScores[] = answersOf.map(({ studentId, answers }) => ({
				studentId,
				scores: new Map(
					lesson.questions.flatMap((question) => {
						const score = answers.get(question.id)?.score;
						return score === undefined || score === null ? [] : [[question.id, score] as const];
					})
				)
			}));
			const quizFigures = new Map(
				itemStatistics(rows, lesson.quizIds).map((item) => [item.questionId, item])
			);
			const figuresOf = (questionId: string) =>
				quizFigures.get(questionId) ?? itemStatistics(rows, [questionId, ...lesson.quizIds])[0];
			const questions = [
				...lesson.quizIds.map((id, index) => ({ id, kind: 'quiz' as const, n: index + 1 })),
				...lesson.checkIds.map((id, index) => ({ id, kind: 'check' as const, n: index + 1 }))
			].flatMap(({ id, kind, n }): QuestionStatistics[] => {
				const question = lesson.questions.find((q) => q.id === id);
				if (!question) return [];
				const figures = figuresOf(id);
				const given = answersOf.flatMap(({ answers }) => {
					const answer = answers.get(id);
					return answer ? [answer] : [];
				});
				return [
					{
						questionId: id,
						lessonSlug: lesson.slug,
						lessonNumber: lesson.number,
						lessonTitle: lesson.title,
						kind,
						label: kind === 'quiz' ? `Quiz question ${n}` : `Check ${n}`,
						type: question.type,
						prompt: question.prompt,
						responses: figures?.responses ?? 0,
						pending: given.filter((answer) => answer.score === null).length,
						facility: figures?.facility ?? null,
						sd: figures?.sd ?? null,
						discrimination: figures?.discrimination ?? null,
						options: countOptions(question, given),
						correctAnswer: answerKeyText(question),
						evidence: resolveEvidence(question.evidence, lesson.sourceId, content)
					}
				];
			});
			return {
				slug: lesson.slug,
				number: lesson.number,
				title: lesson.title,
				students: answersOf.length,
				questions
			};
		});
}

/** Bars for the chart; an answer the bank's current options no longer fit counts in no bar. */
function countOptions(question: Question, answers: FirstAnswer[]): OptionCount[] {
	const fits = answers.flatMap((answer) => {
		const response = { answer: answer.answer as Answer, earned: answer.score };
		try {
			// a bank edited since the answer was given must not take the whole page down
			classify(question, response.answer, response.earned);
			return [response];
		} catch {
			return [];
		}
	});
	return optionCounts(question, fits);
}

export async function questionStatistics(
	db: Database,
	content: Content,
	classId: string
): Promise<LessonStatistics[]> {
	const members = await classMembersOf(db, classId);
	const firstAnswers = await loadFirstAnswers(
		db,
		members.map((member) => member.id),
		classId
	);
	return buildQuestionStatistics(content, { members, firstAnswers });
}

/** The questions the class found hardest: lowest facility first, more responses first on a tie. */
export function mostMissed(stats: LessonStatistics[], n = 5): QuestionStatistics[] {
	return stats
		.flatMap((lesson) => lesson.questions)
		.filter((question) => question.responses >= 1 && question.facility !== null)
		.sort(
			(a, b) =>
				(a.facility ?? 0) - (b.facility ?? 0) ||
				b.responses - a.responses ||
				a.lessonNumber - b.lessonNumber
		)
		.slice(0, n);
}
