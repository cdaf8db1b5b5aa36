import { and, eq } from 'drizzle-orm';
import { isUniqueViolation, type Database } from '../db/database';
import { newId } from '../ids';
import { hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
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
 * nothing: one transaction, retried with new usernames if one is taken meanwhile.
 */
export async function addStudentsWithCards(
	db: Database,
	classId: string,
	displayNames: string[],
	now = new Date()
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
			});
			return cards;
		} catch (error) {
			if (!isUniqueViolation(error) || attempt >= 4) throw error;
		}
	}
}

/**
 * A teacher's reset for a student of their class who forgot their password: a new card, and every session
 * of the old password ends. Null when the student is not in this class.
 */
export async function resetStudentPassword(
	db: Database,
	classId: string,
	studentId: string
): Promise<LoginCard | null> {
	const { users, classMembers } = db.tables;
	const [student] = await db.read
		.select({ id: users.id, username: users.username, displayName: users.displayName })
		.from(classMembers)
		.innerJoin(users, eq(users.id, classMembers.userId))
		.where(
			and(
				eq(classMembers.classId, classId),
				eq(classMembers.userId, studentId),
				eq(users.role, 'student')
			)
		);
	if (!student) return null;
	const password = generateCardPassword();
	const passwordHash = await hashPassword(password);
	await db.write((tx) => tx.update(users).set({ passwordHash }).where(eq(users.id, student.id)));
	await invalidateUserSessions(db, student.id);
	return {
		userId: student.id,
		displayName: student.displayName,
		username: student.username,
		password
	};
}
