import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from './auth/accounts';
import { verifyPassword } from './auth/password';
import { getContent } from './content';
import { describeOnEachEngine } from './db/testing';
import { reportFirstRunLogins, seedDemo, seedFirstRun } from './seed';

describeOnEachEngine('the demo seed', (database) => {
	it('creates a teacher, a class of three students, assignments and answers, once', async () => {
		const db = database();
		const logins = await seedDemo(db, getContent());

		expect(logins.map((l) => l.role)).toEqual(['teacher', 'student', 'student', 'student']);
		for (const login of logins) {
			const result = await authenticate(db, { ...login, ipAddress: '127.0.0.1' });
			expect(result.ok).toBe(true);
		}
		const t = db.tables;
		const [classRow] = await db.read.select().from(t.classes);
		const members = await db.read
			.select()
			.from(t.classMembers)
			.where(eq(t.classMembers.classId, classRow?.id ?? ''));
		expect(members).toHaveLength(3);
		const [assignments] = await db.read.select({ n: count() }).from(t.assignments);
		expect(assignments?.n).toBe(2);
		const quizzes = await db.read.select().from(t.attempts).where(eq(t.attempts.mode, 'quiz'));
		expect(quizzes).toHaveLength(2);
		const pending = await db.read
			.select()
			.from(t.responses)
			.where(eq(t.responses.status, 'pending-review'));
		expect(pending.length).toBeGreaterThan(0);

		expect(await seedDemo(db, getContent())).toEqual([]);
	});
});

describeOnEachEngine('the demo seed’s clock', (database) => {
	it('puts the demo class in Pacific Time, due at 3:30 PM there, across the spring clock change', async () => {
		const db = database();
		const configured = process.env.EVIDENCIA_TIME_ZONE;
		delete process.env.EVIDENCIA_TIME_ZONE;
		try {
			// Thursday 5 March 2026, noon in Los Angeles; its clocks go forward on Sunday 8 March
			await seedDemo(db, getContent(), new Date('2026-03-05T20:00:00Z'));
		} finally {
			if (configured !== undefined) process.env.EVIDENCIA_TIME_ZONE = configured;
		}
		const t = db.tables;
		const [classRow] = await db.read.select().from(t.classes);
		expect(classRow?.timeZone).toBe('America/Los_Angeles');
		const due = await db.read.select({ dueAt: t.assignments.dueAt }).from(t.assignments);
		expect(due.map((row) => row.dueAt?.toISOString()).sort()).toEqual([
			'2026-03-12T22:30:00.000Z',
			'2026-04-02T22:30:00.000Z'
		]);
	});
});

describeOnEachEngine('the first run', (database) => {
	it('makes nothing when neither the demo nor the first admin is asked for', async () => {
		const db = database();
		expect(await seedFirstRun(db, getContent(), { demo: false, admin: false })).toEqual([]);
		const [users] = await db.read.select({ n: count() }).from(db.tables.users);
		expect(users?.n).toBe(0);
	});

	it('makes an admin on an empty database without the demo, once, whose password signs in', async () => {
		const db = database();
		const logins = await seedFirstRun(db, getContent(), { demo: false, admin: true });
		expect(logins).toEqual([
			{ role: 'admin', login: 'admin@evidencia.local', password: expect.any(String) }
		]);
		const users = await db.read.select().from(db.tables.users);
		expect(users).toHaveLength(1);
		expect(users[0]).toMatchObject({ role: 'admin', email: 'admin@evidencia.local' });
		expect(await verifyPassword(users[0]!.passwordHash, logins[0]!.password)).toBe(true);

		expect(await seedFirstRun(db, getContent(), { demo: true, admin: true })).toEqual([]);
		const [after] = await db.read.select({ n: count() }).from(db.tables.users);
		expect(after?.n).toBe(1);
	});
});

describeOnEachEngine('the first run with the demo', (database) => {
	it('makes the admin and the demo accounts together', async () => {
		const db = database();
		const logins = await seedFirstRun(db, getContent(), { demo: true, admin: true });
		expect(logins.map((l) => [l.role, l.login.includes('@') ? l.login : 'student'])).toEqual([
			['admin', 'admin@evidencia.local'],
			['teacher', 'teacher@demo.evidencia.local'],
			['student', 'student'],
			['student', 'student'],
			['student', 'student']
		]);
		const admins = await db.read
			.select()
			.from(db.tables.users)
			.where(eq(db.tables.users.role, 'admin'));
		expect(admins).toHaveLength(1);
	});
});

describe('showing first-run logins', () => {
	const logins = [
		{ role: 'admin', login: 'admin@evidencia.local', password: 'adminpassword123' },
		{ role: 'student', login: 'ana.lopez', password: 'studentpassword1' }
	];
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'evidencia-logins-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('prints them on a terminal and writes no file', () => {
		const loginsFile = join(dir, 'data', 'first-run-logins.txt');
		const shown = reportFirstRunLogins(logins, { isTTY: true, loginsFile });
		expect(shown).toContain('admin@evidencia.local');
		expect(shown).toContain('password: adminpassword123');
		expect(shown).toContain('password: studentpassword1');
		expect(existsSync(loginsFile)).toBe(false);
	});

	it('writes them to an owner-only file when stdout is a log, and prints only its path', () => {
		const loginsFile = join(dir, 'data', 'first-run-logins.txt');
		const shown = reportFirstRunLogins(logins, { isTTY: false, loginsFile });
		expect(shown).toBe(
			`First-run logins (passwords shown only once) are in ${loginsFile}, readable only by this user.`
		);
		expect(statSync(loginsFile).mode & 0o777).toBe(0o600);
		const written = readFileSync(loginsFile, 'utf8');
		expect(written).toContain('admin@evidencia.local');
		expect(written).toContain('password: adminpassword123');
		expect(written).toContain('ana.lopez');
	});

	it('replaces an old file that others could read with a new owner-only one', () => {
		const loginsFile = join(dir, 'first-run-logins.txt');
		writeFileSync(loginsFile, 'old logins', { mode: 0o644 });
		chmodSync(loginsFile, 0o644);
		reportFirstRunLogins(logins, { isTTY: false, loginsFile });
		expect(statSync(loginsFile).mode & 0o777).toBe(0o600);
		expect(readFileSync(loginsFile, 'utf8')).not.toContain('old logins');
	});

	it('says and writes nothing when no account was made', () => {
		const loginsFile = join(dir, 'first-run-logins.txt');
		expect(reportFirstRunLogins([], { isTTY: false, loginsFile })).toBe('');
		expect(existsSync(loginsFile)).toBe(false);
	});
});
