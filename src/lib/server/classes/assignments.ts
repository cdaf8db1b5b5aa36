import { and, asc, eq } from 'drizzle-orm';
import { m } from '../../i18n';
import type { Content, LessonContent } from '../content/build';
import type { Database } from '../db/database';
import type { AssignmentBehaviour } from '../db/enums';
import { newId } from '../ids';
import { emptyActivity, loadActivity, type StudentLessonActivity } from './activity';
import { bySoonestDue } from './class-work';
import { canReleaseAnswers } from './policy-text';
import {
	assignmentPolicies,
	attemptScoreVisible,
	countedAttempt,
	defaultPolicy,
	type PolicyChoices,
	type StudentPolicy
} from './quiz-policy';

export type AssignmentRow = Database['tables']['assignments']['$inferSelect'];

export const assignmentStatuses = ['not-started', 'in-progress', 'done', 'late'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
/** A status in words, in the request's language. */
export const assignmentStatusLabels: Record<AssignmentStatus, () => string> = {
	'not-started': () => m.shared_status_not_started(),
	'in-progress': () => m.shared_status_in_progress(),
	done: () => m.shared_status_done(),
	late: () => m.shared_status_late()
};

/** The lessons an assignment covers: one lesson, or every lesson of the module in order. */
export function assignedLessons(content: Content, lessonSlug: string | null): LessonContent[] {
	const lessons = content.lessonsInOrder;
	return lessonSlug === null ? lessons : lessons.filter((l) => l.slug === lessonSlug);
}

export function assignmentTitle(content: Content, lessonSlug: string | null): string {
	if (lessonSlug === null) return content.module?.title ?? m.assign_title_module();
	return content.lessons.get(lessonSlug)?.title ?? m.assign_title_missing();
}

export interface LessonCompletion {
	/** steps done of steps to do: each section, then the quiz (quiz) or each quiz question (practice) */
	percent: number;
	started: boolean;
	complete: boolean;
	/** when the last required step was first done; null until complete */
	completedAt: Date | null;
}

/**
 * Pure: how far a student is through one lesson for an assignment. In quiz behaviour the lesson is done when
 * every section is read and a quiz is submitted; in practice, when every quiz question has been answered.
 */
export function lessonCompletion(
	lesson: LessonContent,
	activity: StudentLessonActivity,
	behaviour: AssignmentBehaviour
): LessonCompletion {
	const stepTimes: (Date | undefined)[] = lesson.sections.map((s) => activity.reads.get(s.id));
	if (lesson.quizIds.length > 0) {
		if (behaviour === 'quiz') {
			const firstSubmission = activity.quizzes
				.map((q) => q.submittedAt)
				.sort((a, b) => a.getTime() - b.getTime())[0];
			stepTimes.push(firstSubmission);
		} else {
			stepTimes.push(...lesson.quizIds.map((id) => activity.firstAnswers.get(id)));
		}
	}
	const done = stepTimes.filter((t): t is Date => t !== undefined);
	const complete = done.length === stepTimes.length;
	return {
		percent: stepTimes.length === 0 ? 100 : Math.floor((100 * done.length) / stepTimes.length),
		started:
			activity.reads.size > 0 || activity.firstAnswers.size > 0 || activity.quizzes.length > 0,
		complete,
		completedAt: complete
			? (done.sort((a, b) => b.getTime() - a.getTime())[0] ?? new Date(0))
			: null
	};
}

export interface AssignmentProgress {
	status: AssignmentStatus;
	/** done, but after the due date */
	doneLate: boolean;
	percent: number;
	completedAt: Date | null;
}

/** Pure: an assignment's status for one student from their completion of each covered lesson. */
export function assignmentProgress(
	completions: LessonCompletion[],
	dueAt: Date | null,
	now: Date
): AssignmentProgress {
	const complete = completions.every((c) => c.complete);
	const started = completions.some((c) => c.started);
	const percent =
		completions.length === 0
			? 100
			: Math.floor(completions.reduce((sum, c) => sum + c.percent, 0) / completions.length);
	const completedAt = complete
		? completions.reduce<Date | null>(
				(latest, c) =>
					c.completedAt && (!latest || c.completedAt > latest) ? c.completedAt : latest,
				null
			)
		: null;
	const overdue = dueAt !== null && now > dueAt;
	if (complete) {
		const doneLate = dueAt !== null && completedAt !== null && completedAt > dueAt;
		return { status: 'done', doneLate, percent: 100, completedAt };
	}
	if (overdue) return { status: 'late', doneLate: false, percent, completedAt };
	return { status: started ? 'in-progress' : 'not-started', doneLate: false, percent, completedAt };
}

export async function createAssignment(
	db: Database,
	input: {
		classId: string;
		lessonSlug: string | null;
		behaviour: AssignmentBehaviour;
		dueAt: Date | null;
		/** any choice left out takes defaultPolicy's value for the behaviour */
		policy?: Partial<PolicyChoices>;
	},
	now = new Date()
): Promise<AssignmentRow> {
	const { policy, ...fields } = input;
	const row: AssignmentRow = {
		id: newId(),
		...fields,
		...defaultPolicy(input.behaviour),
		...policy,
		answersReleasedAt: null,
		createdAt: now
	};
	await db.write((tx) => tx.insert(db.tables.assignments).values(row));
	return row;
}

export async function classAssignments(db: Database, classId: string): Promise<AssignmentRow[]> {
	const { assignments } = db.tables;
	return db.read
		.select()
		.from(assignments)
		.where(eq(assignments.classId, classId))
		.orderBy(asc(assignments.createdAt), asc(assignments.id));
}

/**
 * Removes an assignment of this class (never another class's); students' work stays. Sittings done for it
 * move to the class's next assignment covering their lesson (bySoonestDue), so the dashboard keeps showing
 * them; with none left they are no class's work.
 */
export async function deleteAssignment(db: Database, classId: string, assignmentId: string) {
	const { assignments, attempts } = db.tables;
	return db.write(async (tx) => {
		const rows = await tx.select().from(assignments).where(eq(assignments.classId, classId));
		if (!rows.some((row) => row.id === assignmentId)) return false;
		const others = rows.filter((row) => row.id !== assignmentId).sort(bySoonestDue);
		const lessons = await tx
			.selectDistinct({ lessonSlug: attempts.lessonSlug })
			.from(attempts)
			.where(eq(attempts.assignmentId, assignmentId));
		for (const { lessonSlug } of lessons) {
			const next = assignmentsCovering(others, lessonSlug)[0];
			if (!next) continue;
			await tx
				.update(attempts)
				.set({ assignmentId: next.id })
				.where(and(eq(attempts.assignmentId, assignmentId), eq(attempts.lessonSlug, lessonSlug)));
		}
		const deleted = await tx
			.delete(assignments)
			.where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)))
			.returning({ id: assignments.id });
		return deleted.length > 0;
	});
}

