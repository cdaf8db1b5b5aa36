// `npm run db:migrate`: apply pending migrations to DATABASE_URL without starting the server.
import { configFromUrl, migrationVersion, openDatabase } from '../src/lib/server/db/database';

const config = configFromUrl(process.env.DATABASE_URL);
const db = await openDatabase(config);
const { migrations, version } = await migrationVersion(db);
console.log(`${config.engine}: ${migrations} migrations applied, the last ${version}`);
await db.close();
