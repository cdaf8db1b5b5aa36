import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable, Tables } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { newId } from '../ids';
import type { NewAccount } from './accounts';
import { hashPassword } from './password';

/**
 * A visitor's record: progress made before signing up lives here, tied to a session cookie. It has no
 * usable password (not an argon2 hash), so nobody can sign in as it.
 */
export async function createGuest(db: Database, now = new Date()): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `guest-${id}`,
			email: null,
			displayName: 'Guest',
			role: 'student',
			passwordHash: '!guest',
			isGuest: true,
			createdAt: now
		})
	);
	return id;
}

/** Turns a guest into a real account in place, so every row it owns simply stays. */
export async function convertGuest(
	db: Database,
	guestId: string,
	account: Omit<NewAccount, 'role'> & { role: NewAccount['role'] }
): Promise<{ ok: true } | { ok: false; reason: 'taken' | 'not-a-guest' }> {
	const passwordHash = await hashPassword(account.password);
	const { users } = db.tables;
	try {
		const updated = await db.write((tx) =>
			tx
				.update(users)
				.set({
					username: account.username.toLowerCase(),
					email: account.email?.toLowerCase() ?? null,
					displayName: account.displayName,
					role: account.role,
					passwordHash,
					isGuest: false
				})
				.where(and(eq(users.id, guestId), eq(users.isGuest, true)))
				.returning({ id: users.id })
		);
		return updated.length === 1 ? { ok: true } : { ok: false, reason: 'not-a-guest' };
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'taken' };
		throw error;
	}
}

/**
 * A guest signed in to an existing account: their attempts, answers, read sections and review cards move to
 * the account in one transaction, then the guest record goes. Where both have a review card for the same
 * question, the account's card is kept.
 */
export async function adoptGuest(db: Database, guestId: string, accountId: string) {
	if (guestId === accountId) return;
	const t = db.tables;
	await db.write(async (tx) => {
		const [guest] = await tx
			.select({ isGuest: t.users.isGuest })
			.from(t.users)
			.where(eq(t.users.id, guestId));
		if (!guest?.isGuest) return;
		await tx.update(t.attempts).set({ userId: accountId }).where(eq(t.attempts.userId, guestId));
		await tx.update(t.responses).set({ userId: accountId }).where(eq(t.responses.userId, guestId));
		await moveSectionReads(tx, t, guestId, accountId);
		await moveReviewCards(tx, t, guestId, accountId);
		await tx.delete(t.users).where(eq(t.users.id, guestId));
	});
}

async function moveSectionReads(tx: Queryable, t: Tables, guestId: string, accountId: string) {
	const reads = await tx.select().from(t.sectionReads).where(eq(t.sectionReads.userId, guestId));
	if (reads.length > 0) {
		await tx
			.insert(t.sectionReads)
			.values(reads.map((read) => ({ ...read, userId: accountId })))
			.onConflictDoNothing();
	}
	await tx.delete(t.sectionReads).where(eq(t.sectionReads.userId, guestId));
}

async function moveReviewCards(tx: Queryable, t: Tables, guestId: string, accountId: string) {
	const owned = await tx
		.select({ questionId: t.reviewCards.questionId })
		.from(t.reviewCards)
		.where(eq(t.reviewCards.userId, accountId));
	const taken = owned.map((card) => card.questionId);
	if (taken.length > 0) {
		await tx
			.delete(t.reviewCards)
			.where(and(eq(t.reviewCards.userId, guestId), inArray(t.reviewCards.questionId, taken)));
	}
	await tx
		.update(t.reviewCards)
		.set({ userId: accountId })
		.where(eq(t.reviewCards.userId, guestId));
}
