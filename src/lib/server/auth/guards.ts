import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './session';

/** Only same-site paths are followed after sign-in, so the link can't send anyone elsewhere. */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback;
	}
	// browsers drop tabs and line breaks from a URL, so "/\t/evil.example" is "//evil.example" to them
	const origin = 'http://same.invalid';
	const url = new URL(target, origin);
	return url.origin === origin ? url.pathname + url.search + url.hash : fallback;
}

/** Signed-in areas send visitors to sign in, then back to where they were going. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/signin?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

export function requireTeacher(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'teacher' && user.role !== 'admin') {
		error(403, 'This page is for teachers. You are signed in with a student account.');
	}
	return user;
}

/** Pages about an account itself (password, my data) are for real accounts, not guest records. */
export function requireAccount(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (user.isGuest) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/signin?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}
