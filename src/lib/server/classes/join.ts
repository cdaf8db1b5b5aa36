import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation, type Database } from '../db/database';
import { newId } from '../ids';
import { newPassword, usernameField } from '../auth/forms';
import { hashPassword } from '../auth/password';
import { limits, releaseAttempts, reserveAttempt, waitInWords } from '../auth/rate-limit';
import type { SessionUser } from '../auth/session';
import { textField } from '../forms';
import { m } from '$lib/i18n';
import { addMember, classForJoinCode, type ClassRow, type JoinResult } from './classes';
import { normalizeJoinCode } from './join-codes';

/**
 * Who is joining decides the form: a student account joins with the code alone; a visitor (or a guest
 * record, whose progress must be kept) creates a student account without email on the same form; teachers
 * don't join classes.
 */
export type JoinAudience = 'student' | 'newcomer' | 'teacher';

export function joinAudience(user: SessionUser | null): JoinAudience {
	if (!user || user.isGuest) return 'newcomer';
	return user.role === 'student' ? 'student' : 'teacher';
}

export const teachersDontJoinMessage = () => m.join_teachers_dont_join();

export { usernameRule } from '../auth/forms';

export const maxDisplayNameLength = 60;

// Forms

const classCode = () => textField(() => m.join_code_label(), { max: 20 });

export const joinForm = z.object({ code: classCode() });

export const joinWithAccountForm = z
	.object({
		code: classCode(),
		name: textField(() => m.form_your_name_label(), { max: maxDisplayNameLength }),
		username: usernameField(),
		password: newPassword(),
		confirmPassword: z.string({ error: () => m.join_type_password_again() })
	})
	.refine((form) => form.password === form.confirmPassword, {
		path: ['confirmPassword'],
		error: () => m.join_passwords_differ()
	});

/** Past a limit of wrong codes: the 429's message and its Retry-After. */
export type TooManyCodes = {
	ok: false;
	status: 429;
	message: string;
	retryAfterSeconds: number;
};

export function tooManyCodesMessage(retryAfterSeconds: number): string {
	return m.join_too_many_codes({ wait: waitInWords(retryAfterSeconds) });
}

/**
 * Looks a code up as a guess that counts: reserved against the account (if any) and the address before
 * the lookup, so parallel guesses can't slip past the limits, and given back when the code named an open
 * class. A code of the wrong shape is refused before it counts: it can never name a class.
 */
async function lookUpCountingGuesses(
	db: Database,
	code: string,
	guesser: { userId: string | null; address: string },
	now: Date
): Promise<Awaited<ReturnType<typeof classForJoinCode>> | TooManyCodes> {
	if (!normalizeJoinCode(code)) return classForJoinCode(db, code);
	const checks = [
		...(guesser.userId ? [{ limit: limits.joinCodeAccount, key: guesser.userId }] : []),
		{ limit: limits.joinCodeAddress, key: guesser.address }
	];
	const allowance = await reserveAttempt(db, checks, now);
	if (!allowance.allowed) {
		const { retryAfterSeconds } = allowance;
		return {
			ok: false,
			status: 429,
			message: tooManyCodesMessage(retryAfterSeconds),
			retryAfterSeconds
		};
	}
	const found = await classForJoinCode(db, code);
	if (found.ok) await releaseAttempts(db, allowance.attemptIds);
	return found;
}

/** A signed-in student joins with a code; joining a class twice is harmless. Wrong codes are limited. */
export async function joinAsStudent(
	db: Database,
	userId: string,
	code: string,
	address: string,
	now = new Date()
): Promise<JoinResult | TooManyCodes> {
	const found = await lookUpCountingGuesses(db, code, { userId, address }, now);
	if (!found.ok) return found;
	const row: ClassRow = found.row;
	const alreadyMember = !(await addMember(db, row.id, userId, now));
	return { ok: true, classId: row.id, className: row.name, alreadyMember };
}

export type NewStudentJoin =
	| { ok: true; userId: string; classId: string; className: string }
	| { ok: false; status: 400 | 404 | 409; field: 'code' | 'username'; message: string }
	| (TooManyCodes & { field: 'code' });

/**
 * A visitor joins a class: a student account without email (or their guest record, converted in place so
 * everything they did as a guest stays theirs) and its membership, in one transaction. The code is checked
 * first, so a wrong code creates nothing (and counts against the address); a taken username stores
 * nothing either.
 */
export async function joinWithNewAccount(
	db: Database,
	input: { code: string; name: string; username: string; password: string },
	guestId: string | null,
	address: string,
	now = new Date()
): Promise<NewStudentJoin> {
	const found = await lookUpCountingGuesses(db, input.code, { userId: null, address }, now);
	if (!found.ok) return { ...found, field: 'code' };
	const passwordHash = await hashPassword(input.password);
	const { users, classes, classMembers } = db.tables;
	const account = {
		username: input.username.toLowerCase(),
		email: null,
		displayName: input.name,
		role: 'student' as const,
		passwordHash,
		isGuest: false
	};
	try {
		return await db.write(async (tx): Promise<NewStudentJoin> => {
			// the code may have been changed or the class archived since it was checked
			const [open] = await tx
				.select({ id: classes.id, name: classes.name })
				.from(classes)
				.where(
					and(
						eq(classes.id, found.row.id),
						eq(classes.joinCode, found.row.joinCode),
						isNull(classes.archivedAt)
					)
				);
			if (!open) {
				return {
					ok: false,
					status: 409,
					field: 'code',
					message: m.join_code_stopped()
				};
			}
			const converted = guestId
				? await tx
						.update(users)
						.set(account)
						.where(and(eq(users.id, guestId), eq(users.isGuest, true)))
						.returning({ id: users.id })
				: [];
			let userId = converted[0]?.id;
			if (!userId) {
				userId = newId();
				await tx.insert(users).values({ id: userId, ...account, createdAt: now });
			}
			await tx
				.insert(classMembers)
				.values({ classId: open.id, userId, joinedAt: now })
				.onConflictDoNothing();
			return { ok: true, userId, classId: open.id, className: open.name };
		});
	} catch (error) {
		if (isUniqueViolation(error)) {
			return { ok: false, status: 409, field: 'username', message: m.form_username_taken() };
		}
		throw error;
	}
}
