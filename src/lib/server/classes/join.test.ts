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
			null,
			'203.0.113.9'
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
			null,
			'203.0.113.9'
		);
		expect(taken.ok).toBe(true);
		const before = await userCount(db);

		// Act
		const malformed = await joinWithNewAccount(
			db,
			{ code: 'KX7', ...details('ana-1') },
			null,
			'203.0.113.9'
		);
		const unknown = await joinWithNewAccount(
			db,
			{ code: 'ZZZZZZ', ...details('ana-2') },
			null,
			'203.0.113.9'
		);
		const closed = await joinWithNewAccount(
			db,
			{ code: archived.joinCode, ...details('ana-3') },
			null,
			'203.0.113.9'
		);
		const duplicate = await joinWithNewAccount(
			db,
			{ code: open.joinCode, ...details('ana-taken') },
			null,
			'203.0.113.9'
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
			guestId,
			'203.0.113.9'
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
			null,
			'203.0.113.9'
		);
		if (!student.ok) throw new Error(student.message);

		// Act
		const first = await joinAsStudent(
			db,
			student.userId,
			` ${classRow.joinCode.slice(0, 3)}-${classRow.joinCode.slice(3)} `,
			'203.0.113.9'
		);
		const again = await joinAsStudent(db, student.userId, classRow.joinCode, '203.0.113.9');
		const refused = await joinAsStudent(db, student.userId, archived.joinCode, '203.0.113.9');

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

	/** Codes of the right shape that no class has (a random class code matches one in 190 million). */
	const wrongCode = (n: number) =>
		`CCCC${'DFGHJKMNPQRTVWXYZ234679'[Math.floor(n / 23) % 23]}${'DFGHJKMNPQRTVWXYZ234679'[n % 23]}`;
	const t0 = new Date(Date.UTC(2026, 2, 2, 9));
	const minutesAfter = (n: number) => new Date(t0.getTime() + n * 60_000);

	it('limits wrong codes per account: 10 in 15 minutes, then 429 with the wait even for a right code', async () => {
		// Arrange
		const db = getDb();
		const classRow = await newClass(db);
		const other = await newClass(db);
		const student = await joinWithNewAccount(
			db,
			{ code: (await newClass(db)).joinCode, ...details('guesser-1') },
			null,
			'203.0.113.20',
			t0
		);
		if (!student.ok) throw new Error(student.message);
		// each guess from its own address, so only the account's limit can stop them
		const guess = (code: string, n: number, at = t0) =>
			joinAsStudent(db, student.userId, code, `198.51.100.${n}`, at);

		// Act
		const wrong = [];
		for (let n = 0; n < 9; n++) wrong.push(await guess(wrongCode(n), n));
		const right = await guess(classRow.joinCode, 9);
		const tenthWrong = await guess(wrongCode(10), 10);
		const refused = await guess(other.joinCode, 11, minutesAfter(1));
		const memberWhileRefused = await isMember(db, other.id, student.userId);
		const malformed = await guess('KX7', 12, minutesAfter(1));
		const later = await guess(other.joinCode, 13, minutesAfter(16));

		// Assert
		expect(wrong.map((result) => result.ok || result.status)).toEqual(Array(9).fill(404));
		// a right code within the limit joins, and is not counted
		expect(right).toMatchObject({ ok: true, classId: classRow.id });
		expect(tenthWrong).toMatchObject({ ok: false, status: 404 });
		expect(refused).toEqual({
			ok: false,
			status: 429,
			message:
				'Too many wrong class codes were tried. Try again in 14 minutes, and check the code with your teacher.',
			retryAfterSeconds: 840
		});
		expect(memberWhileRefused).toBe(false);
		// a code that can't be one is refused before it is counted or limited
		expect(malformed).toMatchObject({ ok: false, status: 400 });
		expect(later).toMatchObject({ ok: true, classId: other.id });
	});

	it('limits wrong codes per address over every account and newcomer: 60, then 429', async () => {
		// Arrange
		const db = getDb();
		const classRow = await newClass(db);
		const address = '203.0.113.30';
		const students = [];
		for (let n = 0; n < 3; n++) {
			const joined = await joinWithNewAccount(
				db,
				{ code: classRow.joinCode, ...details(`school-${n}`) },
				null,
				address,
				t0
			);
			if (!joined.ok) throw new Error(joined.message);
			students.push(joined.userId);
		}
		const target = await newClass(db);

		// Act: 30 wrong guesses by newcomers, 10 by each of three students, all from one school network
		const results = [];
		for (let n = 0; n < 30; n++) {
			results.push(
				await joinWithNewAccount(
					db,
					{ code: wrongCode(n), ...details(`newcomer-${n}`) },
					null,
					address,
					t0
				)
			);
		}
		for (const [i, userId] of students.entries()) {
			for (let n = 0; n < 10; n++) {
				results.push(await joinAsStudent(db, userId, wrongCode(30 + 10 * i + n), address, t0));
			}
		}
		const newcomer = await joinWithNewAccount(
			db,
			{ code: target.joinCode, ...details('newcomer-right') },
			null,
			address,
			t0
		);
		const fresh = await joinWithNewAccount(
			db,
			{ code: (await newClass(db)).joinCode, ...details('fresh') },
			null,
			'203.0.113.31',
			t0
		);
		if (!fresh.ok) throw new Error(fresh.message);
		const student = await joinAsStudent(db, fresh.userId, target.joinCode, address, t0);
		const elsewhere = await joinAsStudent(db, fresh.userId, target.joinCode, '203.0.113.31', t0);

		// Assert
		expect(results.map((result) => result.ok || result.status)).toEqual(Array(60).fill(404));
		expect(newcomer).toMatchObject({
			ok: false,
			status: 429,
			field: 'code',
			retryAfterSeconds: 900
		});
		expect(student).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 900 });
		expect(elsewhere).toMatchObject({ ok: true, classId: target.id });
		const [made] = await db.read
			.select({ n: count() })
			.from(db.tables.users)
			.where(eq(db.tables.users.username, 'newcomer-right'));
		expect(Number(made?.n)).toBe(0);
	});

	it('counts each guess before looking it up, so a burst of parallel guesses gets no more than 10', async () => {
		// Arrange
		const db = getDb();
		const student = await joinWithNewAccount(
			db,
			{ code: (await newClass(db)).joinCode, ...details('burst') },
			null,
			'203.0.113.40',
			t0
		);
		if (!student.ok) throw new Error(student.message);

		// Act
		const results = await Promise.all(
			Array.from({ length: 25 }, (_, n) =>
				joinAsStudent(db, student.userId, wrongCode(n), `198.51.101.${n}`, t0)
			)
		);

		// Assert
		const statuses = results.map((result) => (result.ok ? 200 : result.status));
		expect(statuses.filter((status) => status === 404)).toHaveLength(10);
		expect(statuses.filter((status) => status === 429)).toHaveLength(15);
	});

	it('says an archived class takes no new students without naming it to whoever typed its code', async () => {
		// Arrange
		const db = getDb();
		const archived = await newClass(db);
		await db.write((tx) =>
			tx
				.update(db.tables.classes)
				.set({ name: 'Mr Díaz – 7B (secret)' })
				.where(eq(db.tables.classes.id, archived.id))
		);
		await setClassArchived(db, archived.id, true);
		const student = await joinWithNewAccount(
			db,
			{ code: (await newClass(db)).joinCode, ...details('outsider') },
			null,
			'203.0.113.50'
		);
		if (!student.ok) throw new Error(student.message);

		// Act
		const asStudent = await joinAsStudent(db, student.userId, archived.joinCode, '203.0.113.50');
		const asNewcomer = await joinWithNewAccount(
			db,
			{ code: archived.joinCode, ...details('outsider-2') },
			null,
			'203.0.113.50'
		);

		// Assert
		const message =
			'That code belongs to an archived class, which takes no new students. Ask your teacher for the code of your current class.';
		expect(asStudent).toEqual({ ok: false, status: 409, message });
		expect(asNewcomer).toEqual({ ok: false, status: 409, field: 'code', message });
	});
});
