import { getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { expect, expectTypeOf, it } from 'vitest';
import * as postgresSchema from './schema.postgres';
import * as sqliteSchema from './schema.sqlite';

type Rows<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };

it('declares the same tables, columns and row types for SQLite and PostgreSQL', () => {
	// checked by svelte-check: domain code typed against one schema must be right for the other
	expectTypeOf<Rows<typeof postgresSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>();

	const describeSqlite = Object.values(sqliteSchema).map((table) => {
		const config = sqliteTableConfig(table);
		return {
			name: config.name,
			columns: config.columns.map((c) => [c.name, c.notNull, c.primary])
		};
	});
	const describePostgres = Object.values(postgresSchema).map((table) => {
		const config = pgTableConfig(table);
		return {
			name: config.name,
			columns: config.columns.map((c) => [c.name, c.notNull, c.primary])
		};
	});
	expect(describePostgres).toEqual(describeSqlite);
});
