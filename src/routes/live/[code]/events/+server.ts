import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { lookUpLiveCode } from '$lib/server/live/guesses';
import { liveCookieName } from '$lib/server/live/players';
import { liveEventStream } from '$lib/server/live/stream';
import type { RequestHandler } from './$types';

/**
 * A player's event stream (text/event-stream): only for a player of this session, found by their account or
 * their resume cookie; the view never holds an answer key before the teacher reveals. Wrong codes count
 * against the address as on the session's page, so the stream's 404 and 403 tell a guesser no more.
 */
export const GET: RequestHandler = async ({
	params,
	locals,
	cookies,
	request,
	getClientAddress,
	setHeaders
}) => {
	const found = await lookUpLiveCode(await getDatabase(), {
		code: params.code,
		address: getClientAddress(),
		user: locals.user,
		resumeTokenFor: (sessionId) => cookies.get(liveCookieName(sessionId)) ?? null
	});
	if (!found.ok) {
		if (found.status === 429) setHeaders({ 'retry-after': String(found.retryAfterSeconds) });
		error(found.status, found.message);
	}
	if (!found.player) error(403, m.live_err_join_stream());
	return liveEventStream({
		sessionId: found.session.id,
		audience: { kind: 'player', playerId: found.player.id },
		lastEventId: request.headers.get('last-event-id'),
		signal: request.signal
	});
};
