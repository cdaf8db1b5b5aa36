import { error } from '@sveltejs/kit';
import { localHref, m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { hostControl, requireOwnLiveSession } from '$lib/server/live/pages';
import { end, pause, resume, reveal, startOrNext } from '$lib/server/live/sessions';
import { hostView, loadLiveState } from '$lib/server/live/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { session } = await requireOwnLiveSession(event, db);
	const state = await loadLiveState(db, getContent(), session.id);
	if (!state) error(404, m.live_err_no_such_session());
	return {
		view: hostView(state),
		// the join page in the teacher's language; each phone can still switch to its own
		joinUrl: `${event.url.origin}${localHref(`/live/${session.code}`)}`,
		// ?end is the confirm step, on the projector itself, so it works without JavaScript
		confirmEnd: event.url.searchParams.has('end') && session.phase !== 'ended',
		serverNow: Date.now()
	};
};

// the projector runs the session with the same controls as the host page, and comes back to itself
const backToProjector = (sessionId: string) => `/live/host/${sessionId}/projector`;

export const actions: Actions = {
	next: hostControl((db, ref) => startOrNext(db, ref), backToProjector),
	reveal: hostControl((db, ref) => reveal(db, ref), backToProjector),
	pause: hostControl((db, ref) => pause(db, ref), backToProjector),
	resume: hostControl((db, ref) => resume(db, ref), backToProjector),
	end: hostControl((db, ref) => end(db, ref), backToProjector)
};
