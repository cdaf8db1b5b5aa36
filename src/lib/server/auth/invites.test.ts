import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { authenticate, createAccount } from './accounts';
import { acceptInvite, createInvite, listInvites, lookUpInvite, revokeInvite } from './invites';
import { signUp } from './sign-up';
import { updateSiteSetting } from './site-settings';

const day = 24 * 60 * 60 * 1000;
const newTeacher = { name: 'Inés Ortega', email: 'ines@school.org', password: 'a long password' };

afterEach(() => {
	delete process.env.EVIDENCIA_OPEN_TEACHER_SIGNUP;
});

describeOnEachEngine('teacher accounts by invitation', (getDb) => {
	let n = 0;
	/** A fresh admin, teacher and student for each test, so tests don't share invites. */
	async function people() {
		const db = getDb();
		n++;
		const make = async (role: 'admin' | 'teacher' | 'student') => {
			const created = await createAccount(db, {
				username: `${role}-${n}@school.org`,
				email: role === 'student' ? null : `${role}-${n}@school.org`,
				displayName: `${role} ${n}`,
				role,
				password: 'a long password'
			});
			if (!created.ok) throw new Error('test account not created');
			return { id: created.user.id, role };
		};
		return {
			db,
			admin: await make('admin'),
			teacher: await make('teacher'),
			student: await make('student')
		};
	}

	it('an admin invites a teacher; the link makes one teacher account, and only its hash is stored', async () => {
		const { db, admin } = await people();
		const invite = await createInvite(db, admin, { role: 'teacher', note: 'Ms. Ortega' });
		if (!invite.ok) throw new Error('invite refused');
		expect(invite.token).toMatch(/^[a-z2-7]{32}$/);
		const stored = await db.read
			.select()
			.from(db.tables.invites)
			.where(eq(db.tables.invites.id, invite.inviteId));
		expect(JSON.stringify(stored)).not.toContain(invite.token);

		const accepted = await acceptInvite(db, invite.token, {
			...newTeacher,
			email: `a${n}@school.org`
		});
		expect(accepted).toMatchObject({ ok: true, role: 'teacher' });
		const signedIn = await authenticate(db, {
			login: `A${n}@school.org`,
			password: newTeacher.password,
			ipAddress: '10.1.0.1'
		});
		expect(signedIn).toMatchObject({ ok: true, role: 'teacher' });

		const again = await acceptInvite(db, invite.token, {
			...newTeacher,
			email: `b${n}@school.org`
		});
		expect(again).toEqual({ ok: false, reason: 'used' });
		expect(await lookUpInvite(db, invite.token)).toMatchObject({ found: true, state: 'used' });
		const made = await db.read
			.select({ id: db.tables.users.id })
			.from(db.tables.users)
			.where(eq(db.tables.users.email, `b${n}@school.org`));
		expect(made).toEqual([]);
	});

	it('two submissions of one link at once make exactly one account', async () => {
		const { db, admin } = await people();
		const invite = await createInvite(db, admin, { role: 'teacher' });
		if (!invite.ok) throw new Error('invite refused');
		const results = await Promise.all(
			['x', 'y', 'z'].map((who) =>
				acceptInvite(db, invite.token, { ...newTeacher, email: `${who}${n}@school.org` })
			)
		);
		expect(results.filter((result) => result.ok).length).toBe(1);
		expect(results.filter((result) => !result.ok && result.reason === 'used').length).toBe(2);
	});

	it('an invite expires after 7 days, and a withdrawn one makes nothing', async () => {
		const { db, admin } = await people();
		const start = new Date('2026-09-01T12:00:00Z');
		const expiring = await createInvite(db, admin, { role: 'teacher' }, start);
		const withdrawn = await createInvite(db, admin, { role: 'teacher' }, start);
		if (!expiring.ok || !withdrawn.ok) throw new Error('invite refused');
		const later = new Date(start.getTime() + 7 * day);
		expect(await acceptInvite(db, expiring.token, newTeacher, later)).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect(await revokeInvite(db, admin, withdrawn.inviteId, start)).toBe(true);
		expect(await acceptInvite(db, withdrawn.token, newTeacher, start)).toEqual({
			ok: false,
			reason: 'revoked'
		});
		expect(await acceptInvite(db, 'not-a-real-token', newTeacher, start)).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});

	it('a taken email leaves the invite open for another try', async () => {
		const { db, admin } = await people();
		const invite = await createInvite(db, admin, { role: 'teacher' });
		if (!invite.ok) throw new Error('invite refused');
		const taken = await acceptInvite(db, invite.token, {
			...newTeacher,
			email: `teacher-${n}@school.org`
		});
		expect(taken).toEqual({ ok: false, reason: 'email-taken' });
		expect(await lookUpInvite(db, invite.token)).toMatchObject({ found: true, state: 'open' });
	});

	it('teachers invite only teachers and only when the admin allows it; students never', async () => {
		const { db, admin, teacher, student } = await people();
		expect(await createInvite(db, teacher, { role: 'teacher' })).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await createInvite(db, student, { role: 'teacher' })).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		await updateSiteSetting(db, 'teachersMayInvite', true);
		try {
			expect((await createInvite(db, teacher, { role: 'teacher' })).ok).toBe(true);
			expect(await createInvite(db, teacher, { role: 'admin' })).toEqual({
				ok: false,
				reason: 'not-allowed'
			});
			expect(await createInvite(db, student, { role: 'teacher' })).toEqual({
				ok: false,
				reason: 'not-allowed'
			});
			expect((await createInvite(db, admin, { role: 'admin' })).ok).toBe(true);
		} finally {
			await updateSiteSetting(db, 'teachersMayInvite', false);
		}
	});

	it('a teacher lists and withdraws only their own invites; an admin sees and withdraws all', async () => {
		const { db, admin, teacher } = await people();
		await updateSiteSetting(db, 'teachersMayInvite', true);
		try {
			const byAdmin = await createInvite(db, admin, { role: 'teacher', note: `admin's ${n}` });
			const byTeacher = await createInvite(db, teacher, {
				role: 'teacher',
				note: `teacher's ${n}`
			});
			if (!byAdmin.ok || !byTeacher.ok) throw new Error('invite refused');
			const teacherSees = (await listInvites(db, teacher)).map((invite) => invite.note);
			expect(teacherSees).toEqual([`teacher's ${n}`]);
			const adminSees = (await listInvites(db, admin)).map((invite) => invite.note);
			expect(adminSees).toEqual(expect.arrayContaining([`admin's ${n}`, `teacher's ${n}`]));
			expect(await revokeInvite(db, teacher, byAdmin.inviteId)).toBe(false);
			expect(await revokeInvite(db, admin, byTeacher.inviteId)).toBe(true);
		} finally {
			await updateSiteSetting(db, 'teachersMayInvite', false);
		}
	});
});

