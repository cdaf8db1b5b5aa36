import { eq, or } from 'drizzle-orm';
import type { Role } from '../../roles';
import { isUniqueViolation, type Database } from '../db/database';
import { newId } from '../ids';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { limits, releaseAttempts, reserveAttempt } from './rate-limit';
import { invalidateUserSessions } from './session';

export interface NewAccount {
	username: string;
	email?: string | null;
	displayName: string;
	role: Role;
	password: string;
}

export type CreateAccountResult =
	{ ok: true; user: { id: string; username: string; role: Role } } | { ok: false; reason: 'taken' };

export async function createAccount(
	db: Database,
	account: NewAccount
): Promise<CreateAccountResult> {
	const passwordHash = await hashPassword(account.password);
	const user = {
		id: newId(),
		username: account.username.toLowerCase(),
		email: account.email?.toLowerCase() ?? null,
		displayName: account.displayName,
		role: account.role,
		passwordHash
	};
	try {
		await db.write((tx) => tx.insert(db.tables.users).values(user));
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'taken' };
		throw error;
	}
	return { ok: true, user: { id: user.id, username: user.username, role: user.role } };
}

/** Teachers (and admins) sign in with an email, which is also their username. */
export function createStaffAccount(
	db: Database,
	form: { name: string; email: string; password: string },
	role: Extract<Role, 'teacher' | 'admin'> = 'teacher'
) {
	return createAccount(db, {
		username: form.email,
		email: form.email,
		displayName: form.name,
		role,
		password: form.password
	});
}

export type SignInResult =
	| { ok: true; userId: string; role: Role }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate-limited'; retryAt: Date; retryAfterSeconds: number };

/**
 * Checks a login (username or email) and password; every failure looks the same to the caller's user.
 * The guess is counted before the password is verified, so a burst of parallel requests verifies no more
 * passwords than the limits allow; a right password takes its count back.
 */
export async function authenticate(
	db: Database,
	credentials: { login: string; password: string; ipAddress: string },
	now = new Date()
): Promise<SignInResult> {
	const login = credentials.login.toLowerCase();
	const allowance = await reserveAttempt(
		db,
		[
			{ limit: limits.signInAccount, key: login },
			{ limit: limits.signInAddress, key: credentials.ipAddress }
		],
		now
	);
	if (!allowance.allowed) {
		const { retryAt, retryAfterSeconds } = allowance;
		return { ok: false, reason: 'rate-limited', retryAt, retryAfterSeconds };
	}

	const { users } = db.tables;
	const [user] = await db.read
		.select({ id: users.id, role: users.role, passwordHash: users.passwordHash })
		.from(users)
		.where(or(eq(users.username, login), eq(users.email, login)))
		.limit(1);
	const valid = user
		? await verifyPassword(user.passwordHash, credentials.password)
		: await verifyAgainstDecoy(credentials.password);
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	await releaseAttempts(db, allowance.attemptIds);
	return { ok: true, userId: user.id, role: user.role };
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong-current-password' };

/** Changes a password and signs the account out everywhere else (the caller starts a new session). */
export async function changePassword(
	db: Database,
	userId: string,
	currentPassword: string,
	newPassword: string
): Promise<ChangePasswordResult> {
	const { users } = db.tables;
	const [user] = await db.read
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
		return { ok: false, reason: 'wrong-current-password' };
	}
	const passwordHash = await hashPassword(newPassword);
	await db.write((tx) => tx.update(users).set({ passwordHash }).where(eq(users.id, userId)));
	await invalidateUserSessions(db, userId);
	return { ok: true };
}
