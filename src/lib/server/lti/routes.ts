import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localHref } from '$lib/i18n';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { setSessionCookie } from '../auth/cookie';
import { createSession, generateSessionToken, invalidateSession } from '../auth/session';
import { log } from '../log';
import { readForm } from '../request';
import { toolJwks } from './keys';
import { verifyLaunch } from './launch';
import { beginLogin, setStateCookie, stateCookieName } from './login';
import { applyLaunch } from './provision';
import { LtiRefusal } from './refusal';

/** A refusal shown as the error page, its code logged so an admin can match a teacher's report to a cause. */
function refuse(event: RequestEvent, refusal: unknown): never {
	if (!(refusal instanceof LtiRefusal)) throw refusal;
	log.warn('lti refused', { path: event.url.pathname, code: refusal.code, status: refusal.status });
	error(refusal.status, refusal.message);
}

/** OIDC login initiation: GET or POST from the platform, answered with a redirect to its authorization page. */
export async function loginEndpoint(event: RequestEvent): Promise<Response> {
	const params =
		event.request.method === 'POST' ? await readForm(event.request) : event.url.searchParams;
	const db = await getDatabase();
	try {
		const { redirectTo, state } = await beginLogin(db, params, event.url.origin);
		setStateCookie(event.cookies, event.url, state);
		return new Response(null, { status: 302, headers: { location: redirectTo } });
	} catch (refusal) {
		refuse(event, refusal);
	}
}

/**
 * The launch: the platform's form POST of an id_token, as the launch page's action. Opens the user's session and
 * sends them on; a refusal comes back as the action's failure, shown on the page with its reason.
 */
export async function launchAction(event: RequestEvent) {
	const form = await readForm(event.request);
	const db = await getDatabase();
	let outcome;
	try {
		const launch = await verifyLaunch(db, form, event.cookies);
		outcome = await applyLaunch(db, getContent(), launch);
	} catch (refusal) {
		if (!(refusal instanceof LtiRefusal)) throw refusal;
		log.warn('lti refused', {
			path: event.url.pathname,
			code: refusal.code,
			status: refusal.status
		});
		return fail(refusal.status, { message: refusal.message, code: refusal.code });
	} finally {
		const state = form.get('state');
		if (typeof state === 'string') event.cookies.delete(stateCookieName(state), { path: '/lti' });
	}
	if (event.locals.session && event.locals.user?.id !== outcome.userId) {
		await invalidateSession(db, event.locals.session.id);
	}
	if (event.locals.user?.id !== outcome.userId) {
		const token = generateSessionToken();
		const session = await createSession(db, token, outcome.userId);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	}
	redirect(303, localHref(outcome.redirectTo));
}

/** The tool's public keys; platforms cache them, so rotation keeps old keys published a while. */
export async function jwksEndpoint(): Promise<Response> {
	const db = await getDatabase();
	return new Response(JSON.stringify(await toolJwks(db)), {
		headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }
	});
}
