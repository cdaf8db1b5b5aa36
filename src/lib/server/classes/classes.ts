import type { UiLocale } from '../db/enums';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { isUniqueViolation, type Database } from '../db/database';
import { m } from '../../i18n';
import { newId } from '../ids';
import { generateJoinCode, normalizeJoinCode } from './join-codes';

export type ClassRow = Database['tables']['classes']['$inferSelect'];

export interface ClassSummary {
	id: string;
	name: string;
	joinCode: string;
	archivedAt: Date | null;
	createdAt: Date;
	studentCount: number;
}

// a fresh code collides with an existing one about once in 190 million tries; a few retries are plenty
async function withFreshJoinCode<T>(work: (code: string) => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await work(generateJoinCode());
		} catch (error) {
			if (!isUniqueViolation(error) || attempt >= 4) throw error;
		}
	}
}

export async function createClass(
	db: Database,
	teacherId: string,
	name: string,
	now = new Date(),
	timeZone = 'UTC',
	defaultLocale: UiLocale = 'en'
): Promise<ClassRow> {
	const id = newId();
	return withFreshJoinCode(async (joinCode) => {
		const row = {
			...{ id, teacherId, name, joinCode, timeZone, defaultLocale },
			...{ archivedAt: null, createdAt: now }
		};
		await db.write((tx) => tx.insert(db.tables.classes).values(row));
		return row;
	});
}

/** A teacher's classes, newest first, with how many students each has. */
export async function teacherClasses(db: Database, teacherId: string): Promise<ClassSummary[]> {
	const { classes, classMembers } = db.tables;
	const [rows, counts] = await Promise.all([
		db.read.select().from(classes).where(eq(classes.teacherId, teacherId)),
		db.read
			.select({ classId: classMembers.classId, n: count() })
			.from(classMembers)
			.innerJoin(classes, eq(classes.id, classMembers.classId))
			.where(eq(classes.teacherId, teacherId))
			.groupBy(classMembers.classId)
	]);
	const studentCounts = new Map(counts.map((c) => [c.classId, c.n]));
	return rows
		.map((row) => ({
			id: row.id,
			name: row.name,
			joinCode: row.joinCode,
			archivedAt: row.archivedAt,
			createdAt: row.createdAt,
			studentCount: studentCounts.get(row.id) ?? 0
		}))
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export async function findClass(db: Database, classId: string): Promise<ClassRow | null> {
	const [row] = await db.read
		.select()
		.from(db.tables.classes)
		.where(eq(db.tables.classes.id, classId));
	return row ?? null;
}

export async function renameClass(db: Database, classId: string, name: string) {
	const { classes } = db.tables;
	await db.write((tx) => tx.update(classes).set({ name }).where(eq(classes.id, classId)));
}

/** Due dates keep their instant: they are shown in the new zone from now on. */
export async function setClassTimeZone(db: Database, classId: string, timeZone: string) {
	const { classes } = db.tables;
	await db.write((tx) => tx.update(classes).set({ timeZone }).where(eq(classes.id, classId)));
}

/** The language the class's students see until they choose their own (see $lib/server/i18n/preference). */
export async function setClassDefaultLocale(
	db: Database,
	classId: string,
	defaultLocale: UiLocale
) {
	const { classes } = db.tables;
	await db.write((tx) => tx.update(classes).set({ defaultLocale }).where(eq(classes.id, classId)));
}

/** A new code for the class; the old one stops working at once (members stay members). */
export async function rotateJoinCode(db: Database, classId: string): Promise<string> {
	const { classes } = db.tables;
	return withFreshJoinCode(async (joinCode) => {
		await db.write((tx) => tx.update(classes).set({ joinCode }).where(eq(classes.id, classId)));
		return joinCode;
	});
}

export async function setClassArchived(
	db: Database,
	classId: string,
	archived: boolean,
	now = new Date()
) {
	const { classes } = db.tables;
	await db.write((tx) =>
		tx
			.update(classes)
			.set({ archivedAt: archived ? now : null })
			.where(eq(classes.id, classId))
	);
}

export type JoinResult =
	| { ok: true; classId: string; className: string; alreadyMember: boolean }
	| { ok: false; status: 400 | 404 | 409; message: string };

/** The open class a code belongs to, or why a student can't join with it. */
export async function classForJoinCode(
	db: Database,
	input: string
): Promise<{ ok: true; row: ClassRow } | { ok: false; status: 400 | 404 | 409; message: string }> {
	const code = normalizeJoinCode(input);
	if (!code) {
		return {
			ok: false,
			status: 400,
			message: m.shared_join_code_shape()
		};
	}
	const { classes } = db.tables;
	const [row] = await db.read.select().from(classes).where(eq(classes.joinCode, code));
	if (!row) {
		return {
			ok: false,
			status: 404,
			message: m.shared_join_code_unknown({ code })
		};
	}
	if (row.archivedAt) {
		// whoever typed the code may not be in the class, so its name stays out of the message
		return {
			ok: false,
			status: 409,
			message: m.shared_join_code_archived()
		};
	}
	return { ok: true, row };
}

/** Adds a student to the class a code names; joining twice is harmless. */
export async function joinClassByCode(
	db: Database,
	userId: string,
	code: string,
	now = new Date()
): Promise<JoinResult> {
	const found = await classForJoinCode(db, code);
	if (!found.ok) return found;
	const alreadyMember = !(await addMember(db, found.row.id, userId, now));
	return { ok: true, classId: found.row.id, className: found.row.name, alreadyMember };
}

/** Returns whether the student was added (false when already a member). */
export async function addMember(db: Database, classId: string, userId: string, now = new Date()) {
	const { classMembers } = db.tables;
	const inserted = await db.write((tx) =>
		tx
			.insert(classMembers)
			.values({ classId, userId, joinedAt: now })
			.onConflictDoNothing()
			.returning({ userId: classMembers.userId })
	);
	return inserted.length > 0;
}

export interface ClassMember {
	id: string;
	username: string;
	displayName: string;
	joinedAt: Date;
}

/** The students of a class, by name. */
export async function classMembersOf(db: Database, classId: string): Promise<ClassMember[]> {
	const { classMembers, users } = db.tables;
	return db.read
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			joinedAt: classMembers.joinedAt
		})
		.from(classMembers)
		.innerJoin(users, eq(users.id, classMembers.userId))
		.where(eq(classMembers.classId, classId))
		.orderBy(asc(users.displayName), asc(users.username));
}

