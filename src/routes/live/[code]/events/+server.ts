import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { liveCookieName, playerFor } from '$lib/server/live/players';
import { sessionByCode } from '$lib/server/live/sessions';
import { liveEventStream } from '$lib/server/live/stream';
import type { RequestHandler } from './$types';

/**
 * A player's event stream (text/event-stream): only for a player of this session, found by their account or
 * their resume cookie; the view never holds an answer key before the teacher reveals.
 */
export const GET: RequestHandler = async ({ params, locals, cookies, request }) => {
	const db = await getDatabase();
	const session = await sessionByCode(db, params.code);
	if (!session) {
		error(404, `No review session has the code ${params.code.slice(0, 20)}.`);
	}
	const player = await playerFor(db, session.id, {
		user: locals.user,
		resumeToken: cookies.get(liveCookieName(session.id)) ?? null
	});
	if (!player) error(403, 'Join this review session first: open its page and enter a nickname.');
	return liveEventStream({
		sessionId: session.id,
		audience: { kind: 'player', playerId: player.id },
		lastEventId: request.headers.get('last-event-id'),
		signal: request.signal
	});
};