/**
 * Changes a quiz assignment's policy (this class's only). Practice keeps its own defaults, so a practice
 * assignment is left as it is: "not-quiz". Attempts already used stay used under a lower limit.
 */
export async function updateAssignmentPolicy(
	db: Database,
	classId: string,
	assignmentId: string,
	policy: PolicyChoices
): Promise<'updated' | 'not-found' | 'not-quiz'> {
	const { assignments } = db.tables;
	return db.write(async (tx) => {
		const [row] = await tx
			.select({ behaviour: assignments.behaviour })
			.from(assignments)
			.where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)));
		if (!row) return 'not-found';
		if (row.behaviour !== 'quiz') return 'not-quiz';
		await tx.update(assignments).set(policy).where(eq(assignments.id, assignmentId));
		return 'updated';
	});
}

/**
 * "Release answers now": the quiz's right answers and explanations show to its students from `now`
 * (answersReleasedAt), whatever it said before. Refused where that changes nothing (canReleaseAnswers).
 */
export async function releaseAnswers(
	db: Database,
	classId: string,
	assignmentId: string,
	now = new Date()
): Promise<'released' | 'not-found' | 'already-out'> {
	const { assignments } = db.tables;
	return db.write(async (tx) => {
		const [row] = await tx
			.select()
			.from(assignments)
			.where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)));
		if (!row) return 'not-found';
		if (!canReleaseAnswers(row, now)) return 'already-out';
		await tx
			.update(assignments)
			.set({ answersReleasedAt: now })
			.where(eq(assignments.id, assignmentId));
		return 'released';
	});
}

