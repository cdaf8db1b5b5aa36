import { json } from '@sveltejs/kit';
import { getDatabase, migrationVersion } from '$lib/server/db';
import { log } from '$lib/server/log';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const db = await getDatabase();
		await db.ping();
		return json({ status: 'ok', database: db.engine, ...(await migrationVersion(db)) });
	} catch (error) {
		log.error('health check failed', { error: String(error) });
		return json(
			{ status: 'unavailable', message: 'The database did not answer.' },
			{ status: 503 }
		);
	}
};
