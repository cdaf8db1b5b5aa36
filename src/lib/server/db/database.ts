import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import * as sqliteSchema from './schema.sqlite';
import * as postgresSchema from './schema.postgres';
import { createMutex } from './mutex';
import { createLocalChannels } from './local-channels';

export type Engine = 'sqlite' | 'postgres';
export type Tables = typeof sqliteSchema;

/**
 * The query builder domain code uses. Typed as the SQLite builder; the PostgreSQL builder accepts the
 * same calls (select/insert/update/delete, returning, onConflict*), and the shared integration suite
 * runs every domain module on both engines to keep it that way.
 */
export type Queryable = BetterSQLite3Database<Tables>;

export interface Database {
	readonly engine: Engine;
	/** the table objects of the active dialect: always build queries from these */
	readonly tables: Tables;
	/** reads outside a transaction: they see only committed rows */
	readonly read: Queryable;
	/**
	 * Runs `work` in one atomic write transaction and returns its result. `work` may run more than once
	 * (PostgreSQL retries serialization failures, deadlocks and WriteConflict), so it must not have outside side
	 * effects. SQLite runs every write alone (BEGIN IMMEDIATE) and ignores `options`.
	 *
	 * On PostgreSQL the default is SERIALIZABLE. `{ isolation: 'read committed', locks }` takes the named locks
	 * first, then lets each statement see every row committed before it; a caller choosing it must guarantee:
	 * - every write that checks-then-changes the same rows under READ COMMITTED takes the same lock (so they queue);
	 * - a row it read and then updates, which SERIALIZABLE writers (which take no lock) may change too, is updated
	 *   only if still as read (e.g. a version column in the WHERE), throwing WriteConflict otherwise;
	 * - a unique or foreign-key violation can only come from such a race (these are retried a few times, since a
	 *   row read earlier may have appeared or gone by the next statement).
	 */
	write<T>(work: (tx: Queryable) => Promise<T>, options?: WriteOptions): Promise<T>;
	/** a cheap round trip, for health checks */
	ping(): Promise<void>;
	/** the number of migrations applied, for health checks */
	migrationCount(): Promise<number>;
	/**
	 * Sends `payload` (a short string) to every listener of `channel` on this database: in every app process on
	 * PostgreSQL (NOTIFY), in this process on SQLite. Call it after the write it announces has committed.
	 */
	notify(channel: string, payload: string): Promise<void>;
	/**
	 * Calls `onPayload` for every notification on `channel` until the returned function is called; resolves once
	 * listening. PostgreSQL listens on one dedicated connection per process and re-listens by itself when that
	 * connection is lost; notifications sent meanwhile are gone, so `onReconnect` runs then to let callers resync.
	 */
	listen(
		channel: string,
		onPayload: (payload: string) => void,
		options?: ListenOptions
	): Promise<() => Promise<void>>;
	/** runs raw SQL outside any transaction: for test fixtures and scripts, never for domain code */
	executeRaw(statement: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * A lock a write holds until it ends: writes naming the same lock run one at a time, except that any number of
 * writes holding it `{ shared }` run together (and an unshared holder waits for all of them, and they for it).
 */
export type WriteLock = string | { shared: string };

export type WriteOptions =
	| {
			isolation?: 'serializable';
			/** locks a SERIALIZABLE write takes too, to queue behind READ COMMITTED writes that share its rows */
			locks?: readonly WriteLock[];
	  }
	| {
			isolation: 'read committed';
			locks: readonly WriteLock[];
	  };

/** The lock every READ COMMITTED write of one student's work (attempts, responses, review cards) takes. */
export const studentLock = (userId: string) => `student:${userId}`;

/**
 * The lock on a live session's state: every answer holds it shared (answers never wait on each other), every
 * change of the session's phase, timer or players holds it alone, so an answer sees the state it is checked against.
 */
export const liveSessionLock = (sessionId: string) => `live-session:${sessionId}`;

/**
 * Thrown by `work` when a row it read changed before its update (possible under READ COMMITTED): the whole
 * write is retried on PostgreSQL.
 */
export class WriteConflict extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WriteConflict';
	}
}

export interface ListenOptions {
	/** called each time listening resumes after a lost connection (never on SQLite) */
	onReconnect?: () => void;
}

export type DatabaseConfig =
	{ engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize?: number };

const defaultSqlitePath = 'data/evidencia.sqlite';

/** Reads DATABASE_URL: unset or a file path means SQLite, a postgres:// URL means PostgreSQL. */
export function configFromUrl(databaseUrl: string | undefined): DatabaseConfig {
	const url = databaseUrl?.trim();
	if (!url) return { engine: 'sqlite', path: defaultSqlitePath };
	if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
	if (url.startsWith('file:')) return { engine: 'sqlite', path: url.slice('file:'.length) };
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
		throw new Error(
			`DATABASE_URL must be a postgres:// URL or an SQLite file path, got a ${url.split(':')[0]}: URL`
		);
	}
	return { engine: 'sqlite', path: url };
}

