import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '../db/database';
import { setSessionCookie } from './cookie';
import { createSession, generateSessionToken } from './session';

/** Starts a fresh session (a new token every time, so no session fixation) and sets its cookie. */
export async function startSession(
	db: Database,
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	userId: string
) {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
}

/** Where someone lands after signing in when no page asked for them. */
export function homeFor(role: string): string {
	return role === 'student' ? '/learn' : '/classes';
}
