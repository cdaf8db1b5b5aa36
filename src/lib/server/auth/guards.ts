import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { localHref, m } from '$lib/i18n';
import type { SessionUser } from './session';

/**
 * Only same-site paths are followed after sign-in, so the link can't send anyone elsewhere. The target is
 * normalised first (dot segments, percent-encoded dots, tabs and line breaks browsers drop), then only a
 * path that starts with exactly one slash is kept: "/..//evil.example" normalises to "//evil.example".
 */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/')) return fallback;
	const origin = 'http://same.invalid';
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		return fallback;
	}
	const path = url.pathname;
	if (url.origin !== origin || !path.startsWith('/') || /^\/[/\\]/.test(path)) return fallback;
	// a path that still decodes to "//" or "/\\" is read as another host by some clients
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return fallback;
	}
	if (/^\/[/\\]/.test(decoded) || /^\/\.{1,2}(\/|$)/.test(decoded)) return fallback;
	return path + url.search + url.hash;
}

/** Signed-in areas send visitors to sign in, then back to where they were going. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, localHref(`/signin?redirectTo=${encodeURIComponent(back)}`));
	}
	return user;
}

export function requireTeacher(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'teacher' && user.role !== 'admin') {
		error(403, m.error_teachers_only());
	}
	return user;
}

/** Pages about an account itself (password, my data) are for real accounts, not guest records. */
export function requireAccount(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (user.isGuest) {
		const back = event.url.pathname + event.url.search;
		redirect(303, localHref(`/signin?redirectTo=${encodeURIComponent(back)}`));
	}
	return user;
}

export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'admin') error(403, m.error_admins_only());
	return user;
}
