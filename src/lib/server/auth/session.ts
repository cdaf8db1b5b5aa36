import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, count, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/database';

const dayInMs = 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * dayInMs;
/** a session used within its last 15 days is extended to a fresh 30 */
const renewWithinMs = 15 * dayInMs;

export const sessionCookieName = 'evidencia_session';

/** 160 random bits for the cookie; only their SHA-256 reaches the database. */
export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Database, token: string, userId: string, now = new Date()) {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + sessionLifetimeMs),
		createdAt: now
	};
	await db.write((tx) => tx.insert(db.tables.sessions).values(session));
	return session;
}

export async function validateSessionToken(db: Database, token: string, now = new Date()) {
	const { sessions, users } = db.tables;
	const sessionId = sessionIdFromToken(token);
	const [row] = await db.read
		// only what pages need: never the password hash
		.select({
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				role: users.role,
				isGuest: users.isGuest,
				locale: users.locale
			},
			session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId));
	if (!row) return { session: null, user: null };

	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime()) {
		await db.write((tx) => tx.delete(sessions).where(eq(sessions.id, session.id)));
		return { session: null, user: null };
	}
	if (now.getTime() >= session.expiresAt.getTime() - renewWithinMs) {
		session.expiresAt = new Date(now.getTime() + sessionLifetimeMs);
		await db.write((tx) =>
			tx.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, session.id))
		);
	}
	return { session, user };
}

export type SessionValidationResult = Awaited<ReturnType<typeof validateSessionToken>>;
/** who is signed in; `locale` (their chosen language) is left out where a user is made by hand, as in tests */
export type SessionUser = Omit<NonNullable<SessionValidationResult['user']>, 'locale'> & {
	locale?: NonNullable<SessionValidationResult['user']>['locale'];
};

export async function invalidateSession(db: Database, sessionId: string) {
	await db.write((tx) => tx.delete(db.tables.sessions).where(eq(db.tables.sessions.id, sessionId)));
}

/** How many browsers or devices this account is signed in on right now. */
export async function countUserSessions(db: Database, userId: string, now = new Date()) {
	const { sessions } = db.tables;
	const [row] = await db.read
		.select({ n: count() })
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
	return row?.n ?? 0;
}

export async function invalidateUserSessions(db: Database, userId: string) {
	await db.write((tx) =>
		tx.delete(db.tables.sessions).where(eq(db.tables.sessions.userId, userId))
	);
}
