import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable, Tables } from '../db/database';
import type {
	AnswerRelease,
	AssignmentBehaviour,
	GradingMethod,
	TimeAccommodation
} from '../db/enums';
import { bySoonestDue } from './class-work';

/** What a teacher chose for one assignment (the assignments row's policy columns). */
export interface QuizPolicy {
	behaviour: AssignmentBehaviour;
	/** submitted quiz attempts allowed; null = unlimited */
	attemptsAllowed: number | null;
	answersShown: AnswerRelease;
	answersReleasedAt: Date | null;
	scoreShown: boolean;
	timeLimitMinutes: number | null;
	gradingMethod: GradingMethod;
	dueAt: Date | null;
}

/** One student's exceptions to one assignment: attempts granted and a reopened due date. */
export interface StudentOverride {
	extraAttempts: number;
	dueAt: Date | null;
}

/** One student's accommodations in a class, applied to all its work. */
export interface StudentAccommodation {
	extraTime: TimeAccommodation | null;
	extraAttempts: number;
	readAloud: boolean;
}

/** The assignment's policy as it applies to one student. */
export interface StudentPolicy extends QuizPolicy {
	/** the class's due date, or the later one the teacher reopened it until for this student */
	dueAt: Date | null;
	/** the time a timed quiz allows this student; null = untimed (or unlimited time) */
	timeLimitMs: number | null;
	readAloud: boolean;
}

export type PolicyChoices = Omit<QuizPolicy, 'behaviour' | 'dueAt' | 'answersReleasedAt'>;

/** The form's starting values for a new assignment; quiz: one attempt, answers after the due date. */
export function defaultPolicy(behaviour: AssignmentBehaviour): PolicyChoices {
	return behaviour === 'quiz'
		? {
				attemptsAllowed: 1,
				answersShown: 'after-due',
				scoreShown: true,
				timeLimitMinutes: null,
				gradingMethod: 'best'
			}
		: {
				attemptsAllowed: null,
				answersShown: 'immediately',
				scoreShown: true,
				timeLimitMinutes: null,
				gradingMethod: 'best'
			};
}

export const timeFactors: Record<TimeAccommodation, number> = {
	'1.25': 1.25,
	'1.5': 1.5,
	'2': 2,
	unlimited: Number.POSITIVE_INFINITY
};

/** Pure: the assignment's policy with this student's override and accommodations applied. */
export function studentPolicy(
	policy: QuizPolicy,
	override: StudentOverride | null = null,
	accommodation: StudentAccommodation | null = null
): StudentPolicy {
	const extra = (override?.extraAttempts ?? 0) + (accommodation?.extraAttempts ?? 0);
	const factor = accommodation?.extraTime ? timeFactors[accommodation.extraTime] : 1;
	const limitMs =
		policy.timeLimitMinutes === null ? null : policy.timeLimitMinutes * 60_000 * factor;
	return {
		...policy,
		attemptsAllowed: policy.attemptsAllowed === null ? null : policy.attemptsAllowed + extra,
		dueAt: override?.dueAt ?? policy.dueAt,
		timeLimitMs: limitMs === null || !Number.isFinite(limitMs) ? null : Math.round(limitMs),
		readAloud: accommodation?.readAloud ?? false
	};
}

/** Pure: attempts this student may still submit; null = unlimited. */
export function attemptsLeft(policy: StudentPolicy, submitted: number): number | null {
	return policy.attemptsAllowed === null ? null : Math.max(0, policy.attemptsAllowed - submitted);
}

export type StartRefusal = 'past-due' | 'no-attempts-left';

/** Pure: whether the student may start (or submit) another attempt now, and why not. */
export function canAttempt(
	policy: StudentPolicy,
	submitted: number,
	now: Date
): { ok: true } | { ok: false; reason: StartRefusal } {
	if (policy.dueAt !== null && now >= policy.dueAt) return { ok: false, reason: 'past-due' };
	if (attemptsLeft(policy, submitted) === 0) return { ok: false, reason: 'no-attempts-left' };
	return { ok: true };
}