export interface StudentAssignment extends AssignmentProgress {
	id: string;
	classId: string;
	className: string;
	/** the class's zone, which its due dates are shown in */
	timeZone: string;
	title: string;
	lessonSlug: string | null;
	behaviour: AssignmentBehaviour;
	dueAt: Date | null;
	/** the lesson to work on next: the assigned one, or the module's first lesson not finished */
	lessonHref: string;
	/** that lesson's quiz in the assignment's behaviour; null when the lesson has no quiz */
	quizHref: string | null;
	/**
	 * A one-lesson quiz assignment's score: the attempt its grading method counts, once the policy shows it
	 * ('held' while it waits for the answers); null before a submission or for practice and the whole module.
	 */
	score:
		{ earned: number; possible: number; percent: number | null; pending: number } | 'held' | null;
}

/** Pure: what a one-lesson quiz assignment's card shows of its counted attempt now. */
export function assignmentScore(
	policy: StudentPolicy | undefined,
	quizzes: StudentLessonActivity['quizzes'],
	now: Date
): StudentAssignment['score'] {
	if (!policy || policy.behaviour !== 'quiz') return null;
	const counted = countedAttempt(quizzes, policy.gradingMethod);
	if (!counted) return null;
	if (!attemptScoreVisible(policy, now)) return 'held';
	const { earned, possible, pending } = counted;
	return {
		earned,
		possible,
		percent: possible > 0 ? Math.round((100 * earned) / possible) : null,
		pending
	};
}

/**
 * A student's assignments in their open classes, soonest due first, with their status. Each class's
 * assignments count only the work done for that class, which is what its teacher sees.
 */
export async function studentAssignments(
	db: Database,
	content: Content,
	userId: string,
	now = new Date()
): Promise<StudentAssignment[]> {
	const { assignments, classes, classMembers } = db.tables;
	const rows = await db.read
		.select({
			id: assignments.id,
			classId: classes.id,
			className: classes.name,
			timeZone: classes.timeZone,
			archivedAt: classes.archivedAt,
			lessonSlug: assignments.lessonSlug,
			behaviour: assignments.behaviour,
			dueAt: assignments.dueAt
		})
		.from(classMembers)
		.innerJoin(classes, eq(classes.id, classMembers.classId))
		.innerJoin(assignments, eq(assignments.classId, classes.id))
		.where(eq(classMembers.userId, userId));
	const open = rows.filter((row) => row.archivedAt === null);
	if (open.length === 0) return [];
	const classIds = [...new Set(open.map((row) => row.classId))];
	const activities = await Promise.all(
		classIds.map(async (classId) => {
			const activity = (await loadActivity(db, content, [userId], classId)).get(userId);
			return [classId, activity ?? new Map<string, StudentLessonActivity>()] as const;
		})
	);
	const activityByClass = new Map(activities);
	const policies = await assignmentPolicies(db.read, db.tables, {
		userId,
		assignmentIds: open.map((row) => row.id)
	});
	return open
		.map((row) => {
			const activity = activityByClass.get(row.classId) ?? new Map();
			const lessons = assignedLessons(content, row.lessonSlug);
			const completions = lessons.map((lesson) =>
				lessonCompletion(lesson, activity.get(lesson.slug) ?? emptyActivity(), row.behaviour)
			);
			const firstOpen = lessons.find((_, index) => !completions[index]?.complete) ?? lessons[0];
			return {
				id: row.id,
				classId: row.classId,
				className: row.className,
				timeZone: row.timeZone,
				title: assignmentTitle(content, row.lessonSlug),
				lessonSlug: row.lessonSlug,
				behaviour: row.behaviour,
				dueAt: row.dueAt,
				lessonHref: firstOpen ? `/lessons/${firstOpen.slug}` : '/lessons',
				quizHref:
					firstOpen && firstOpen.quizIds.length > 0
						? `/lessons/${firstOpen.slug}/quiz?mode=${row.behaviour}`
						: null,
				score:
					row.lessonSlug === null
						? null
						: assignmentScore(
								policies.get(row.id)?.policy,
								activity.get(row.lessonSlug)?.quizzes ?? [],
								now
							),
				...assignmentProgress(completions, row.dueAt, now)
			};
		})
		.sort(
			(a, b) =>
				(a.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER) -
					(b.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER) || a.title.localeCompare(b.title)
		);
}

/** Assignments of a class whose lessons include this one, to mark a grid column's due date. */
export function assignmentsCovering(rows: AssignmentRow[], lessonSlug: string): AssignmentRow[] {
	return rows.filter((row) => row.lessonSlug === null || row.lessonSlug === lessonSlug);
}
