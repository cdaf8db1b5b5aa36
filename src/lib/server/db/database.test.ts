import { eq, sql, type SQL } from 'drizzle-orm';
import { integer as pgInteger, pgTable, text as pgText } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
	configFromUrl,
	isUniqueViolation,
	migrationVersion,
	openDatabase,
	WriteConflict,
	type Queryable
} from './database';
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

	it('runs READ COMMITTED writes naming the same lock one at a time, and others side by side', async () => {
		const db = getDb();
		await db.write((tx) =>
			tx.insert(counters).values([
				{ id: 'locked-a', value: 0 },
				{ id: 'locked-b', value: 0 }
			])
		);
		const increment = (id: string) =>
			db.write(
				async (tx) => {
					const [row] = await tx.select().from(counters).where(eq(counters.id, id));
					await yieldToOthers(); // without the lock, another write would read the same value here
					await tx
						.update(counters)
						.set({ value: (row?.value ?? 0) + 1 })
						.where(eq(counters.id, id));
				},
				{ isolation: 'read committed', locks: [`counter:${id}`] }
			);
		await Promise.all(
			Array.from({ length: 30 }, (_, i) => increment(i % 2 ? 'locked-a' : 'locked-b'))
		);
		const rows = await db.read
			.select()
			.from(counters)
			.where(sql`${counters.id} like 'locked-%'`);
		expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
			{ id: 'locked-a', value: 15 },
			{ id: 'locked-b', value: 15 }
		]);
	});

	it('runs writes SERIALIZABLE unless they ask for READ COMMITTED (PostgreSQL)', async () => {
		const db = getDb();
		if (engine !== 'postgres') {
			expect(db.engine).toBe('sqlite'); // SQLite has one level: every write alone
			return;
		}
		const level = (tx: Queryable) =>
			(tx as unknown as { execute: (q: unknown) => Promise<{ level: string }[]> })
				.execute(sql`select current_setting('transaction_isolation') as level`)
				.then((rows) => rows[0]?.level);
		expect(await db.write(level)).toBe('serializable');
		expect(await db.write(level, { isolation: 'read committed', locks: [] })).toBe(
			'read committed'
		);
	});

	it('runs writes holding a lock shared side by side, and one holding it alone after them', async () => {
		const db = getDb();
		if (engine !== 'postgres') {
			// SQLite runs every write alone: a second write would wait for the first and this would never end
			expect(db.engine).toBe('sqlite');
			return;
		}
		const order: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let entered!: () => void;
		const inside = new Promise<void>((resolve) => (entered = resolve));
		const shared = { isolation: 'read committed' as const, locks: [{ shared: 'session' }] };
		const first = db.write(async () => {
			order.push('first in');
			entered();
			await gate;
			order.push('first out');
		}, shared);
		await inside;
		// another shared holder runs while the first still holds the lock
		await db.write(async () => void order.push('second'), shared);
		const alone = db.write(async () => void order.push('alone'), { locks: ['session'] });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(order).toEqual(['first in', 'second']);
		release();
		await Promise.all([first, alone]);
		expect(order).toEqual(['first in', 'second', 'first out', 'alone']);
	});

	it('runs a write again after a WriteConflict on PostgreSQL; SQLite, never interleaved, passes it on', async () => {
		const db = getDb();
		let runs = 0;
		const outcome = db.write(
			async () => {
				runs++;
				if (runs === 1) throw new WriteConflict('changed since read');
				return 'done';
			},
			{ isolation: 'read committed', locks: ['conflict'] }
		);
		if (engine === 'postgres') {
			expect(await outcome).toBe('done');
			expect(runs).toBe(2);
		} else {
			await expect(outcome).rejects.toThrow(WriteConflict);
			expect(runs).toBe(1);
		}
	});

	it('sends a write again when postgres.js refused its BEGIN (UNSAFE_TRANSACTION), a few times at most', async () => {
		const db = getDb();
		const refused = () =>
			Object.assign(new Error('UNSAFE_TRANSACTION: Only use sql.begin'), {
				code: 'UNSAFE_TRANSACTION'
			});
		let runs = 0;
		const once = db.write(async () => {
			runs++;
			if (runs === 1) throw refused();
			return 'done';
		});
		if (engine === 'postgres') {
			expect(await once).toBe('done');
			expect(runs).toBe(2);
		} else {
			await expect(once).rejects.toThrow(/UNSAFE_TRANSACTION/);
			expect(runs).toBe(1);
		}
		let always = 0;
		await expect(
			db.write(async () => {
				always++;
				throw refused();
			})
		).rejects.toThrow(/UNSAFE_TRANSACTION/);
		expect(always).toBe(engine === 'postgres' ? 4 : 1);
	});

	it('keeps the queries of PostgreSQL writes prepared on their connection', async () => {
		const db = getDb();
		if (engine !== 'postgres') {
			// SQLite's statement cache has its own test below
			expect(db.engine).toBe('sqlite');
			return;
		}
		const prepared = await db.write(async (tx) => {
			await tx.select().from(counters).where(eq(counters.id, 'prepared-probe'));
			const pg = tx as unknown as { execute(query: SQL): Promise<{ statement: string }[]> };
			return pg.execute(sql`select statement from pg_prepared_statements`);
		});
		expect(prepared.map((row) => row.statement)).toContainEqual(
			expect.stringMatching(/from "test_counters" where "test_counters"."id" = \$1/)
		);
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
