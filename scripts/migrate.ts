// `npm run db:migrate`: apply pending migrations to DATABASE_URL without starting the server.
import { configFromUrl, openDatabase } from '../src/lib/server/db/database';

const config = configFromUrl(process.env.DATABASE_URL);
const db = await openDatabase(config);
console.log(`${config.engine}: ${await db.migrationCount()} migrations applied`);
await db.close();