/**
 * Pure: whether the quiz's right answers are out for this student. A teacher's release always shows them;
 * 'after-due' without a due date waits for a release; 'never' is never on its own.
 */
export function answersReleased(policy: StudentPolicy, now: Date): boolean {
	if (policy.answersReleasedAt !== null && now >= policy.answersReleasedAt) return true;
	switch (policy.answersShown) {
		case 'immediately':
			return true;
		case 'after-due':
			return policy.dueAt !== null && now >= policy.dueAt;
		case 'on-release':
		case 'never':
			return false;
	}
}

/** Pure: whether a student's submitted attempt shows its right answers and explanations now. */
export function attemptAnswersVisible(policy: StudentPolicy, now: Date): boolean {
	return policy.behaviour === 'practice' || answersReleased(policy, now);
}

/** Pure: whether a submitted attempt shows its score now (scores come out with the answers at the latest). */
export function attemptScoreVisible(policy: StudentPolicy, now: Date): boolean {
	return policy.scoreShown || attemptAnswersVisible(policy, now);
}

/**
 * Pure: practice on a quiz assignment's questions shows their answers, so it is closed to a student while
 * the quiz is open for them (they can still attempt it) and until its answers are out for them.
 */
export function practiceOpen(policy: StudentPolicy, submitted: number, now: Date): boolean {
	if (policy.behaviour === 'practice') return true;
	return !canAttempt(policy, submitted, now).ok && answersReleased(policy, now);
}

/** Pure: when a timed attempt started now must be submitted: its time limit, never past the due date. */
export function attemptDeadline(policy: StudentPolicy, startedAt: Date): Date | null {
	if (policy.timeLimitMs === null) return null;
	const end = startedAt.getTime() + policy.timeLimitMs;
	return new Date(policy.dueAt === null ? end : Math.min(end, policy.dueAt.getTime()));
}

/** A submission this long after the deadline still counts as on time (a slow network, a slow phone). */
export const submissionGraceMs = 60_000;

/** Pure: a timed attempt submitted after its deadline and the grace; it is kept, and marked. */
export function submittedOverTime(deadlineAt: Date | null, submittedAt: Date): boolean {
	return deadlineAt !== null && submittedAt.getTime() > deadlineAt.getTime() + submissionGraceMs;
}

interface ScoredAttempt {
	submittedAt: Date;
	earned: number;
	possible: number;
}

