import { defineConfig } from 'drizzle-kit';

// SQLite is the default engine; drizzle.postgres.config.ts generates the PostgreSQL migrations.
export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema.sqlite.ts',
	out: './drizzle/sqlite',
	dbCredentials: { url: process.env.SQLITE_PATH ?? 'data/evidencia.sqlite' },
	strict: true,
	verbose: true
});
