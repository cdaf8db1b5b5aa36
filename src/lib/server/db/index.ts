import { env } from '$env/dynamic/private';
import { configFromUrl, openDatabase, type Database } from './database';

export type { Database, Queryable, Tables } from './database';
export { isUniqueViolation, migrationVersion } from './database';

// The app's one database handle, opened (and migrated) on first use; domain modules receive it as a parameter.
let database: Promise<Database> | undefined;

export function getDatabase(): Promise<Database> {
	if (!database) {
		const config = configFromUrl(env.DATABASE_URL);
		const poolSize = Number(env.DATABASE_POOL_SIZE);
		if (config.engine === 'postgres' && Number.isInteger(poolSize) && poolSize > 0) {
			config.poolSize = poolSize;
		}
		database = openDatabase(config);
	}
	return database;
}
