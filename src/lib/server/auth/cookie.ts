import type { Cookies } from '@sveltejs/kit';
import { sessionCookieName } from './session';

/** httpOnly and SameSite=Lax always; Secure whenever the site is served over HTTPS. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(sessionCookieName, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(sessionCookieName, { path: '/', secure: url.protocol === 'https:' });
}
