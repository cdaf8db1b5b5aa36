import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import { hostView, loadLiveState } from '$lib/server/live/views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { session } = await requireOwnLiveSession(event, db);
	const state = await loadLiveState(db, getContent(), session.id);
	if (!state) error(404, 'There is no such review session. It may have been deleted.');
	return {
		view: hostView(state),
		joinUrl: `${event.url.origin}/live/${session.code}`,
		serverNow: Date.now()
	};
};