describeOnEachEngine('open sign-up', (getDb) => {
	const student = {
		username: 'open-student',
		displayName: 'Open Student',
		password: 'a long password'
	};

	it('makes student accounts only, unless open teacher sign-up is on', async () => {
		const db = getDb();
		expect(
			await signUp(db, { kind: 'student', account: student, guestId: null, ipAddress: '10.2.0.1' })
		).toMatchObject({ ok: true, role: 'student' });
		const teacher = {
			username: 't@school.org',
			email: 't@school.org',
			displayName: 'T',
			password: 'a long password'
		};
		expect(
			await signUp(db, { kind: 'teacher', account: teacher, guestId: null, ipAddress: '10.2.0.1' })
		).toEqual({ ok: false, reason: 'teacher-sign-up-closed' });
		const rows = await db.read
			.select({ id: db.tables.users.id })
			.from(db.tables.users)
			.where(eq(db.tables.users.email, 't@school.org'));
		expect(rows).toEqual([]);

		process.env.EVIDENCIA_OPEN_TEACHER_SIGNUP = '1';
		expect(
			await signUp(db, { kind: 'teacher', account: teacher, guestId: null, ipAddress: '10.2.0.1' })
		).toMatchObject({ ok: true, role: 'teacher' });
	});

	it('a taken username makes no account and does not count against the address', async () => {
		const db = getDb();
		const request = {
			kind: 'student' as const,
			account: { ...student, username: 'taken-once' },
			guestId: null,
			ipAddress: '10.2.0.9'
		};
		expect((await signUp(db, request)).ok).toBe(true);
		for (let i = 0; i < 3; i++)
			expect(await signUp(db, request)).toEqual({ ok: false, reason: 'taken' });
		const { limitedAttempts } = db.tables;
		const counted = await db.read
			.select({ id: limitedAttempts.id })
			.from(limitedAttempts)
			.where(eq(limitedAttempts.key, '10.2.0.9'));
		expect(counted.length).toBe(1);
	});

	it('refuses the 61st account from one address within an hour, and says when to try again', async () => {
		const db = getDb();
		const start = new Date('2026-10-01T08:00:00Z');
		for (let i = 0; i < 60; i++) {
			const result = await signUp(
				db,
				{
					kind: 'student',
					account: { ...student, username: `burst-${i}` },
					guestId: null,
					ipAddress: '192.0.2.60'
				},
				new Date(start.getTime() + i * 1000)
			);
			expect(result.ok).toBe(true);
		}
		const refused = await signUp(
			db,
			{
				kind: 'student',
				account: { ...student, username: 'burst-61' },
				guestId: null,
				ipAddress: '192.0.2.60'
			},
			new Date(start.getTime() + 60_000)
		);
		expect(refused).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 3540 });
		const otherAddress = await signUp(
			db,
			{
				kind: 'student',
				account: { ...student, username: 'burst-62' },
				guestId: null,
				ipAddress: '192.0.2.61'
			},
			new Date(start.getTime() + 60_000)
		);
		expect(otherAddress.ok).toBe(true);
	});
});
