import { and, eq } from 'drizzle-orm';
import type { Role } from '../../roles';
import { isUniqueViolation, type Database, type Queryable } from '../db/database';
import { m } from '../../i18n';
import { newId } from '../ids';
import { hashPassword } from '../auth/password';
import { generateCardPassword } from './join-codes';

/** What a printed login card shows: the password exists only on this card, never in the database. */
export interface LoginCard {
	userId: string;
	displayName: string;
	username: string;
	password: string;
}

/** A username from a name: its first word in plain lower-case letters, then four digits. */
export function usernameFor(displayName: string): string {
	const firstWord = displayName
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/\s+/)
		.map((word) => word.replace(/[^a-z0-9]/g, ''))
		.find((word) => word.length > 0);
	const stem = (firstWord ?? 'student').slice(0, 12);
	const digits = String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 10_000).padStart(
		4,
		'0'
	);
	return `${stem}-${digits}`;
}

/**
 * Creates one student account per name, adds them all to the class and returns their login cards. All or
 * nothing: one transaction (`alsoInside` runs in it too), retried with new usernames if one is taken meanwhile.
 */
export async function addStudentsWithCards(
	db: Database,
	classId: string,
	displayNames: string[],
	now = new Date(),
	alsoInside?: (tx: Queryable, cards: LoginCard[]) => Promise<void>
): Promise<LoginCard[]> {
	const passwords = displayNames.map(() => generateCardPassword());
	const hashes = await Promise.all(passwords.map((password) => hashPassword(password)));
	const { users, classMembers } = db.tables;
	for (let attempt = 0; ; attempt++) {
		const cards = displayNames.map((displayName, index) => ({
			userId: newId(),
			displayName,
			username: usernameFor(displayName),
			password: passwords[index] as string
		}));
		if (new Set(cards.map((c) => c.username)).size < cards.length) continue;
		try {
			await db.write(async (tx) => {
				await tx.insert(users).values(
					cards.map((card, index) => ({
						id: card.userId,
						username: card.username,
						email: null,
						displayName: card.displayName,
						role: 'student' as const,
						passwordHash: hashes[index] as string,
						createdAt: now
					}))
				);
				await tx
					.insert(classMembers)
					.values(cards.map((card) => ({ classId, userId: card.userId, joinedAt: now })));
				await alsoInside?.(tx, cards);
			});
			return cards;
		} catch (error) {
			if (!isUniqueViolation(error) || attempt >= 4) throw error;
		}
	}
}

export type ResetResult =
	{ ok: true; card: LoginCard } | { ok: false; status: 403 | 404; message: string };

/** Made when called, so it is in the request's language. */
export const notInClassMessage = () => m.shared_reset_not_in_class();

/** Why a teacher can't reset the password of a student another teacher also teaches. */
export const sharedStudentMessage = () => m.shared_reset_shared_student();

/**
 * A teacher's reset for a student of their class who forgot their password: a new card, and every session
 * of the old password ends. Only for a student who is in no other teacher's class (a class is no way into
 * someone else's student's account); an admin may reset any student. Never a teacher's or admin's password.
 */
export async function resetStudentPassword(
	db: Database,
	input: { classId: string; studentId: string; resetBy: { id: string; role: Role } }
): Promise<ResetResult> {
	return replacePassword(db, input.studentId, notInClassMessage(), async (tx) => {
		const { classMembers, classes } = db.tables;
		const memberships = await tx
			.select({ classId: classMembers.classId, teacherId: classes.teacherId })
			.from(classMembers)
			.innerJoin(classes, eq(classes.id, classMembers.classId))
			.where(eq(classMembers.userId, input.studentId));
		const inClass = memberships.some(
			(m) => m.classId === input.classId && m.teacherId === input.resetBy.id
		);
		if (!inClass) return { ok: false, status: 404, message: notInClassMessage() };
		const sharedWithAnotherTeacher = memberships.some((m) => m.teacherId !== input.resetBy.id);
		if (sharedWithAnotherTeacher && input.resetBy.role !== 'admin') {
			return { ok: false, status: 403, message: sharedStudentMessage() };
		}
		return null;
	});
}

/** An admin's reset of any student's password, in a class or not; never a teacher's or admin's. */
export async function resetPasswordAsAdmin(db: Database, studentId: string): Promise<ResetResult> {
	return replacePassword(db, studentId, m.shared_reset_no_account(), async () => null);
}

/**
 * Gives a student account (never a teacher's, an admin's or a guest record) a new card password and ends
 * its sessions, in one transaction, once `refusal` (run inside it) finds no reason not to.
 */
async function replacePassword(
	db: Database,
	studentId: string,
	notFoundMessage: string,
	refusal: (tx: Queryable) => Promise<Extract<ResetResult, { ok: false }> | null>
): Promise<ResetResult> {
	const password = generateCardPassword();
	const passwordHash = await hashPassword(password);
	const { users, sessions } = db.tables;
	return db.write(async (tx): Promise<ResetResult> => {
		const [student] = await tx
			.select({ id: users.id, username: users.username, displayName: users.displayName })
			.from(users)
			.where(and(eq(users.id, studentId), eq(users.role, 'student'), eq(users.isGuest, false)));
		if (!student) return { ok: false, status: 404, message: notFoundMessage };
		const refused = await refusal(tx);
		if (refused) return refused;
		await tx.update(users).set({ passwordHash }).where(eq(users.id, student.id));
		await tx.delete(sessions).where(eq(sessions.userId, student.id));
		return {
			ok: true,
			card: {
				userId: student.id,
				displayName: student.displayName,
				username: student.username,
				password
			}
		};
	});
}
