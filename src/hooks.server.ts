import { AsyncLocalStorage } from 'node:async_hooks';
import {
	json,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { getContent } from '$lib/server/content';
import { getDatabase, migrationVersion } from '$lib/server/db';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { sessionCookieName, validateSessionToken } from '$lib/server/auth/session';
import { firstRunLoginsFile, seedOnFirstRun } from '$lib/server/seed';
import { initHub } from '$lib/server/live/hub';
import { liveCookieName } from '$lib/server/live/players';
import { nicknameListSizes } from '$lib/server/live/nicknames';
import {
	commonSecurityHeaders,
	strictContentSecurityPolicy,
	strictTransportSecurity
} from '$lib/server/security-headers.js';
import { log, requestIdFrom, withRequestId } from '$lib/server/log';
import { crossSiteFormRefusal } from '$lib/server/cross-site';
import { startGradeDelivery } from '$lib/server/lti/grades';
import { rememberedLocale } from '$lib/server/i18n/preference';
import { getLocale, localHref, m } from '$lib/i18n';
import {
	baseLocale,
	extractLocaleFromRequest,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import errorPage from './error.html?raw';

/** Bodies past this are refused before anything reads them; form fields have far smaller limits of their own. */
const maxBodyBytes = 2 * 1024 * 1024;

export const init: ServerInit = async () => {
	// invalid lessons stop the server here, listing every problem as file:line
	const content = getContent();
	log.info('content ready', { lessons: content.lessons.size, questions: content.questions.size });
	// the nickname lists were read when this module loaded: a malformed line has already stopped the server
	log.info('nickname lists ready', nicknameListSizes());
	const db = await getDatabase();
	log.info('database ready', { engine: db.engine, ...(await migrationVersion(db)) });
	await seedOnFirstRun(db, content, {
		demo: env.EVIDENCIA_SEED_DEMO === '1',
		admin: env.EVIDENCIA_FIRST_ADMIN === '1',
		isTTY: process.stdout.isTTY === true,
		loginsFile: firstRunLoginsFile
	});
	// live sessions: this process hears every other process's changes before it serves a stream
	await initHub(db);
	// LMS gradebooks: scores queued before a restart go out now, new ones within seconds
	startGradeDelivery(db, content);
};

// every log line written while serving a request names it; the response and the error page carry the same id
const tagRequest: Handle = ({ event, resolve }) => {
	const requestId = requestIdFrom(event.request.headers);
	event.locals.requestId = requestId;
	return withRequestId(requestId, async () => {
		const started = performance.now();
		const response = await resolve(event);
		response.headers.set('X-Request-Id', requestId);
		log.info('request', {
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		});
		return response;
	});
};

/**
 * A refusal made before any route runs, as Kit would make it (JSON for scripts, the static error page for
 * browsers) but returned rather than thrown, so that securityHeaders still marks it.
 */
function refusal(event: RequestEvent, status: number, message: string): Response {
	const errorId = event.locals.requestId;
	const accept = event.request.headers.get('accept') || 'text/html';
	if (!accept.includes('text/html') || accept.includes('application/json')) {
		return json({ message, errorId }, { status });
	}
	const shown = m.error_with_id({ message, errorId });
	const escaped = shown.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	const page = errorPage
		.replaceAll('%sveltekit.status%', String(status))
		.replaceAll('%sveltekit.error.message%', escaped);
	return new Response(page, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * Reads a copy of the body to its end, or until it passes the limit, so that a body sent without a
 * Content-Length (chunked) is refused here too rather than failing as an unreadable form in the route.
 */
async function bodyTooLarge(request: Request): Promise<boolean> {
	if (!request.body) return false;
	const reader = request.clone().body?.getReader();
	if (!reader) return false;
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return false;
			size += value.byteLength;
			if (size > maxBodyBytes) {
				void reader.cancel().catch(() => undefined);
				return true;
			}
		}
	} catch (error) {
		// adapter-node fails the stream with a 413 of its own past BODY_SIZE_LIMIT; anything else is the route's to meet
		return typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
	}
}

const refuseOversizedBodies: Handle = async ({ event, resolve }) => {
	const limit = maxBodyBytes / 1024 / 1024;
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > maxBodyBytes) {
		const message = m.error_too_large_size({ size: Math.ceil(length / 1024), limit });
		return refusal(event, 413, message);
	}
	if (await bodyTooLarge(event.request)) {
		return refusal(event, 413, m.error_too_large({ limit }));
	}
	return resolve(event);
};

// SvelteKit's CSRF check, moved here (svelte.config.js) so that an LMS may post the LTI launch
const refuseCrossSiteForms: Handle = async ({ event, resolve }) => {
	const message = crossSiteFormRefusal(event.request, event.url);
	if (message === null) return resolve(event);
	if (event.request.headers.get('accept') === 'application/json') {
		return json({ message }, { status: 403 });
	}
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
};

// PostgreSQL cannot compare text holding a NUL, so an id with one in the address would end in a 500
const refuseNulInAddress: Handle = async ({ event, resolve }) => {
	if (/%00/i.test(event.url.pathname)) {
		return refusal(event, 404, m.error_no_page());
	}
	return resolve(event);
};

const authenticate: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const db = await getDatabase();
	const { session, user } = await validateSessionToken(db, token);
	if (session) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	else deleteSessionCookie(event.cookies, event.url);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

const livePlayerCookiePrefix = liveCookieName('');

/** Whether a response is about one person: a signed-in account, a guest, a live player, or a new cookie. */
function isPersonal(event: RequestEvent, response: Response): boolean {
	if (event.locals.user || response.headers.has('set-cookie')) return true;
	return event.cookies
		.getAll()
		.some(({ name }) => name === sessionCookieName || name.startsWith(livePlayerCookiePrefix));
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(commonSecurityHeaders)) {
		response.headers.set(name, value);
	}
	if (event.url.protocol === 'https:') {
		response.headers.set('Strict-Transport-Security', strictTransportSecurity);
	}
	// Kit sets CSP on pages; endpoints and errors get a strict one of their own
	const policy = response.headers.get('Content-Security-Policy');
	if (policy && event.locals.formActionOrigin) {
		const origin = event.locals.formActionOrigin;
		response.headers.set(
			'Content-Security-Policy',
			policy.replace("form-action 'self'", `form-action 'self' ${origin}`)
		);
	}
	if (!policy) {
		response.headers.set('Content-Security-Policy', strictContentSecurityPolicy);
	}
	// a shared cache must never hand one person's page to another; a route that chose no-store keeps its own
	if (!/\bcookie\b/i.test(response.headers.get('Vary') ?? '')) {
		response.headers.append('Vary', 'Cookie');
	}
	const cacheControl = response.headers.get('Cache-Control') ?? '';
	if (isPersonal(event, response) && !/\bno-store\b/.test(cacheControl)) {
		const noTransform = /\bno-transform\b/.test(cacheControl) ? ', no-transform' : '';
		response.headers.set('Cache-Control', `private, no-store${noTransform}`);
	}
	return response;
};

