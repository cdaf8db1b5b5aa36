import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { authenticate, changePassword, createAccount, createStaffAccount } from './accounts';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken,
	sessionLifetimeMs,
	validateSessionToken
} from './session';

const day = 24 * 60 * 60 * 1000;
const signInWindowMs = 15 * 60 * 1000;

describeOnEachEngine('accounts, sessions and sign-in limits', (getDb) => {
	it('creates a teacher whose email is the username, and refuses the same email twice in any case', async () => {
		const db = getDb();
		const first = await createStaffAccount(db, {
			name: 'Ana Ruiz',
			email: 'ana@school.org',
			password: 'a long password'
		});
		const again = await createStaffAccount(db, {
			name: 'Someone Else',
			email: 'ANA@school.org',
			password: 'another password'
		});
		expect(first).toMatchObject({
			ok: true,
			user: { username: 'ana@school.org', role: 'teacher' }
		});
		expect(again).toEqual({ ok: false, reason: 'taken' });
	});

	it('creates a student without an email', async () => {
		const db = getDb();
		const created = await createAccount(db, {
			username: 'Student-One',
			displayName: 'Student One',
			role: 'student',
			password: 'student password'
		});
		expect(created).toMatchObject({ ok: true, user: { username: 'student-one', role: 'student' } });
		const [row] = await db.read
			.select({ email: db.tables.users.email, hash: db.tables.users.passwordHash })
			.from(db.tables.users)
			.where(eq(db.tables.users.username, 'student-one'));
		expect(row?.email).toBeNull();
		expect(row?.hash).toMatch(/^\$argon2id\$/);
	});

	it('signs in by username or email, and fails the same way for a wrong password and an unknown account', async () => {
		const db = getDb();
		await createStaffAccount(db, {
			name: 'B',
			email: 'b@school.org',
			password: 'right password'
		});
		const byEmail = await authenticate(db, {
			login: 'B@School.org',
			password: 'right password',
			ipAddress: '10.0.0.1'
		});
		const wrong = await authenticate(db, {
			login: 'b@school.org',
			password: 'wrong password',
			ipAddress: '10.0.0.1'
		});
		const unknown = await authenticate(db, {
			login: 'nobody@school.org',
			password: 'right password',
			ipAddress: '10.0.0.1'
		});
		expect(byEmail.ok).toBe(true);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('refuses the 6th attempt on one account within 15 minutes, even with the right password, then lifts', async () => {
		const db = getDb();
		await createStaffAccount(db, {
			name: 'C',
			email: 'c@school.org',
			password: 'right password'
		});
		const start = new Date('2026-01-05T10:00:00Z');
		for (let i = 0; i < 5; i++) {
			const at = new Date(start.getTime() + i * 60_000);
			const result = await authenticate(
				db,
				{ login: 'c@school.org', password: `wrong ${i}`, ipAddress: `10.0.1.${i}` },
				at
			);
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		const sixth = await authenticate(
			db,
			{ login: 'c@school.org', password: 'right password', ipAddress: '10.0.1.99' },
			new Date(start.getTime() + 6 * 60_000)
		);
		expect(sixth).toEqual({
			ok: false,
			reason: 'rate-limited',
			retryAt: new Date(start.getTime() + signInWindowMs),
			retryAfterSeconds: 9 * 60
		});
		const afterWindow = await authenticate(
			db,
			{ login: 'c@school.org', password: 'right password', ipAddress: '10.0.1.99' },
			new Date(start.getTime() + signInWindowMs + 1)
		);
		expect(afterWindow.ok).toBe(true);
	});

	it('refuses an address after 30 failures across accounts', async () => {
		const db = getDb();
		const start = new Date('2026-02-01T08:00:00Z');
		for (let i = 0; i < 30; i++) {
			await authenticate(
				db,
				{ login: `guess-${i}`, password: 'x', ipAddress: '192.0.2.7' },
				new Date(start.getTime() + i * 1000)
			);
		}
		const blocked = await authenticate(
			db,
			{ login: 'guess-new', password: 'x', ipAddress: '192.0.2.7' },
			new Date(start.getTime() + 31_000)
		);
		const otherAddress = await authenticate(
			db,
			{ login: 'guess-new', password: 'x', ipAddress: '192.0.2.8' },
			new Date(start.getTime() + 31_000)
		);
		expect(blocked).toMatchObject({ ok: false, reason: 'rate-limited' });
		expect(otherAddress).toEqual({ ok: false, reason: 'invalid' });
	});

	// all wrong: which 5 of a parallel burst are verified depends on scheduling, and a right one among them
	// would (rightly) not count against the limit
	it('verifies at most 5 passwords for a burst of 40 parallel wrong guesses, then refuses even the right one', async () => {
		const db = getDb();
		await createStaffAccount(db, { name: 'D', email: 'd@school.org', password: 'right password' });
		const now = new Date('2026-03-02T09:00:00Z');
		const guesses = Array.from({ length: 40 }, (_, i) => `guess ${i}`);
		const results = await Promise.all(
			guesses.map((password, i) =>
				authenticate(db, { login: 'd@school.org', password, ipAddress: `198.51.100.${i}` }, now)
			)
		);
		expect(results.filter((result) => !result.ok && result.reason === 'invalid').length).toBe(5);
		expect(results.filter((result) => !result.ok && result.reason === 'rate-limited').length).toBe(
			35
		);
		// the burst is over: the account stays closed to the right password for the window
		const after = await authenticate(
			db,
			{ login: 'd@school.org', password: 'right password', ipAddress: '198.51.100.200' },
			new Date(now.getTime() + 60_000)
		);
		expect(after).toMatchObject({ ok: false, reason: 'rate-limited' });
	});

	it('verifies at most 30 passwords from one address for a parallel burst over many accounts', async () => {
		const db = getDb();
		const now = new Date('2026-03-03T09:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 45 }, (_, i) =>
				authenticate(db, { login: `spray-${i}`, password: 'x', ipAddress: '203.0.113.9' }, now)
			)
		);
		expect(results.filter((result) => !result.ok && result.reason === 'invalid').length).toBe(30);
	});

	it('does not count a right password against the limit', async () => {
		const db = getDb();
		await createStaffAccount(db, { name: 'E', email: 'e@school.org', password: 'right password' });
		const start = new Date('2026-03-04T09:00:00Z');
		for (let i = 0; i < 8; i++) {
			const result = await authenticate(
				db,
				{ login: 'e@school.org', password: 'right password', ipAddress: '10.9.9.9' },
				new Date(start.getTime() + i * 1000)
			);
			expect(result.ok).toBe(true);
		}
	});

	it('stores only the SHA-256 of a session token and validates the token back to its user', async () => {
		const db = getDb();
		const created = await createAccount(db, {
			username: 'session-user',
			displayName: 'Session User',
			role: 'student',
			password: 'a password'
		});
		if (!created.ok) throw new Error('setup failed');
		const token = generateSessionToken();
		await createSession(db, token, created.user.id);

		const stored = await db.read.select().from(db.tables.sessions);
		expect(stored.map((s) => s.id)).not.toContain(token);
		expect(stored.map((s) => s.id)).toContain(sessionIdFromToken(token));
		const { user, session } = await validateSessionToken(db, token);
		expect(user).toEqual({
			id: created.user.id,
			username: 'session-user',
			displayName: 'Session User',
			role: 'student',
			isGuest: false,
			// no language chosen yet: unprefixed pages open in the address's language
			locale: null
		});
		expect(user).not.toHaveProperty('passwordHash');
		expect(session?.id).toBe(sessionIdFromToken(token));
		expect(await validateSessionToken(db, generateSessionToken())).toEqual({
			user: null,
			session: null
		});
	});

	it('slides the expiry forward when a session is used in its last 15 days, and deletes an expired one', async () => {
		const db = getDb();
		const created = await createAccount(db, {
			username: 'sliding',
			displayName: 'Sliding',
			role: 'student',
			password: 'a password'
		});
		if (!created.ok) throw new Error('setup failed');
		const start = new Date('2026-03-01T00:00:00Z');
		const token = generateSessionToken();
		await createSession(db, token, created.user.id, start);

		const early = await validateSessionToken(db, token, new Date(start.getTime() + 5 * day));
		expect(early.session?.expiresAt).toEqual(new Date(start.getTime() + sessionLifetimeMs));
		const late = new Date(start.getTime() + 20 * day);
		const renewed = await validateSessionToken(db, token, late);
		expect(renewed.session?.expiresAt).toEqual(new Date(late.getTime() + sessionLifetimeMs));

		const expired = await validateSessionToken(
			db,
			token,
			new Date(late.getTime() + sessionLifetimeMs)
		);
		expect(expired).toEqual({ user: null, session: null });
		const rows = await db.read
			.select()
			.from(db.tables.sessions)
			.where(eq(db.tables.sessions.id, sessionIdFromToken(token)));
		expect(rows).toEqual([]);
	});

	it('changes a password only with the current one, and signs the account out everywhere', async () => {
		const db = getDb();
		const created = await createAccount(db, {
			username: 'changer',
			displayName: 'Changer',
			role: 'teacher',
			password: 'old password 1'
		});
		if (!created.ok) throw new Error('setup failed');
		const token = generateSessionToken();
		await createSession(db, token, created.user.id);

		const refused = await changePassword(db, created.user.id, 'not it', 'new password 22');
		const changed = await changePassword(db, created.user.id, 'old password 1', 'new password 22');
		const withOld = await authenticate(db, {
			login: 'changer',
			password: 'old password 1',
			ipAddress: '10.9.9.9'
		});
		const withNew = await authenticate(db, {
			login: 'changer',
			password: 'new password 22',
			ipAddress: '10.9.9.9'
		});

		expect(refused).toEqual({ ok: false, reason: 'wrong-current-password' });
		expect(changed).toEqual({ ok: true });
		expect(withOld.ok).toBe(false);
		expect(withNew.ok).toBe(true);
		expect((await validateSessionToken(db, token)).session).toBeNull();
	});

	it('signs out one session without touching the others', async () => {
		const db = getDb();
		const created = await createAccount(db, {
			username: 'two-devices',
			displayName: 'Two Devices',
			role: 'student',
			password: 'a password'
		});
		if (!created.ok) throw new Error('setup failed');
		const phone = generateSessionToken();
		const laptop = generateSessionToken();
		await createSession(db, phone, created.user.id);
		await createSession(db, laptop, created.user.id);
		await invalidateSession(db, sessionIdFromToken(phone));
		expect((await validateSessionToken(db, phone)).user).toBeNull();
		expect((await validateSessionToken(db, laptop)).user?.id).toBe(created.user.id);
	});
});

describe('session tokens', () => {
	it('are long, random and URL-safe', () => {
		const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
		expect(tokens.size).toBe(100);
		for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
	});
});