export async function isMember(db: Database, classId: string, userId: string): Promise<boolean> {
	const { classMembers } = db.tables;
	const [row] = await db.read
		.select({ userId: classMembers.userId })
		.from(classMembers)
		.where(and(eq(classMembers.classId, classId), eq(classMembers.userId, userId)));
	return Boolean(row);
}

/** Takes a student out of a class; their attempts, answers and review cards stay theirs. */
export async function removeMember(db: Database, classId: string, userId: string) {
	const { classMembers } = db.tables;
	const removed = await db.write((tx) =>
		tx
			.delete(classMembers)
			.where(and(eq(classMembers.classId, classId), eq(classMembers.userId, userId)))
			.returning({ userId: classMembers.userId })
	);
	return removed.length > 0;
}

export interface StudentClass {
	id: string;
	name: string;
	teacherName: string;
}

/** The open classes a student belongs to. */
export async function studentClasses(db: Database, userId: string): Promise<StudentClass[]> {
	const { classMembers, classes, users } = db.tables;
	return db.read
		.select({ id: classes.id, name: classes.name, teacherName: users.displayName })
		.from(classMembers)
		.innerJoin(classes, eq(classes.id, classMembers.classId))
		.innerJoin(users, eq(users.id, classes.teacherId))
		.where(and(eq(classMembers.userId, userId), isNull(classes.archivedAt)))
		.orderBy(asc(classes.name));
}

/** Ids of the given users who are members of the class: a teacher acts only on their own students. */
export async function membersAmong(db: Database, classId: string, userIds: string[]) {
	if (userIds.length === 0) return new Set<string>();
	const { classMembers } = db.tables;
	const rows = await db.read
		.select({ userId: classMembers.userId })
		.from(classMembers)
		.where(and(eq(classMembers.classId, classId), inArray(classMembers.userId, userIds)));
	return new Set(rows.map((r) => r.userId));
}
