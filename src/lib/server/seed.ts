import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { count } from 'drizzle-orm';
import type { Database } from './db/database';
import { createTeacherAccount } from './auth/accounts';

export interface DemoLogin {
	role: string;
	login: string;
	password: string;
}

/** A password people can read off a screen: 16 lower-case base32 characters (80 bits). */
export function generateReadablePassword(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

/** Seeds the demo on an empty database and returns its logins; returns [] when anyone exists already. */
export async function seedDemo(db: Database): Promise<DemoLogin[]> {
	const [existing] = await db.read.select({ n: count() }).from(db.tables.users);
	if ((existing?.n ?? 0) > 0) return [];
	const teacher = { name: 'Demo Teacher', email: 'teacher@demo.evidencia.local' };
	const password = generateReadablePassword();
	const created = await createTeacherAccount(db, { ...teacher, password });
	if (!created.ok) return [];
	return [{ role: 'teacher', login: teacher.email, password }];
}

export async function seedDemoOnFirstRun(db: Database) {
	const logins = await seedDemo(db);
	if (logins.length === 0) return;
	const lines = logins.map((l) => `  ${l.role.padEnd(8)} ${l.login}   password: ${l.password}`);
	console.log(
		['', 'Demo accounts created (the passwords are shown only this once):', ...lines, ''].join('\n')
	);
}
