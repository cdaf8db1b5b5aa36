import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { m } from '../../i18n';
import type { Queryable, Tables } from '../db/database';

/** Which assignment a practice or quiz sitting counts for, as students and teachers can be told (request's language). */
export const classWorkRule = () => m.assign_class_work_rule();

/** What a class's dashboard, statistics, grading and exports count, as its teacher reads it (request's language). */
export const classWorkScope = () => m.grading_class_work_scope();

/**
 * The assignment a sitting the student starts now counts for (see classWorkRule), or null when none of
 * their open classes assigns the lesson: then it is their own work, no teacher's. Archived classes take no
 * new work.
 */
export async function assignmentForSitting(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; lessonSlug: string }
): Promise<string | null> {
	const { assignments, classMembers, classes } = tables;
	const rows = await tx
		.select({ id: assignments.id, dueAt: assignments.dueAt, createdAt: assignments.createdAt })
		.from(assignments)
		.innerJoin(
			classMembers,
			and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, key.userId))
		)
		.innerJoin(classes, eq(classes.id, assignments.classId))
		.where(
			and(
				isNull(classes.archivedAt),
				or(isNull(assignments.lessonSlug), eq(assignments.lessonSlug, key.lessonSlug))
			)
		);
	// sorted here: the engines put NULL due dates at opposite ends
	return rows.sort(bySoonestDue)[0]?.id ?? null;
}

type Dated = { id: string; dueAt: Date | null; createdAt: Date };

/** classWorkRule's order: soonest due, undated last, then the oldest (then by id, so it never ties). */
export function bySoonestDue(a: Dated, b: Dated): number {
	const due = (row: Dated) => row.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
	return (
		due(a) - due(b) ||
		a.createdAt.getTime() - b.createdAt.getTime() ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/**
 * The condition on `attempts` for a class's own work: sat for one of its assignments or played in one of
 * its live sessions. Every teacher view of answers (grid, statistics, grading, exports) filters by it, so a
 * student who is in two classes shows each teacher only what was done for them.
 */
export function classWork(tables: Tables, classId: string): SQL {
	const { attempts, assignments, liveSessions } = tables;
	return sql`(${attempts.assignmentId} in (select ${assignments.id} from ${assignments} where ${assignments.classId} = ${classId}) or ${attempts.liveSessionId} in (select ${liveSessions.id} from ${liveSessions} where ${liveSessions.classId} = ${classId}))`;
}
