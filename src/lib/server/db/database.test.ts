import { eq, sql } from 'drizzle-orm';
import { integer as pgInteger, pgTable, text as pgText } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configFromUrl, isUniqueViolation, migrationVersion, openDatabase } from './database';
import { describeOnEachEngine } from './testing';

// Fixture tables for the transaction tests; created with raw SQL so the app schema stays clean.
const sqliteCounters = sqliteTable('test_counters', {
	id: text('id').primaryKey(),
	value: integer('value').notNull()
});
const sqliteLedger = sqliteTable('test_ledger', {
	id: text('id').primaryKey(),
	txIndex: integer('tx_index').notNull()
});
const pgCounters = pgTable('test_counters', {
	id: pgText('id').primaryKey(),
	value: pgInteger('value').notNull()
});
const pgLedger = pgTable('test_ledger', {
	id: pgText('id').primaryKey(),
	txIndex: pgInteger('tx_index').notNull()
});

const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

describeOnEachEngine('write transactions', (getDb, engine) => {
	// The PostgreSQL table objects accept the same query calls; tables come from the engine under test.
	const counters = (engine === 'sqlite' ? sqliteCounters : pgCounters) as typeof sqliteCounters;
	const ledger = (engine === 'sqlite' ? sqliteLedger : pgLedger) as typeof sqliteLedger;

	beforeAll(async () => {
		await getDb().executeRaw(
			'create table test_counters (id text primary key, value integer not null);' +
				'create table test_ledger (id text primary key, tx_index integer not null);'
		);
	});

	it('keeps 200 concurrent read-modify-write transactions exact, leaving no trace of the failed ones', async () => {
		const db = getDb();
		await db.write((tx) => tx.insert(counters).values({ id: 'c', value: 0 }));
		const plannedFailure = (i: number) => i % 7 === 3;

		const results = await Promise.allSettled(
			Array.from({ length: 200 }, (_, i) =>
				db.write(async (tx) => {
					const [row] = await tx.select().from(counters).where(eq(counters.id, 'c'));
					await tx.insert(ledger).values({ id: `tx-${i}`, txIndex: i });
					await yieldToOthers(); // invite another transaction to interleave here
					await tx
						.update(counters)
						.set({ value: (row?.value ?? 0) + 1 })
						.where(eq(counters.id, 'c'));
					if (plannedFailure(i)) throw new Error(`planned failure ${i}`);
					return i;
				})
			)
		);

		const expectedSucceeded = Array.from({ length: 200 }, (_, i) => i).filter(
			(i) => !plannedFailure(i)
		);
		const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
		expect(failed).toEqual(Array.from({ length: 200 }, (_, i) => i).filter(plannedFailure));
		for (const i of failed) {
			const result = results[i];
			expect(result?.status === 'rejected' && String(result.reason)).toContain(
				`planned failure ${i}`
			);
		}

		const [counter] = await db.read.select().from(counters).where(eq(counters.id, 'c'));
		expect(counter?.value).toBe(expectedSucceeded.length);
		const ledgerRows = await db.read.select().from(ledger);
		expect(ledgerRows.map((r) => r.txIndex).sort((a, b) => a - b)).toEqual(expectedSucceeded);
	});

	it('hides an open write transaction from readers until it commits', async () => {
		const db = getDb();
		let releaseWriter!: () => void;
		const writerMayCommit = new Promise<void>((resolve) => (releaseWriter = resolve));
		let signalInserted!: () => void;
		const inserted = new Promise<void>((resolve) => (signalInserted = resolve));

		const writing = db.write(async (tx) => {
			await tx.insert(counters).values({ id: 'isolated', value: 1 });
			signalInserted();
			await writerMayCommit;
		});
		await inserted;
		const duringWrite = await db.read.select().from(counters).where(eq(counters.id, 'isolated'));
		releaseWriter();
		await writing;
		const afterCommit = await db.read.select().from(counters).where(eq(counters.id, 'isolated'));

		expect(duringWrite).toEqual([]);
		expect(afterCommit).toEqual([{ id: 'isolated', value: 1 }]);
	});

	it('recognises a unique violation on this engine', async () => {
		const db = getDb();
		await db.write((tx) => tx.insert(counters).values({ id: 'dup', value: 1 }));
		const error = await db
			.write((tx) => tx.insert(counters).values({ id: 'dup', value: 2 }))
			.catch((e: unknown) => e);
		expect(isUniqueViolation(error)).toBe(true);
		expect(isUniqueViolation(new Error('something else'))).toBe(false);
	});

	it('reports every migration applied and the last one by name, for /healthz', async () => {
		const journal = JSON.parse(readFileSync(`drizzle/${engine}/meta/_journal.json`, 'utf8')) as {
			entries: { tag: string }[];
		};
		expect(await migrationVersion(getDb())).toEqual({
			migrations: journal.entries.length,
			version: journal.entries.at(-1)?.tag
		});
	});

	it('refuses a write nested inside another write instead of deadlocking', async () => {
		const db = getDb();
		if (engine !== 'sqlite') {
			// PostgreSQL opens a second pooled transaction; nothing to refuse there
			expect(db.engine).toBe('postgres');
			return;
		}
		await expect(db.write(() => db.write(async () => 1))).rejects.toThrow(/inside db.write/);
	});
});

it('reads DATABASE_URL: unset or a path is SQLite, postgres:// is PostgreSQL, anything else is refused', () => {
	expect(configFromUrl(undefined)).toEqual({ engine: 'sqlite', path: 'data/evidencia.sqlite' });
	expect(configFromUrl('file:/tmp/x.sqlite')).toEqual({ engine: 'sqlite', path: '/tmp/x.sqlite' });
	expect(configFromUrl('postgresql://u@h/db')).toEqual({
		engine: 'postgres',
		url: 'postgresql://u@h/db'
	});
	expect(() => configFromUrl('mysql://u@h/db')).toThrow(/postgres:\/\/ URL or an SQLite file path/);
});

it('reuses SQLite statements without one use changing what the next returns', async () => {
	const db = await openDatabase({ engine: 'sqlite', path: ':memory:' });
	try {
		const query = sql`select 7 as n, 'x' as s`;
		// the same text as array rows, then as objects, then as arrays: drizzle asks for both
		expect(db.read.values(query)).toEqual([[7, 'x']]);
		expect(db.read.all(query)).toEqual([{ n: 7, s: 'x' }]);
		expect(db.read.values(query)).toEqual([[7, 'x']]);
		expect(db.read.get(query)).toEqual({ n: 7, s: 'x' });
	} finally {
		await db.close();
	}
});
