import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '../db/database';
import { createGuest } from './guests';
import { startSession } from './sign-in';
import type { SessionUser } from './session';

/**
 * Whoever is answering: the signed-in user, or a guest record created on a visitor's first answer (with a
 * session cookie), so that nothing a visitor submits is lost.
 */
export async function currentLearner(
	db: Database,
	event: Pick<RequestEvent, 'locals' | 'cookies' | 'url'>
): Promise<SessionUser> {
	if (event.locals.user) return event.locals.user;
	const guestId = await createGuest(db);
	await startSession(db, event, guestId);
	const guest: SessionUser = {
		id: guestId,
		username: `guest-${guestId}`,
		displayName: 'Guest',
		role: 'student',
		isGuest: true
	};
	event.locals.user = guest;
	return guest;
}
