import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../auth/accounts';
import { createGuest } from '../auth/guests';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { newId } from '../ids';
import { createClass, isMember, setClassArchived } from './classes';
import { joinAsStudent, joinAudience, joinWithAccountForm, joinWithNewAccount } from './join';

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

const newcomer = {
	code: 'kx7q2m',
	name: 'Ana López',
	username: 'Ana.Lopez_7',
	password: 'a long enough password',
	confirmPassword: 'a long enough password'
};

describe('join form', () => {
	it('takes a code, a name, a lower-cased username and a confirmed password', () => {
		// Act
		const parsed = parseForm(joinWithAccountForm, form(newcomer));

		// Assert
		expect(parsed).toEqual({
			ok: true,
			data: { ...newcomer, username: 'ana.lopez_7' }
		});
	});

	it('says what is wrong with each field', () => {
		// Act
		const results = [
			{ username: 'ab' },
			{ username: '-ana' },
			{ username: 'ana lopez' },
			{ username: 'a'.repeat(31) },
			{ name: ' ' },
			{ name: 'x'.repeat(61) },
			{ password: 'short', confirmPassword: 'short' },
			{ confirmPassword: 'another long password' }
		].map((change) => parseForm(joinWithAccountForm, form({ ...newcomer, ...change })));

		// Assert
		expect(results.map((r) => (r.ok ? 'ok' : Object.entries(r.fieldErrors)))).toEqual([
			[['username', 'Username must be at least 3 characters.']],
			[['username', expect.stringMatching(/start with a letter or a digit/)]],
			[['username', expect.stringMatching(/only lower-case letters, digits, dots/)]],
			[['username', 'Username can be at most 30 characters.']],
			[['name', 'Your name is required.']],
			[['name', 'Your name can be at most 60 characters.']],
			[['password', 'Password must be at least 10 characters.']],
			[['confirmPassword', expect.stringMatching(/do not match/)]]
		]);
	});

	it('sends visitors and guests to the account form, students to the code, and turns teachers away', () => {
		// Arrange
		const base = { id: 'u', username: 'u', displayName: 'U', isGuest: false };

		// Act
		const audiences = [
			joinAudience(null),
			joinAudience({ ...base, role: 'student', isGuest: true }),
			joinAudience({ ...base, role: 'student' }),
			joinAudience({ ...base, role: 'teacher' }),
			joinAudience({ ...base, role: 'admin' })
		];

		// Assert
		expect(audiences).toEqual(['newcomer', 'newcomer', 'student', 'teacher', 'teacher']);
	});
});

