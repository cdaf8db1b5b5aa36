import { eq } from 'drizzle-orm';
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
	const [attempts, responses, sectionReads, reviewCards, sessions] = await Promise.all([
		db.read.select().from(t.attempts).where(eq(t.attempts.userId, userId)),
		db.read.select().from(t.responses).where(eq(t.responses.userId, userId)),
		db.read.select().from(t.sectionReads).where(eq(t.sectionReads.userId, userId)),
		db.read.select().from(t.reviewCards).where(eq(t.reviewCards.userId, userId)),
		db.read
			.select({ createdAt: t.sessions.createdAt, expiresAt: t.sessions.expiresAt })
			.from(t.sessions)
			.where(eq(t.sessions.userId, userId))
	]);
	return {
		exportedFrom: 'Evidencia',
		account: user,
		attempts,
		responses,
		sectionsRead: sectionReads,
		reviewCards,
		// only dates: the session ids are secrets even from their owner's downloads
		sessions
	};
}

/** Deletes the account and, through the foreign keys' cascades, every row that belongs to it. */
export async function deleteAccount(db: Database, userId: string): Promise<boolean> {
	const deleted = await db.write((tx) =>
		tx
			.delete(db.tables.users)
			.where(eq(db.tables.users.id, userId))
			.returning({ id: db.tables.users.id })
	);
	return deleted.length === 1;
}
