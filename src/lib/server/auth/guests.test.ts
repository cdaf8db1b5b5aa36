import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deleteAccount, exportUserData } from '../account/my-data';
import { describeOnEachEngine } from '../db/testing';
import type { Database } from '../db/database';
import { newId } from '../ids';
import { authenticate, createAccount } from './accounts';
import { adoptGuest, convertGuest, createGuest } from './guests';

async function addAnswer(db: Database, userId: string, questionId: string, now = new Date()) {
	const attemptId = newId();
	await db.write(async (tx) => {
		await tx
			.insert(db.tables.attempts)
			.values({ id: attemptId, userId, lessonSlug: 'sample', mode: 'practice', startedAt: now });
		await tx.insert(db.tables.responses).values({
			id: newId(),
			attemptId,
			userId,
			lessonSlug: 'sample',
			questionId,
			answer: 'a',
			status: 'scored',
			earned: 0,
			possible: 1,
			correct: false,
			answeredAt: now
		});
		await tx
			.insert(db.tables.sectionReads)
			.values({ userId, lessonSlug: 'sample', sectionId: `s-${questionId}`, readAt: now })
			.onConflictDoNothing();
	});
}

async function rowsOf(db: Database, userId: string) {
	const t = db.tables;
	const [responses] = await db.read
		.select({ n: count() })
		.from(t.responses)
		.where(eq(t.responses.userId, userId));
	const [attempts] = await db.read
		.select({ n: count() })
		.from(t.attempts)
		.where(eq(t.attempts.userId, userId));
	const [reads] = await db.read
		.select({ n: count() })
		.from(t.sectionReads)
		.where(eq(t.sectionReads.userId, userId));
	return { responses: responses?.n ?? 0, attempts: attempts?.n ?? 0, reads: reads?.n ?? 0 };
}

describeOnEachEngine('guests and my data', (getDb) => {
	it('keeps a guest’s answers when the guest signs up: the record becomes the account', async () => {
		const db = getDb();
		const guestId = await createGuest(db);
		for (const q of ['q1', 'q2', 'q3']) await addAnswer(db, guestId, q);

		const converted = await convertGuest(db, guestId, {
			username: 'new@school.org',
			email: 'new@school.org',
			displayName: 'New Teacher',
			role: 'teacher',
			password: 'a long password'
		});

		expect(converted).toEqual({ ok: true });
		expect(await rowsOf(db, guestId)).toEqual({ responses: 3, attempts: 3, reads: 3 });
		const signIn = await authenticate(db, {
			login: 'new@school.org',
			password: 'a long password',
			ipAddress: '10.1.1.1'
		});
		expect(signIn).toEqual({ ok: true, userId: guestId, role: 'teacher' });
	});

	it('moves a guest’s work into an existing account on sign-in and removes the guest', async () => {
		const db = getDb();
		const account = await createAccount(db, {
			username: 'existing-student',
			displayName: 'Existing',
			role: 'student',
			password: 'a password here'
		});
		if (!account.ok) throw new Error('setup failed');
		await addAnswer(db, account.user.id, 'q1');
		const guestId = await createGuest(db);
		await addAnswer(db, guestId, 'q1');
		await addAnswer(db, guestId, 'q2');

		await adoptGuest(db, guestId, account.user.id);

		expect(await rowsOf(db, account.user.id)).toEqual({ responses: 3, attempts: 3, reads: 2 });
		expect(await rowsOf(db, guestId)).toEqual({ responses: 0, attempts: 0, reads: 0 });
		const [guest] = await db.read
			.select()
			.from(db.tables.users)
			.where(eq(db.tables.users.id, guestId));
		expect(guest).toBeUndefined();
	});

	it('never lets anyone sign in as a guest record', async () => {
		const db = getDb();
		const guestId = await createGuest(db);
		const result = await authenticate(db, {
			login: `guest-${guestId}`,
			password: '!guest',
			ipAddress: '10.1.1.2'
		});
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses to convert a guest onto a username that is taken, and keeps the guest', async () => {
		const db = getDb();
		await createAccount(db, {
			username: 'taken@school.org',
			email: 'taken@school.org',
			displayName: 'Taken',
			role: 'teacher',
			password: 'a long password'
		});
		const guestId = await createGuest(db);
		const converted = await convertGuest(db, guestId, {
			username: 'taken@school.org',
			email: 'taken@school.org',
			displayName: 'Copy',
			role: 'teacher',
			password: 'another password'
		});
		expect(converted).toEqual({ ok: false, reason: 'taken' });
		const [guest] = await db.read
			.select()
			.from(db.tables.users)
			.where(eq(db.tables.users.id, guestId));
		expect(guest?.isGuest).toBe(true);
	});

	it('exports one person’s rows and nobody else’s, and deletion removes them all', async () => {
		const db = getDb();
		const me = await createAccount(db, {
			username: 'exporter',
			displayName: 'Exporter',
			role: 'student',
			password: 'a password here'
		});
		const other = await createAccount(db, {
			username: 'someone-else',
			displayName: 'Someone Else',
			role: 'student',
			password: 'a password here'
		});
		if (!me.ok || !other.ok) throw new Error('setup failed');
		await addAnswer(db, me.user.id, 'mine');
		await addAnswer(db, other.user.id, 'theirs');

		const data = await exportUserData(db, me.user.id);
		expect(data?.account).toMatchObject({ username: 'exporter' });
		expect(data?.account).not.toHaveProperty('passwordHash');
		expect(data?.responses.map((r) => r.questionId)).toEqual(['mine']);
		expect(JSON.stringify(data)).not.toContain('theirs');

		expect(await deleteAccount(db, me.user.id)).toBe(true);
		expect(await rowsOf(db, me.user.id)).toEqual({ responses: 0, attempts: 0, reads: 0 });
		expect(await rowsOf(db, other.user.id)).toEqual({ responses: 1, attempts: 1, reads: 1 });
		expect(await exportUserData(db, me.user.id)).toBeNull();
	});
});
