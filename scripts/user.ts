// `npm run --silent user -- add --role teacher|admin --email EMAIL [--name NAME]`: makes a staff account without
// a browser and prints only its generated password, so a script can capture it; problems go to stderr, exit 2.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { staffAccountForm } from '../src/lib/server/auth/forms';

const usage =
	'Usage: npm run --silent user -- add --role teacher|admin --email EMAIL [--name NAME]';
const staffRoles = ['teacher', 'admin'] as const;

class UsageError extends Error {}

function readCommand(args: string[]) {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				role: { type: 'string' },
				email: { type: 'string' },
				name: { type: 'string' }
			}
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const { positionals, values } = parsed;
	if (positionals.length !== 1 || positionals[0] !== 'add') {
		throw new UsageError(
			`Unknown command: ${positionals.join(' ') || '(none)'}; the one command is "add".`
		);
	}
	const role = z.enum(staffRoles).safeParse(values.role);
	if (!role.success) {
		throw new UsageError(
			values.role === undefined
				? '--role is required: teacher or admin.'
				: `--role must be teacher or admin, not "${values.role}".`
		);
	}
	if (values.email === undefined) throw new UsageError('--email is required.');
	const name = values.name ?? values.email.split('@')[0];
	const fields = staffAccountForm.pick({ name: true, email: true }).safeParse({
		email: values.email,
		name
	});
	if (!fields.success) {
		throw new UsageError(fields.error.issues.map((issue) => issue.message).join(' '));
	}
	return { role: role.data, ...fields.data };
}

async function main(args: string[]): Promise<number> {
	let command;
	try {
		command = readCommand(args);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n${usage}`);
		return 2;
	}
	// relative SQLite paths and the migrations folder are read from the project root, as under npm start
	process.chdir(fileURLToPath(new URL('..', import.meta.url)));
	// loaded only once the arguments are right, so a mistake is reported at once
	const { configFromUrl, openDatabase } = await import('../src/lib/server/db/database');
	const { createStaffAccount } = await import('../src/lib/server/auth/accounts');
	const { generateReadablePassword } = await import('../src/lib/server/seed');
	const db = await openDatabase(configFromUrl(process.env.DATABASE_URL));
	try {
		const password = generateReadablePassword();
		const created = await createStaffAccount(
			db,
			{ name: command.name, email: command.email, password },
			command.role
		);
		if (!created.ok) {
			console.error(`An account with the email ${command.email} exists already.`);
			return 2;
		}
		console.log(password);
		return 0;
	} finally {
		await db.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
