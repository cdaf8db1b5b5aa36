// Test-only: a cheap fingerprint of every table, to prove a refused request changed no row.
import type BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { Database, Tables } from './database';

/** Per table: how many rows it holds, and an order-free sum of a hash of each row's every value. */
export type TableFingerprint = { rows: number; digest: number };
export type DatabaseFingerprint = Record<keyof Tables, TableFingerprint>;

/** FNV-1a (32 bits) of a row's values, each tagged with its type so 1 and '1' differ. */
function rowHash(...values: unknown[]): number {
	const text = values
		.map((value) => (value === null ? '\u0000' : `${typeof value}:${String(value)}`))
		.join('\u0001');
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

const withRowHash = new WeakSet<BetterSqlite3.Database>();
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One query over every table. Sums of 32-bit hashes stay exact in a double up to 2^21 rows, and an UPDATE
 * that keeps every count still changes its row's hash. PRAGMA data_version would be cheaper but only sees
 * other connections' commits, so a test that undoes the server's write itself would look changed.
 */
export async function databaseFingerprint(
	db: Database,
	/** per table, a raw SQL condition on the rows counted: to leave out rows a case is expected to add */
	only: Partial<Record<keyof Tables, string>> = {}
): Promise<DatabaseFingerprint> {
	const tables = Object.entries(db.tables) as [keyof Tables, Tables['users']][];
	const parts = tables.map(([key, table]) => {
		const name = getTableName(table);
		const columns = Object.values(getTableColumns(table)).map((column) => quoted(column.name));
		const digest =
			db.engine === 'sqlite'
				? `total(evidencia_row_hash(${columns.join(', ')}))`
				: `coalesce(sum(('x' || substr(md5(t::text), 1, 8))::bit(32)::bigint), 0)::float8`;
		const where = only[key] ? ` where ${only[key]}` : '';
		return `select '${key}' as "table", count(*) as "rows", ${digest} as "digest" from ${quoted(name)} t${where}`;
	});
	const query = parts.join(' union all ');
	let rows: { table: string; rows: number | string; digest: number | string }[];
	if (db.engine === 'sqlite') {
		const client = (db.read as unknown as { $client: BetterSqlite3.Database }).$client;
		if (!withRowHash.has(client)) {
			client.function('evidencia_row_hash', { deterministic: true, varargs: true }, rowHash);
			withRowHash.add(client);
		}
		rows = client.prepare(query).all() as typeof rows;
	} else {
		// the PostgreSQL builder behind db.read runs raw SQL with execute(), which the SQLite type lacks
		const pool = db.read as unknown as { execute(query: SQL): Promise<typeof rows> };
		rows = await pool.execute(sql.raw(query));
	}
	return Object.fromEntries(
		rows.map((row) => [row.table, { rows: Number(row.rows), digest: Number(row.digest) }])
	) as DatabaseFingerprint;
}
