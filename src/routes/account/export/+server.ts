import { error } from '@sveltejs/kit';
import { exportUserData } from '$lib/server/account/my-data';
import { requireAccount } from '$lib/server/auth/guards';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireAccount(event);
	const data = await exportUserData(await getDatabase(), user.id);
	if (!data) error(404, m.error_no_account());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="evidencia-${user.username.replace(/[^a-z0-9._-]/gi, '_')}.json"`,
			'cache-control': 'no-store'
		}
	});
};