// Kit answers a non-browser form post with 200 and {type:'failure' or 'redirect'}; give such clients the real status.
const actionFailureStatus: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const fromEnhance = event.request.headers.has('x-sveltekit-action');
	const isJson = response.headers.get('content-type')?.startsWith('application/json');
	if (event.request.method !== 'POST' || fromEnhance || !isJson || response.status !== 200) {
		return response;
	}
	const body: unknown = await response
		.clone()
		.json()
		.catch(() => null);
	if (
		body &&
		typeof body === 'object' &&
		'type' in body &&
		body.type === 'failure' &&
		'status' in body
	) {
		const status = Number(body.status);
		if (status >= 400 && status < 500) {
			return new Response(response.body, { status, headers: response.headers });
		}
	}
	// a redirect (e.g. "sign in first") becomes a real one too, not a 200 describing it
	if (body && typeof body === 'object' && 'type' in body && body.type === 'redirect') {
		const { status, location } = body as { status?: unknown; location?: unknown };
		if (typeof location === 'string' && Number(status) >= 300 && Number(status) < 400) {
			const headers = new Headers(response.headers);
			headers.delete('content-type');
			headers.delete('content-length');
			headers.set('location', location);
			return new Response(null, { status: Number(status), headers });
		}
	}
	return response;
};

/** Paraglide's store of the request's language, which its message functions and getLocale() read. */
const requestLanguage = new AsyncLocalStorage<{
	locale?: Locale;
	origin?: string;
	messageCalls?: Set<string>;
}>();
overwriteServerAsyncLocalStorage(requestLanguage);

// the language comes from the address (/es/… is Spanish); every message, date and lesson text below reads it.
// Paraglide's middleware would also clone each request (its body too) to hand on a de-localized URL, which the
// reroute hook (hooks.ts) already gives SvelteKit's router: 3–4% of every request's CPU (bench/RESULTS.md)
const language: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	return requestLanguage.run({ locale, origin: event.url.origin, messageCalls: new Set() }, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		})
	);
};

// an address without a language prefix opens in the language the reader chose before (account, then cookie)
const openInChosenLanguage: Handle = async ({ event, resolve }) => {
	const isPageVisit =
		event.request.method === 'GET' &&
		(event.request.headers.get('sec-fetch-dest') === 'document' ||
			(!event.request.headers.has('sec-fetch-dest') &&
				(event.request.headers.get('accept') ?? '').includes('text/html')));
	if (isPageVisit && !event.isDataRequest) {
		const chosen = rememberedLocale(event.locals.user, event.cookies);
		const here = event.url.pathname + event.url.search;
		// an address with a language in it (/es/…) is a choice already: only an unprefixed one is redirected
		const unprefixed = getLocale() === baseLocale;
		if (unprefixed && chosen && chosen !== baseLocale) {
			return new Response(null, { status: 307, headers: { location: localHref(here, chosen) } });
		}
	}
	return resolve(event);
};

// securityHeaders goes first so that it marks every response, the early refusals included
export const handle = sequence(
	tagRequest,
	securityHeaders,
	refuseCrossSiteForms,
	language,
	refuseOversizedBodies,
	refuseNulInAddress,
	authenticate,
	openInChosenLanguage,
	actionFailureStatus
);

export const handleError: HandleServerError = ({ error: thrown, event, status, message }) => {
	const errorId = event.locals.requestId ?? crypto.randomUUID();
	if (status >= 500) {
		log.error('unexpected error', {
			errorId,
			status,
			method: event.request.method,
			path: event.url.pathname,
			error: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)
		});
		return { message: m.error_server(), errorId };
	}
	// Kit's own 4xx errors carry a precise explanation in .message (e.g. what content type a form needs)
	const explanation = thrown instanceof Error && thrown.message ? thrown.message : message;
	// except a link with a broken %-escape, where it names the decoder rather than the problem
	if (explanation.startsWith('Failed to decode URI')) {
		return { message: m.error_unreadable_address(), errorId };
	}
	return { message: explanation, errorId };
};
