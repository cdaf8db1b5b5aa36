import type { Role } from '../../roles';
import type { Database } from '../db/database';
import { createAccount, type NewAccount } from './accounts';
import { convertGuest } from './guests';
import { limits, releaseAttempts, reserveAttempt } from './rate-limit';
import { openTeacherSignUp } from './site-settings';

/** Who /signup makes: students always; teachers only while open teacher sign-up is on. */
export type SignUpKind = 'student' | 'teacher';

export function signUpKinds(): SignUpKind[] {
	return openTeacherSignUp() ? ['student', 'teacher'] : ['student'];
}

export type SignUpResult =
	| { ok: true; userId: string; role: Role }
	| { ok: false; reason: 'teacher-sign-up-closed' | 'taken' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/**
 * Creates the account (a guest's record becomes it, so what they answered stays theirs). Every account made
 * from an address counts, so one address can't mint accounts by the thousand.
 */
export async function signUp(
	db: Database,
	request: {
		kind: SignUpKind;
		account: Omit<NewAccount, 'role'>;
		guestId: string | null;
		ipAddress: string;
	},
	now = new Date()
): Promise<SignUpResult> {
	if (!signUpKinds().includes(request.kind)) return { ok: false, reason: 'teacher-sign-up-closed' };
	const allowance = await reserveAttempt(
		db,
		[{ limit: limits.signUpAddress, key: request.ipAddress }],
		now
	);
	if (!allowance.allowed) {
		return { ok: false, reason: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds };
	}
	const account = { ...request.account, role: request.kind };
	const created = request.guestId
		? await convertGuest(db, request.guestId, account).then((converted) =>
				converted.ok ? { ok: true as const, userId: request.guestId! } : converted
			)
		: await createAccount(db, account).then((result) =>
				result.ok ? { ok: true as const, userId: result.user.id } : result
			);
	if (created.ok) return { ok: true, userId: created.userId, role: account.role };
	// no account was made, so the try does not count against the address
	await releaseAttempts(db, allowance.attemptIds);
	return { ok: false, reason: 'taken' };
}
