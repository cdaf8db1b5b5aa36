import { eq } from 'drizzle-orm';
import { responsesForDownload } from '../answers/read-model';
import type { Database } from '../db/database';

/** Everything stored about one person, as they may download it: never another person's rows, never secrets. */
export async function exportUserData(db: Database, userId: string) {
	const t = db.tables;
	const [user] = await db.read
		.select({
			id: t.users.id,
			username: t.users.username,
			email: t.users.email,
			displayName: t.users.displayName,
			role: t.users.role,
			createdAt: t.users.createdAt
		})
		.from(t.users)
		.where(eq(t.users.id, userId));
	if (!user) return null;
	const [
		attempts,
		responses,
		sectionReads,
		reviewCards,
		sessions,
		classMemberships,
		teacherScores,
		classesTaught,
		lmsAccounts
	] = await Promise.all([
		db.read.select().from(t.attempts).where(eq(t.attempts.userId, userId)),
		responsesForDownload(db, userId),
		db.read.select().from(t.sectionReads).where(eq(t.sectionReads.userId, userId)),
		db.read.select().from(t.reviewCards).where(eq(t.reviewCards.userId, userId)),
		db.read
			.select({ createdAt: t.sessions.createdAt, expiresAt: t.sessions.expiresAt })
			.from(t.sessions)
			.where(eq(t.sessions.userId, userId)),
		db.read
			.select({
				classId: t.classes.id,
				className: t.classes.name,
				teacherName: t.users.displayName,
				joinedAt: t.classMembers.joinedAt
			})
			.from(t.classMembers)
			.innerJoin(t.classes, eq(t.classes.id, t.classMembers.classId))
			.innerJoin(t.users, eq(t.users.id, t.classes.teacherId))
			.where(eq(t.classMembers.userId, userId)),
		// a teacher's scores and comments on this person's written answers
		db.read
			.select({
				responseId: t.responseGrades.responseId,
				level: t.responseGrades.level,
				comment: t.responseGrades.comment,
				gradedAt: t.responseGrades.gradedAt
			})
			.from(t.responseGrades)
			.innerJoin(t.responses, eq(t.responses.id, t.responseGrades.responseId))
			.where(eq(t.responses.userId, userId)),
		// a teacher's own classes; their students' rows are the students' to download
		db.read
			.select({
				id: t.classes.id,
				name: t.classes.name,
				joinCode: t.classes.joinCode,
				archivedAt: t.classes.archivedAt,
				createdAt: t.classes.createdAt
			})
			.from(t.classes)
			.where(eq(t.classes.teacherId, userId)),
		// the LMSs this account signs in through, and its user id there
		db.read
			.select({
				lms: t.ltiPlatforms.name,
				issuer: t.ltiPlatforms.issuer,
				userIdThere: t.ltiAccounts.subject,
				since: t.ltiAccounts.createdAt
			})
			.from(t.ltiAccounts)
			.innerJoin(t.ltiPlatforms, eq(t.ltiPlatforms.id, t.ltiAccounts.platformId))
			.where(eq(t.ltiAccounts.userId, userId))
	]);
	return {
		exportedFrom: 'Evidencia',
		account: user,
		attempts,
		responses,
		sectionsRead: sectionReads,
		reviewCards,
		classMemberships,
		teacherScores,
		classesTaught,
		lmsAccounts,
		// only dates: the session ids are secrets even from their owner's downloads
		sessions
	};
}

/**
 * Deletes the account and, through the foreign keys' cascades, every row that belongs to it: a student's
 * class memberships, a teacher's classes with their assignments and members. Scores a teacher gave stay
 * with the students' answers, without the teacher's id.
 */
export async function deleteAccount(db: Database, userId: string): Promise<boolean> {
	const deleted = await db.write((tx) =>
		tx
			.delete(db.tables.users)
			.where(eq(db.tables.users.id, userId))
			.returning({ id: db.tables.users.id })
	);
	return deleted.length === 1;
}