describeOnEachEngine('joining a class', (getDb) => {
	let counter = 0;
	async function newClass(db: Database) {
		const teacherId = newId();
		await db.write((tx) =>
			tx.insert(db.tables.users).values({
				id: teacherId,
				username: `teacher-${counter++}-${teacherId}@school.org`,
				displayName: 'Ms Teacher',
				role: 'teacher',
				passwordHash: '!test'
			})
		);
		return createClass(db, teacherId, `Period ${counter}`);
	}

	async function userCount(db: Database) {
		const [row] = await db.read.select({ n: count() }).from(db.tables.users);
		return Number(row?.n ?? 0);
	}

	const details = (username: string) => ({
		name: 'Ana López',
		username,
		password: 'a long enough password'
	});

	it('creates a student account without email, in the class, that can sign in', async () => {
		// Arrange
		const db = getDb();
		const classRow = await newClass(db);

		// Act
		const joined = await joinWithNewAccount(
			db,
			{ code: classRow.joinCode.toLowerCase(), ...details('ana-new') },
			null
		);

		// Assert
		if (!joined.ok) throw new Error(joined.message);
		expect(joined).toMatchObject({ classId: classRow.id, className: classRow.name });
		const [user] = await db.read
			.select()
			.from(db.tables.users)
			.where(eq(db.tables.users.id, joined.userId));
		expect(user).toMatchObject({
			username: 'ana-new',
			email: null,
			displayName: 'Ana López',
			role: 'student',
			isGuest: false
		});
		expect(await isMember(db, classRow.id, joined.userId)).toBe(true);
		expect(
			await authenticate(db, {
				login: 'ana-new',
				password: 'a long enough password',
				ipAddress: '10.9.9.9'
			})
		).toEqual({ ok: true, userId: joined.userId, role: 'student' });
	});

	it('creates nothing for a wrong code, an archived class or a taken username', async () => {
		// Arrange
		const db = getDb();
		const open = await newClass(db);
		const archived = await newClass(db);
		await setClassArchived(db, archived.id, true);
		const taken = await joinWithNewAccount(
			db,
			{ code: open.joinCode, ...details('ana-taken') },
			null
		);
		expect(taken.ok).toBe(true);
		const before = await userCount(db);

		// Act
		const malformed = await joinWithNewAccount(db, { code: 'KX7', ...details('ana-1') }, null);
		const unknown = await joinWithNewAccount(db, { code: 'ZZZZZZ', ...details('ana-2') }, null);
		const closed = await joinWithNewAccount(
			db,
			{ code: archived.joinCode, ...details('ana-3') },
			null
		);
		const duplicate = await joinWithNewAccount(
			db,
			{ code: open.joinCode, ...details('ana-taken') },
			null
		);

		// Assert
		expect(malformed).toMatchObject({ ok: false, status: 400, field: 'code' });
		expect(unknown).toMatchObject({ ok: false, status: 404, field: 'code' });
		expect(closed).toMatchObject({
			ok: false,
			status: 409,
			field: 'code',
			message: expect.stringMatching(/archived/)
		});
		expect(duplicate).toMatchObject({
			ok: false,
			status: 409,
			field: 'username',
			message: expect.stringMatching(/^That username is taken/)
		});
		expect(await userCount(db)).toBe(before);
		const [members] = await db.read
			.select({ n: count() })
			.from(db.tables.classMembers)
			.where(eq(db.tables.classMembers.classId, open.id));
		expect(Number(members?.n)).toBe(1);
	});

	it('turns a guest into the student account in place, so their attempts stay theirs', async () => {
		// Arrange
		const db = getDb();
		const classRow = await newClass(db);
		const guestId = await createGuest(db);
		const attemptId = newId();
		await db.write((tx) =>
			tx.insert(db.tables.attempts).values({
				id: attemptId,
				userId: guestId,
				lessonSlug: 'sample',
				mode: 'quiz',
				startedAt: new Date(),
				submittedAt: new Date()
			})
		);
		const before = await userCount(db);

		// Act
		const joined = await joinWithNewAccount(
			db,
			{ code: classRow.joinCode, ...details('ana-guest') },
			guestId
		);

		// Assert
		expect(joined).toMatchObject({ ok: true, userId: guestId, classId: classRow.id });
		expect(await userCount(db)).toBe(before);
		const [user] = await db.read
			.select()
			.from(db.tables.users)
			.where(eq(db.tables.users.id, guestId));
		expect(user).toMatchObject({ username: 'ana-guest', role: 'student', isGuest: false });
		const attempts = await db.read
			.select({ id: db.tables.attempts.id })
			.from(db.tables.attempts)
			.where(eq(db.tables.attempts.userId, guestId));
		expect(attempts).toEqual([{ id: attemptId }]);
		expect(await isMember(db, classRow.id, guestId)).toBe(true);
	});

	it('lets a student account join with the code alone, twice harmlessly, but not an archived class', async () => {
		// Arrange
		const db = getDb();
		const classRow = await newClass(db);
		const archived = await newClass(db);
		await setClassArchived(db, archived.id, true);
		const student = await joinWithNewAccount(
			db,
			{ code: (await newClass(db)).joinCode, ...details('ana-student') },
			null
		);
		if (!student.ok) throw new Error(student.message);

		// Act
		const first = await joinAsStudent(
			db,
			student.userId,
			` ${classRow.joinCode.slice(0, 3)}-${classRow.joinCode.slice(3)} `
		);
		const again = await joinAsStudent(db, student.userId, classRow.joinCode);
		const refused = await joinAsStudent(db, student.userId, archived.joinCode);

		// Assert
		expect(first).toEqual({
			ok: true,
			classId: classRow.id,
			className: classRow.name,
			alreadyMember: false
		});
		expect(again).toMatchObject({ ok: true, alreadyMember: true });
		expect(refused).toMatchObject({ ok: false, status: 409 });
		expect(await isMember(db, archived.id, student.userId)).toBe(false);
	});
});
