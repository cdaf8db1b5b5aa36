import { getLocale } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import { liveEventStream } from '$lib/server/live/stream';
import type { RequestHandler } from './$types';

/** The host's event stream (controls and projector): the session's own teacher only. */
export const GET: RequestHandler = async (event) => {
	// visitors are sent to sign in, students and other teachers get 403, an unknown session 404
	const { session } = await requireOwnLiveSession(event, await getDatabase());
	return liveEventStream({
		sessionId: session.id,
		// in the language of the page that opened it: /es/… projectors show the Spanish question
		audience: { kind: 'host', locale: getLocale() },
		lastEventId: event.request.headers.get('last-event-id'),
		signal: event.request.signal
	});
};
