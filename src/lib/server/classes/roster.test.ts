import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { newId } from '../ids';
import { newStudent } from '../progress/test-content';
import { addMember, classMembersOf, createClass } from './classes';
import { addStudentsForm } from './forms';
import {
	addStudentsWithCards,
	resetPasswordAsAdmin,
	resetStudentPassword,
	usernameFor
} from './roster';

const formData = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

const cardPassword = /^[cdfghjkmnpqrtvwxyz234679]{4}(-[cdfghjkmnpqrtvwxyz234679]{4}){2}$/;

async function passwordHashOf(db: Database, userId: string): Promise<string> {
	const { users } = db.tables;
	const [row] = await db.read
		.select({ hash: users.passwordHash })
		.from(users)
		.where(eq(users.id, userId));
	if (!row) throw new Error(`no user ${userId}`);
	return row.hash;
}

async function newTeacher(db: Database): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `roster-teacher-${id}@school.org`,
			displayName: 'Teacher',
			role: 'teacher',
			passwordHash: '!test'
		})
	);
	return id;
}

describe('usernames for login cards', () => {
	it('are the first word of the name in at most 12 plain lower-case letters, then four digits', () => {
		expect(usernameFor('José Núñez')).toMatch(/^jose-\d{4}$/);
		expect(usernameFor('  Ana   María Ruiz')).toMatch(/^ana-\d{4}$/);
		// the hyphen goes, then the word is cut to 12 letters
		expect(usernameFor('Bartholomew-Alexander Smith')).toMatch(/^bartholomewa-\d{4}$/);
	});

	it('fall back to "student" when the name has no plain letters', () => {
		expect(usernameFor('李小龍')).toMatch(/^student-\d{4}$/);
		expect(usernameFor('!!! ???')).toMatch(/^student-\d{4}$/);
	});
});

describe('the add-students form', () => {
	it('takes one name per line, trimmed, skipping blank lines and keeping duplicates', () => {
		const names = '  Ana Ruiz \r\n\n\nBen Li\nAna Ruiz\n   \n';
		expect(parseForm(addStudentsForm, formData({ names }))).toEqual({
			ok: true,
			data: { names: ['Ana Ruiz', 'Ben Li', 'Ana Ruiz'] }
		});
	});

	it('accepts 40 names of 100 characters', () => {
		const names = Array.from({ length: 40 }, () => 'x'.repeat(100)).join('\n');
		const result = parseForm(addStudentsForm, formData({ names }));
		expect(result.ok && result.data.names.length).toBe(40);
	});

	it('refuses no names, 41 names and a name over 100 characters, saying why', () => {
		const refuse = (names: string) => parseForm(addStudentsForm, formData({ names }));
		expect(refuse(' \n\n ')).toMatchObject({
			ok: false,
			fieldErrors: { names: 'Enter at least one student name, one name per line.' }
		});
		expect(refuse(Array.from({ length: 41 }, (_, i) => `Student ${i}`).join('\n'))).toMatchObject({
			ok: false,
			fieldErrors: {
				names:
					'Add at most 40 students at a time; there are 41 names. Split the list and add the rest next.'
			}
		});
		const long = refuse(`Ana\n${'y'.repeat(101)}`);
		expect(long.ok).toBe(false);
		if (!long.ok) expect(long.fieldErrors.names).toMatch(/^Name 2 .* is longer than 100/);
	});

	it('refuses a name of only zero-width characters or with control characters, naming the line', () => {
		const refuse = (names: string) => parseForm(addStudentsForm, formData({ names }));
		expect(refuse('Ana\n\u200b\u200b')).toMatchObject({
			ok: false,
			fieldErrors: { names: 'Name 2 has no visible characters.' }
		});
		expect(refuse('Ana\nBen\nC\u001by\u202e')).toMatchObject({
			ok: false,
			fieldErrors: { names: 'Name 3 has invisible or control characters. Type it again by hand.' }
		});
		// emoji, right-to-left letters and a joiner inside emoji are what people really type
		expect(refuse('Zoë 🌟\nسارة\n👩\u200d🏫 Ms Ruiz')).toMatchObject({ ok: true });
	});
});

