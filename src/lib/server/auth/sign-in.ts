import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '../db/database';
import { setSessionCookie } from './cookie';
import { createSession, generateSessionToken, invalidateSession } from './session';
import { getLocale, type Locale } from '$lib/i18n';
import { accountLocale, rememberLocaleCookie } from '../i18n/preference';

/**
 * Starts a fresh session and sets its cookie. The token is new every time and the session the request came
 * with ends, so a token planted before sign-in (session fixation) is worth nothing afterwards. Returns the
 * language the account reads in (its choice, else its class's default, else this page's), remembered here.
 */
export async function startSession(
	db: Database,
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>,
	userId: string
): Promise<Locale> {
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	const locale = (await accountLocale(db, userId)) ?? getLocale();
	rememberLocaleCookie(event.cookies, locale);
	return locale;
}

/** Where someone lands after signing in when no page asked for them. */
export function homeFor(role: string): string {
	return role === 'student' ? '/learn' : '/classes';
}
