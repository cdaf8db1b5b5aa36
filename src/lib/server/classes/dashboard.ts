import {
	classWorkAnswers,
	firstAnswersOf,
	markOf,
	type ClassWorkAnswer,
	type FirstAnswer,
	type FirstAnswers
} from '../answers/read-model';
import type { Content, LessonContent } from '../content/build';
import type { Database } from '../db/database';
import type { AssignmentBehaviour, GradingMethod } from '../db/enums';
import { emptyActivity, loadActivity, type ClassActivity } from './activity';
import {
	assignmentProgress,
	assignmentsCovering,
	classAssignments,
	lessonCompletion,
	type AssignmentRow
} from './assignments';
import { bySoonestDue } from './class-work';
import { classMembersOf, type ClassMember } from './classes';
import { countedAttempt } from './quiz-policy';

export type Student = Pick<ClassMember, 'id' | 'username' | 'displayName'>;

/** Names A to Z the same way on both engines (their collations differ), then usernames. */
export function byStudentName(a: Student, b: Student): number {
	return (
		a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }) ||
		a.username.localeCompare(b.username)
	);
}

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
	/** the attempt a quiz score counts: the grading method of the quiz assignment a sitting counts for first */
	gradingMethod: GradingMethod;
	assigned: boolean;
}

export interface CellScore {
	/** quiz: the submitted quiz attempt the grading method counts; practice: the first answers to the quiz questions */
	basis: 'quiz' | 'practice';
	/** submitted quiz attempts (0 for a practice score) */
	attempts: number;
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

/** A student's answers in the class's live sessions: each one counts (one per question per session). */
export interface LiveScore {
	answers: number;
	/** marks earned of the scored answers' marks, each answer out of 1 */
	earned: number;
	possible: number;
	/** 0…100 rounded; null when nothing is scored */
	percent: number | null;
}

export interface GridRow {
	student: Student;
	cells: GridCell[];
	/** the "Live review" column; null when they have not answered in one of the class's sessions */
	live: LiveScore | null;
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
	// classWorkRule's order: the quiz assignment a new sitting would count for first decides
	const governing = covering.filter((row) => row.behaviour === 'quiz').sort(bySoonestDue)[0];
	return {
		slug: lesson.slug,
		number: lesson.number,
		title: lesson.title,
		hasQuiz: lesson.quizIds.length > 0,
		dueAt,
		behaviour: practiceOnly ? 'practice' : 'quiz',
		gradingMethod: governing?.gradingMethod ?? 'best',
		assigned: covering.length > 0
	};
}

/**
 * Pure: the submitted quiz attempt the grading method counts (best, first or last), or else the first
 * answers to the quiz questions as practice.
 */
export function cellScore(
	lesson: LessonContent,
	quizzes: { earned: number; possible: number; pending: number; submittedAt: Date }[],
	firstAnswers: Map<string, FirstAnswer> | undefined,
	gradingMethod: GradingMethod = 'best'
): CellScore | null {
	const counted = countedAttempt(quizzes, gradingMethod);
	if (counted) {
		return {
			basis: 'quiz',
			attempts: quizzes.length,
			earned: counted.earned,
			possible: counted.possible,
			percent: percentOf(counted.earned, counted.possible),
			pending: counted.pending
		};
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
		attempts: 0,
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
		live?: Map<string, LiveScore>;
	},
	now: Date
): ClassGrid {
	const lessons = content.lessonsInOrder;
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
				score: cellScore(
					lesson,
					activity.quizzes,
					data.firstAnswers.get(student.id),
					column.gradingMethod
				),
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
			live: data.live?.get(student.id) ?? null,
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
	/** first answers in lesson sittings (practice and quiz): what a lesson's practice score is from */
	firstAnswers: FirstAnswers;
	/** first answers from every source, live review too: the dashboard's question statistics */
	statisticsAnswers: FirstAnswers;
	live: Map<string, LiveScore>;
}

/** Pure: each student's score over their answers in the class's live sessions. */
export function liveScores(rows: ClassWorkAnswer[]): Map<string, LiveScore> {
	const sums = new Map<string, { answers: number; earned: number; possible: number }>();
	for (const row of rows) {
		if (row.mode !== 'live') continue;
		const sum = sums.get(row.userId) ?? { answers: 0, earned: 0, possible: 0 };
		const mark = markOf(row);
		sums.set(row.userId, {
			answers: sum.answers + 1,
			earned: sum.earned + (mark ?? 0),
			possible: sum.possible + (mark === null ? 0 : 1)
		});
	}
	return new Map(
		[...sums].map(([userId, sum]) => [
			userId,
			{ ...sum, percent: percentOf(sum.earned, sum.possible) }
		])
	);
}

/** Everything the dashboard needs, in six queries however large the class, over the class's own work. */
export async function loadClassData(
	db: Database,
	content: Content,
	classId: string
): Promise<ClassData> {
	const [members, assignments] = await Promise.all([
		classMembersOf(db, classId),
		classAssignments(db, classId)
	]);
	const ids = members.map((member) => member.id);
	const [activity, answers] = await Promise.all([
		loadActivity(db, content, ids, classId),
		classWorkAnswers(db, content, classId, ids)
	]);
	return {
		members,
		assignments,
		activity,
		firstAnswers: firstAnswersOf(answers, 'lessons'),
		statisticsAnswers: firstAnswersOf(answers, 'all'),
		live: liveScores(answers)
	};
}

export async function classGrid(
	db: Database,
	content: Content,
	classId: string,
	now = new Date()
): Promise<ClassGrid> {
	return buildGrid(content, await loadClassData(db, content, classId), now);
}

// ---------------------------------------------------------------------------------------------------
// Sorting the grid (server side, from ?sort=&dir=, so it works without JavaScript)

export type SortDirection = 'asc' | 'desc';
export type GridSort =
	| { key: 'name' }
	| { key: 'lessons' }
	| { key: 'mean' }
	| { key: 'live' }
	| { key: 'completion' | 'score'; lessonSlug: string };

/** The ?sort= value: name, lessons, mean, live, completion:<slug> or score:<slug>. */
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
	if (raw === 'name' || raw === 'lessons' || raw === 'mean' || raw === 'live') {
		return { sort: { key: raw }, dir };
	}
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
		case 'live':
			return row.live?.percent ?? null;
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