/** Pure: the attempt the gradebook counts: best (ties: the first to reach it), first or last submitted. */
export function countedAttempt<T extends ScoredAttempt>(
	attempts: T[],
	method: GradingMethod
): T | undefined {
	const byTime = [...attempts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
	if (method === 'first') return byTime[0];
	if (method === 'last') return byTime.at(-1);
	const ratio = (a: ScoredAttempt) => (a.possible > 0 ? a.earned / a.possible : -1);
	return byTime.reduce<T | undefined>(
		(best, attempt) => (best === undefined || ratio(attempt) > ratio(best) ? attempt : best),
		undefined
	);
}

export interface CoveringAssignment {
	assignmentId: string;
	classId: string;
	timeZone: string;
	createdAt: Date;
	policy: StudentPolicy;
}

/** The columns a student's policy is made of: the assignment, its class's zone, the student's exceptions. */
function policyColumns(tables: Tables) {
	const { assignments, assignmentOverrides, accommodations, classes } = tables;
	return {
		assignment: assignments,
		timeZone: classes.timeZone,
		override: {
			extraAttempts: assignmentOverrides.extraAttempts,
			dueAt: assignmentOverrides.dueAt
		},
		accommodation: {
			extraTime: accommodations.extraTime,
			extraAttempts: accommodations.extraAttempts,
			readAloud: accommodations.readAloud
		}
	};
}

type PolicyRow = {
	assignment: Tables['assignments']['$inferSelect'];
	timeZone: string;
	override: { extraAttempts: number | null; dueAt: Date | null } | null;
	accommodation: {
		extraTime: TimeAccommodation | null;
		extraAttempts: number | null;
		readAloud: boolean | null;
	} | null;
};

function coveringOf(row: PolicyRow): CoveringAssignment {
	return {
		assignmentId: row.assignment.id,
		classId: row.assignment.classId,
		timeZone: row.timeZone,
		createdAt: row.assignment.createdAt,
		policy: studentPolicy(
			row.assignment,
			row.override?.extraAttempts === undefined || row.override.extraAttempts === null
				? null
				: { extraAttempts: row.override.extraAttempts, dueAt: row.override.dueAt },
			row.accommodation?.extraAttempts === undefined || row.accommodation.extraAttempts === null
				? null
				: {
						extraTime: row.accommodation.extraTime,
						extraAttempts: row.accommodation.extraAttempts,
						readAloud: row.accommodation.readAloud ?? false
					}
		)
	};
}

/**
 * Every assignment in the student's open classes that covers this lesson, with its policy for them
 * (override and accommodations applied), in classWorkRule's order: the first is the one a sitting counts for.
 */
export async function coveringAssignments(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; lessonSlug: string }
): Promise<CoveringAssignment[]> {
	const { assignments, assignmentOverrides, accommodations, classMembers, classes } = tables;
	const rows = await tx
		.select(policyColumns(tables))
		.from(assignments)
		.innerJoin(
			classMembers,
			and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, key.userId))
		)
		.innerJoin(classes, eq(classes.id, assignments.classId))
		.leftJoin(
			assignmentOverrides,
			and(
				eq(assignmentOverrides.assignmentId, assignments.id),
				eq(assignmentOverrides.userId, key.userId)
			)
		)
		.leftJoin(
			accommodations,
			and(eq(accommodations.classId, classes.id), eq(accommodations.userId, key.userId))
		)
		.where(
			and(
				isNull(classes.archivedAt),
				or(isNull(assignments.lessonSlug), eq(assignments.lessonSlug, key.lessonSlug))
			)
		);
	return rows
		.map((row) => ({
			id: row.assignment.id,
			dueAt: row.assignment.dueAt,
			createdAt: row.assignment.createdAt,
			covering: coveringOf(row)
		}))
		.sort(bySoonestDue)
		.map((row) => row.covering);
}

/**
 * The given assignments with their policy for this student, by id: what a sitting already done for one of
 * them shows (answers, score), whether or not the class is archived or the student still in it.
 */
export async function assignmentPolicies(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; assignmentIds: string[] }
): Promise<Map<string, CoveringAssignment>> {
	const ids = [...new Set(key.assignmentIds)];
	if (ids.length === 0) return new Map();
	const { assignments, assignmentOverrides, accommodations, classes } = tables;
	const rows = await tx
		.select(policyColumns(tables))
		.from(assignments)
		.innerJoin(classes, eq(classes.id, assignments.classId))
		.leftJoin(
			assignmentOverrides,
			and(
				eq(assignmentOverrides.assignmentId, assignments.id),
				eq(assignmentOverrides.userId, key.userId)
			)
		)
		.leftJoin(
			accommodations,
			and(eq(accommodations.classId, classes.id), eq(accommodations.userId, key.userId))
		)
		.where(inArray(assignments.id, ids));
	return new Map(rows.map((row) => [row.assignment.id, coveringOf(row)]));
}

/** The quiz assignment that governs the student's quiz on this lesson: the first covering one that is a quiz. */
export async function governingQuiz(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; lessonSlug: string }
): Promise<CoveringAssignment | null> {
	const covering = await coveringAssignments(tx, tables, key);
	return covering.find((assignment) => assignment.policy.behaviour === 'quiz') ?? null;
}

/** The assignment a quiz sitting counts for: the governing quiz, else classWorkRule's first (or none). */
export async function quizSittingAssignment(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; lessonSlug: string }
): Promise<string | null> {
	const covering = await coveringAssignments(tx, tables, key);
	const quiz = covering.find((assignment) => assignment.policy.behaviour === 'quiz');
	return (quiz ?? covering[0])?.assignmentId ?? null;
}
