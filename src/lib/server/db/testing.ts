import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type Engine } from './database';

// Test-only: runs one integration suite on every engine this machine has.
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
	const client = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await client`select 1`;
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		await client.end({ timeout: 1 }).catch(() => undefined);
	}
}

async function availableEngines(): Promise<Engine[]> {
	const reason = await probePostgres();
	if (reason === null) return ['sqlite', 'postgres'];
	if (process.env.REQUIRE_POSTGRES === '1') {
		throw new Error(
			`PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable at ${adminUrl}: ${reason}`
		);
	}
	console.warn(
		`\nSKIPPED PostgreSQL suite: ${reason} (set TEST_DATABASE_URL, or REQUIRE_POSTGRES=1 to fail)\n`
	);
	return ['sqlite'];
}

export const testEngines = await availableEngines();

/** A fresh, migrated database of the given engine, and how to throw it away. */
export async function openTestDatabase(
	engine: Engine
): Promise<{ db: Database; drop: () => Promise<void> }> {
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'evidencia-test-'));
		const db = await openDatabase({ engine: 'sqlite', path: join(dir, 'test.sqlite') });
		return {
			db,
			drop: async () => {
				await db.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const name = `evidencia_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const db = await openDatabase({ engine: 'postgres', url: url.toString() });
	return {
		db,
		drop: async () => {
			await db.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

/** Declares `suite` once per engine, each with its own fresh database. */
export function describeOnEachEngine(
	name: string,
	suite: (db: () => Database, engine: Engine) => void
) {
	for (const engine of testEngines) {
		describe(`${name} [${engine}]`, () => {
			let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
			beforeAll(async () => {
				opened = await openTestDatabase(engine);
			});
			afterAll(async () => {
				await opened?.drop();
			});
			suite(() => {
				if (!opened) throw new Error('test database is not open yet');
				return opened.db;
			}, engine);
		});
	}
}