describeOnEachEngine('login cards and password resets', (getDb) => {
	it('makes one student account per name, with unique usernames and working passwords, all in the class', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Cards');
		const names = ['Ana Ruiz', 'Ana Ruiz', 'Ben Li', 'José Núñez'];

		const cards = await addStudentsWithCards(db, row.id, names, new Date(Date.UTC(2025, 8, 1)));

		expect(cards.map((c) => c.displayName)).toEqual(names);
		expect(new Set(cards.map((c) => c.username)).size).toBe(4);
		expect(new Set(cards.map((c) => c.userId)).size).toBe(4);
		for (const card of cards) {
			expect(card.password).toMatch(cardPassword);
			expect(await verifyPassword(await passwordHashOf(db, card.userId), card.password)).toBe(true);
		}
		// each password opens only its own account
		const [first, second] = cards;
		if (!first || !second) throw new Error('expected cards');
		expect(await verifyPassword(await passwordHashOf(db, first.userId), second.password)).toBe(
			false
		);
		const { users } = db.tables;
		const stored = await db.read
			.select({ role: users.role, email: users.email, hash: users.passwordHash })
			.from(users)
			.where(
				inArray(
					users.id,
					cards.map((c) => c.userId)
				)
			);
		expect(stored).toHaveLength(4);
		for (const user of stored) {
			expect(user).toMatchObject({ role: 'student', email: null });
			expect(user.hash).not.toContain(cards[0]?.password);
		}
		const members = await classMembersOf(db, row.id);
		expect(members.map((m) => m.id).sort()).toEqual(cards.map((c) => c.userId).sort());
		expect(members.every((m) => m.joinedAt.getTime() === Date.UTC(2025, 8, 1))).toBe(true);
	});

	it('stores nothing when the accounts cannot all be added', async () => {
		const db = getDb();
		const { users } = db.tables;
		const before = await db.read.select({ id: users.id }).from(users);

		// the class does not exist, so adding the members fails after the users were inserted
		const adding = addStudentsWithCards(db, 'no-such-class', ['Rollback One', 'Rollback Two']);

		await expect(adding).rejects.toThrow();
		const after = await db.read.select({ id: users.id }).from(users);
		expect(after).toHaveLength(before.length);
		const leftovers = await db.read
			.select({ id: users.id })
			.from(users)
			.where(inArray(users.displayName, ['Rollback One', 'Rollback Two']));
		expect(leftovers).toEqual([]);
	});

	it('resets a student’s password: the new one works, the old one doesn’t, and their sessions end', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Resets');
		const [card] = await addStudentsWithCards(db, row.id, ['Forgetful Fran']);
		if (!card) throw new Error('expected a card');
		const token = generateSessionToken();
		await createSession(db, token, card.userId);
		expect((await validateSessionToken(db, token)).session).not.toBeNull();

		const result = await resetStudentPassword(db, {
			classId: row.id,
			studentId: card.userId,
			resetBy: { id: row.teacherId, role: 'teacher' }
		});

		const reset = result.ok ? result.card : null;
		expect(reset).toMatchObject({
			userId: card.userId,
			displayName: 'Forgetful Fran',
			username: card.username
		});
		expect(reset?.password).toMatch(cardPassword);
		expect(reset?.password).not.toBe(card.password);
		const hash = await passwordHashOf(db, card.userId);
		expect(await verifyPassword(hash, reset?.password ?? '')).toBe(true);
		expect(await verifyPassword(hash, card.password)).toBe(false);
		expect(await validateSessionToken(db, token)).toEqual({ session: null, user: null });
	});

	it('resets nobody outside the class, and never a teacher', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const row = await createClass(db, teacherId, 'Guarded');
		const otherClass = await createClass(db, teacherId, 'Elsewhere');
		const outsider = await newStudent(db);
		await addMember(db, otherClass.id, outsider);
		// a teacher in the member list (which the app never does) is still not a student to reset
		await addMember(db, row.id, teacherId);
		const outsiderHash = await passwordHashOf(db, outsider);

		const reset = (studentId: string) =>
			resetStudentPassword(db, {
				classId: row.id,
				studentId,
				resetBy: { id: teacherId, role: 'teacher' }
			});
		const notInClass = {
			ok: false,
			status: 404,
			message:
				'That student is not in this class, so no password was changed. Reload the page to see the current roster.'
		};
		expect(await reset(outsider)).toEqual(notInClass);
		expect(await reset(teacherId)).toEqual(notInClass);
		expect(await reset('no-such-user')).toEqual(notInClass);
		expect(await passwordHashOf(db, outsider)).toBe(outsiderHash);
		expect(await passwordHashOf(db, teacherId)).toBe('!test');
	});

	it('refuses a teacher whose class a student of another teacher joined, saying why, and changes nothing', async () => {
		// Arrange: a student of teacher A joins stranger B's class
		const db = getDb();
		const teacherA = await newTeacher(db);
		const teacherB = await newTeacher(db);
		const classA = await createClass(db, teacherA, 'A’s class');
		const classB = await createClass(db, teacherB, 'B’s class');
		const [card] = await addStudentsWithCards(db, classA.id, ['Shared Sam']);
		if (!card) throw new Error('expected a card');
		await addMember(db, classB.id, card.userId);
		const token = generateSessionToken();
		await createSession(db, token, card.userId);
		const hashBefore = await passwordHashOf(db, card.userId);

		// Act
		const byB = await resetStudentPassword(db, {
			classId: classB.id,
			studentId: card.userId,
			resetBy: { id: teacherB, role: 'teacher' }
		});
		// A can't either while the student is also in B's class: the rule is about the account, not who came first
		const byA = await resetStudentPassword(db, {
			classId: classA.id,
			studentId: card.userId,
			resetBy: { id: teacherA, role: 'teacher' }
		});

		// Assert
		const refused = {
			ok: false,
			status: 403,
			message:
				'This student is also in another teacher’s class, so only they or an admin can reset the password. Ask the student to change it on their Account page, or ask your Evidencia admin.'
		};
		expect(byB).toEqual(refused);
		expect(byA).toEqual(refused);
		expect(await passwordHashOf(db, card.userId)).toBe(hashBefore);
		expect(await verifyPassword(hashBefore, card.password)).toBe(true);
		expect((await validateSessionToken(db, token)).user?.id).toBe(card.userId);
	});

	it('lets a teacher reset a student who is in two of their own classes', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const first = await createClass(db, teacherId, 'Period 1');
		const second = await createClass(db, teacherId, 'Period 2');
		const [card] = await addStudentsWithCards(db, first.id, ['Two Classes']);
		if (!card) throw new Error('expected a card');
		await addMember(db, second.id, card.userId);

		const reset = await resetStudentPassword(db, {
			classId: second.id,
			studentId: card.userId,
			resetBy: { id: teacherId, role: 'teacher' }
		});

		expect(reset.ok).toBe(true);
		const password = reset.ok ? reset.card.password : '';
		expect(await verifyPassword(await passwordHashOf(db, card.userId), password)).toBe(true);
	});

	it('lets an admin reset any student, in another teacher’s class or none, but never a teacher or admin', async () => {
		// Arrange
		const db = getDb();
		const admin = await newTeacher(db);
		await db.write((tx) =>
			tx.update(db.tables.users).set({ role: 'admin' }).where(eq(db.tables.users.id, admin))
		);
		const teacherId = await newTeacher(db);
		const adminsClass = await createClass(db, admin, 'Admin’s class');
		const teachersClass = await createClass(db, teacherId, 'Teacher’s class');
		const [shared] = await addStudentsWithCards(db, teachersClass.id, ['Shared Sol']);
		if (!shared) throw new Error('expected a card');
		await addMember(db, adminsClass.id, shared.userId);
		const classless = await newStudent(db);

		// Act
		const inClass = await resetStudentPassword(db, {
			classId: adminsClass.id,
			studentId: shared.userId,
			resetBy: { id: admin, role: 'admin' }
		});
		const noClass = await resetPasswordAsAdmin(db, classless);
		const aTeacher = await resetPasswordAsAdmin(db, teacherId);
		const anAdmin = await resetPasswordAsAdmin(db, admin);

		// Assert
		for (const [result, userId] of [
			[inClass, shared.userId],
			[noClass, classless]
		] as const) {
			expect(result.ok).toBe(true);
			const password = result.ok ? result.card.password : '';
			expect(await verifyPassword(await passwordHashOf(db, userId), password)).toBe(true);
		}
		for (const refused of [aTeacher, anAdmin]) {
			expect(refused).toEqual({
				ok: false,
				status: 404,
				message: 'There is no student account with that id.'
			});
		}
		expect(await passwordHashOf(db, teacherId)).toBe('!test');
		expect(await passwordHashOf(db, admin)).toBe('!test');
	});
});