const migrationsFolder = (engine: Engine) => resolve(process.cwd(), 'drizzle', engine);

const migrationTags = new Map<Engine, string[]>();

/** How many migrations are applied and the tag of the last one (e.g. 0004_live_review), for /healthz. */
export async function migrationVersion(
	db: Database
): Promise<{ migrations: number; version: string }> {
	const migrations = await db.migrationCount();
	let tags = migrationTags.get(db.engine);
	if (!tags) {
		const journalPath = resolve(migrationsFolder(db.engine), 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
		migrationTags.set(db.engine, (tags = journal.entries.map((entry) => entry.tag)));
	}
	return { migrations, version: tags[migrations - 1] ?? 'none' };
}

/** Opens the database and applies any pending migrations before returning it. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
	return config.engine === 'sqlite' ? openSqlite(config.path) : openPostgres(config);
}

/**
 * Keeps each SQL text's compiled statement: drizzle asks better-sqlite3 to prepare every query it runs, and
 * SQLite's parse and plan cost more than the query itself on a page's small reads. The app's queries are a
 * few hundred distinct texts, so the cache is bounded only against the unforeseen.
 */
function cacheStatements(connection: BetterSqlite3.Database, limit = 1000) {
	const prepare = connection.prepare.bind(connection);
	const statements = new Map<string, BetterSqlite3.Statement>();
	connection.prepare = ((source: string) => {
		let statement = statements.get(source);
		if (!statement) {
			statement = prepare(source);
			if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
			statements.set(source, statement);
		}
		// drizzle turns a statement to array rows for some reads: every use starts from object rows again
		if (statement.reader) statement.raw(false);
		return statement;
	}) as typeof connection.prepare;
}

function openSqlite(path: string): Database {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const writerConnection = new BetterSqlite3(path);
	writerConnection.pragma('journal_mode = WAL');
	writerConnection.pragma('foreign_keys = ON');
	writerConnection.pragma('busy_timeout = 5000');
	writerConnection.pragma('synchronous = NORMAL');
	cacheStatements(writerConnection);
	const writer = drizzleSqlite(writerConnection, { schema: sqliteSchema });
	migrateSqlite(writer, { migrationsFolder: migrationsFolder('sqlite') });

	// A separate read-only connection: in WAL mode it never sees the writer's open transaction.
	const readerConnection =
		path === ':memory:' ? writerConnection : new BetterSqlite3(path, { readonly: true });
	readerConnection.pragma('busy_timeout = 5000');
	if (readerConnection !== writerConnection) cacheStatements(readerConnection);
	const reader = drizzleSqlite(readerConnection, { schema: sqliteSchema });

	const lock = createMutex();
	const insideWrite = new AsyncLocalStorage<true>();
	// one process owns an SQLite file, so notifications never need to leave it
	const channels = createLocalChannels();

	return {
		engine: 'sqlite',
		notify: channels.notify,
		listen: channels.listen,
		tables: sqliteSchema,
		read: reader,
		async write(work) {
			if (insideWrite.getStore())
				throw new Error('db.write() called inside db.write(): use the tx you were given');
			return lock.run(() =>
				insideWrite.run(true, async () => {
					writerConnection.exec('BEGIN IMMEDIATE');
					try {
						const result = await work(writer);
						writerConnection.exec('COMMIT');
						return result;
					} catch (error) {
						if (writerConnection.inTransaction) writerConnection.exec('ROLLBACK');
						throw error;
					}
				})
			);
		},
		async ping() {
			readerConnection.prepare('select 1').get();
		},
		async migrationCount() {
			const row = readerConnection
				.prepare('select count(*) as n from __drizzle_migrations')
				.get() as {
				n: number;
			};
			return row.n;
		},
		async executeRaw(statement) {
			await lock.run(async () => void writerConnection.exec(statement));
		},
		async close() {
			if (readerConnection !== writerConnection) readerConnection.close();
			writerConnection.close();
		}
	};
}

const retryableSqlStates = new Set(['40001', '40P01']); // serialization failure, deadlock
// unique and foreign-key violations: under READ COMMITTED a lost race, but a real violation must not spin long
const raceSqlStates = new Set(['23505', '23503']);
const maxWriteAttempts = 100;
const maxRaceAttempts = 4;
// the first key of every lock named in a write; pg_advisory_xact_lock(int, int) keys never meet the migration's
// single bigint key
const writeLockSpace = 727275;

// postgres.js 3.4 can send a transaction's BEGIN without reserving its connection when the pipeline is full, and
// then refuses it (porsager/postgres#823, #1189): the work never ran, so the write is simply sent again
const driverRefusedBegin = 'UNSAFE_TRANSACTION';

function shouldRetryWrite(error: unknown, attempt: number, readCommitted: boolean): boolean {
	if (attempt >= maxWriteAttempts) return false;
	if (error instanceof WriteConflict) return true;
	const code = sqlStateOf(error) ?? '';
	if (retryableSqlStates.has(code)) return true;
	if (code === driverRefusedBegin) return attempt < maxRaceAttempts;
	return readCommitted && raceSqlStates.has(code) && attempt < maxRaceAttempts;
}

async function openPostgres(config: { url: string; poolSize?: number }): Promise<Database> {
	await migratePostgresOnce(config.url);
	const client = postgres(config.url, { max: config.poolSize ?? 10, onnotice: () => {} });
	const pool = drizzlePostgres(preparingEveryQuery(client), { schema: postgresSchema });
	// The PostgreSQL builder speaks the same query API; see Queryable.
	const read = pool as unknown as Queryable;

	return {
		engine: 'postgres',
		tables: postgresSchema as unknown as Tables,
		read,
		async write(work, options = {}) {
			const readCommitted = options.isolation === 'read committed';
			// sorted by name, so two writes naming the same locks never wait on each other crosswise
			const locks = [...(options.locks ?? [])]
				.map((lock) =>
					typeof lock === 'string'
						? { name: lock, shared: false }
						: { name: lock.shared, shared: true }
				)
				.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
			for (let attempt = 1; ; attempt++) {
				try {
					return await pool.transaction(
						async (tx) => {
							for (const lock of locks) {
								await tx.execute(
									lock.shared
										? sql`select pg_advisory_xact_lock_shared(${writeLockSpace}, hashtext(${lock.name}))`
										: sql`select pg_advisory_xact_lock(${writeLockSpace}, hashtext(${lock.name}))`
								);
							}
							return work(tx as unknown as Queryable);
						},
						// READ COMMITTED is PostgreSQL's default: saying so would cost a round trip per write (a
						// server whose default is stricter runs these stricter, which is only slower)
						readCommitted ? undefined : { isolationLevel: 'serializable' }
					);
				} catch (error) {
					if (!shouldRetryWrite(error, attempt, readCommitted)) throw error;
					// jittered backoff so that contending transactions stop colliding
					await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));
				}
			}
		},
		async ping() {
			await client`select 1`;
		},
		async migrationCount() {
			const rows = await client`select count(*)::int as n from drizzle.__drizzle_migrations`;
			return Number(rows[0]?.n ?? 0);
		},
		async notify(channel, payload) {
			await client.notify(channel, payload);
		},
		async listen(channel, onPayload, options = {}) {
			// postgres.js opens (and re-opens) a dedicated LISTEN connection; its unlisten forgets a listener that
			// was re-registered after a reconnect, so `stopped` is what really silences this one
			let stopped = false;
			let listened = false;
			const { unlisten } = await client.listen(
				channel,
				(payload) => {
					if (!stopped) onPayload(payload);
				},
				() => {
					if (listened && !stopped) options.onReconnect?.();
					listened = true;
				}
			);
			return async () => {
				if (stopped) return;
				stopped = true;
				await unlisten();
			};
		},
		async executeRaw(statement) {
			await client.unsafe(statement);
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

/**
 * The client drizzle should use: drizzle asks postgres.js for an unnamed statement unless `.prepare()` names the
 * query, so each parameterised query cost a describe round trip and a parse and plan. This one keeps every
 * query prepared on its connection (postgres.js caches them by text, until the connection's max_lifetime).
 */
function preparingEveryQuery<Client extends postgres.Sql | postgres.TransactionSql>(
	client: Client
): Client {
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === 'unsafe') {
				const unsafe = target.unsafe as (...args: unknown[]) => unknown;
				return (query: string, parameters?: unknown[], options?: postgres.UnsafeQueryOptions) =>
					unsafe(query, parameters, { ...options, prepare: true });
			}
			// a transaction's (or savepoint's) own client prepares its queries too
			if (property === 'begin' || property === 'savepoint') {
				const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
				return (...args: unknown[]) => {
					const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
					return open(...args, (tx: postgres.TransactionSql) => work(preparingEveryQuery(tx)));
				};
			}
			return Reflect.get(target, property, receiver);
		}
	});
}

// One dedicated connection holds an advisory lock, so two app processes starting at once migrate once.
async function migratePostgresOnce(url: string) {
	const client = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const db = drizzlePostgres(client);
		await db.execute(sql`select pg_advisory_lock(727274)`);
		try {
			await migratePostgres(db, { migrationsFolder: migrationsFolder('postgres') });
		} finally {
			await db.execute(sql`select pg_advisory_unlock(727274)`);
		}
	} finally {
		await client.end({ timeout: 5 });
	}
}

/** The SQLSTATE (PostgreSQL) or result code (SQLite) of a driver error, looking through Drizzle's wrapper. */
export function sqlStateOf(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
			return current.code;
		}
		current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
	}
	return undefined;
}

/** True when a write failed because a unique constraint already holds that value, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
	const code = sqlStateOf(error);
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}
