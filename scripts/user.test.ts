import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/lib/server/auth/password';
import { openDatabase, type Database, type Engine } from '../src/lib/server/db/database';
import { testEngines } from '../src/lib/server/db/testing';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An empty database of the engine, by the URL the command reads from DATABASE_URL. */
async function scratchDatabase(
	engine: Engine
): Promise<{ url: string; drop: () => Promise<void> }> {
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'evidencia-user-'));
		return { url: join(dir, 'users.sqlite'), drop: async () => rmSync(dir, { recursive: true }) };
	}
	const name = `evidencia_user_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

/** Runs `npm run user -- …` as tsx would, from another directory, on the given database. */
function runUser(databaseUrl: string, args: string[]) {
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(process.execPath, [tsx, join(root, 'scripts/user.ts'), ...args], {
			cwd: tmpdir(),
			// the app's modules import $lib: tsx maps it from the project's tsconfig, as npm run does from the root
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				TSX_TSCONFIG_PATH: join(root, 'tsconfig.json')
			}
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

for (const engine of testEngines) {
	describe(`npm run user -- add [${engine}]`, () => {
		let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
		let db: Database;
		const passwords = new Map<string, string>();
		const users = () =>
			db.read
				.select({
					username: db.tables.users.username,
					email: db.tables.users.email,
					displayName: db.tables.users.displayName,
					role: db.tables.users.role,
					passwordHash: db.tables.users.passwordHash
				})
				.from(db.tables.users)
				.orderBy(asc(db.tables.users.username));

		beforeAll(async () => {
			scratch = await scratchDatabase(engine);
			// the first run migrates the empty database, as the app would
			const first = await runUser(scratch.url, [
				'add',
				'--role',
				'teacher',
				'--email',
				'Ana.Ruiz@School.org',
				'--name',
				'Ana Ruiz'
			]);
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			db = await openDatabase(
				engine === 'sqlite' ? { engine, path: scratch.url } : { engine, url: scratch.url }
			);
			passwords.set('ana.ruiz@school.org', first.stdout);
		});
		afterAll(async () => {
			await db?.close();
			await scratch?.drop();
		});
		it('adds a teacher and prints only the generated password, which signs in', async () => {
			const printed = passwords.get('ana.ruiz@school.org') ?? '';
			expect(printed).toMatch(/^[a-z2-7]{16}\n$/);
			const [ana] = await users();
			expect(ana).toMatchObject({
				username: 'ana.ruiz@school.org',
				email: 'ana.ruiz@school.org',
				displayName: 'Ana Ruiz',
				role: 'teacher'
			});
			expect(await verifyPassword(ana!.passwordHash, printed.trim())).toBe(true);
			expect(await verifyPassword(ana!.passwordHash, 'not the password')).toBe(false);
		});

		it('adds an admin, named after the email when --name is left out', async () => {
			const run = await runUser(scratch.url, [
				'add',
				'--role',
				'admin',
				'--email',
				'ops@school.org'
			]);
			expect(run).toMatchObject({ code: 0, stderr: '' });
			expect(run.stdout).toMatch(/^[a-z2-7]{16}\n$/);
			const admin = (await users()).find((u) => u.email === 'ops@school.org');
			expect(admin).toMatchObject({ role: 'admin', displayName: 'ops' });
			expect(await verifyPassword(admin!.passwordHash, run.stdout.trim())).toBe(true);
		});

		const refusals: [what: string, args: string[], message: string][] = [
			[
				'a taken email (in other letter case)',
				['add', '--role', 'admin', '--email', 'ANA.RUIZ@school.org'],
				'An account with the email ana.ruiz@school.org exists already.'
			],
			[
				'a bad email',
				['add', '--role', 'teacher', '--email', 'ana at school'],
				'Enter an email address like name@school.org.'
			],
			[
				'a student role',
				['add', '--role', 'student', '--email', 'kid@school.org'],
				'--role must be teacher or admin, not "student".'
			],
			[
				'no role',
				['add', '--email', 'no-role@school.org'],
				'--role is required: teacher or admin.'
			],
			['no email', ['add', '--role', 'teacher'], '--email is required.'],
			[
				'an unknown option',
				['add', '--role', 'teacher', '--email', 'x@school.org', '--password', 'chosen'],
				"Unknown option '--password'"
			],
			[
				'no command',
				['--role', 'teacher', '--email', 'y@school.org'],
				'Unknown command: (none); the one command is "add".'
			],
			[
				'a name too long',
				['add', '--role', 'teacher', '--email', 'z@school.org', '--name', 'n'.repeat(101)],
				'Your name can be at most 100 characters.'
			]
		];
		for (const [what, args, message] of refusals) {
			it(`refuses ${what} on stderr with exit code 2 and stores nothing`, async () => {
				const before = await users();
				const run = await runUser(scratch.url, args);
				expect(run.code).toBe(2);
				expect(run.stdout).toBe('');
				expect(run.stderr).toContain(message);
				expect(await users()).toEqual(before);
			});
		}
	});
}
