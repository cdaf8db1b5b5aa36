// Test-only: runs a route's form action or page load in-process, as SvelteKit would after hooks.server.ts,
// so rules that need no browser or HTTP (a field's refusals, who may do what) are proven in Vitest.
import {
	isActionFailure,
	isHttpError,
	isRedirect,
	type Cookies,
	type RequestEvent
} from '@sveltejs/kit';
import type { SessionUser } from './auth/session';
import { requestBody, type BodyShape } from './test-bad-input';

type Handler = (event: RequestEvent) => unknown;
interface RouteModule {
	load?: Handler;
	actions?: Record<string, Handler>;
}

const modules = import.meta.glob<RouteModule>('../../routes/**/+page.server.ts');

/** Each page route as a pattern over the path, with the names of its [params]. */
const routes = Object.keys(modules).map((file) => {
	const route = file.replace('../../routes', '').replace(/\/\+page\.server\.ts$/, '') || '/';
	const names: string[] = [];
	const pattern = route.replace(/\[(\w+)\]/g, (_, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { file, route, names, pattern: new RegExp(`^${pattern}$`) };
});

/** What a route answered: a redirect, a refusal (failure or error) with its message, or data. */
export type RouteAnswer =
	| { status: 303 | 302 | 307 | 308; location: string }
	| { status: number; message: string | null; data: unknown };

/** A browser's cookie jar for one request: what it sends, and what the route sets. */
function cookieJar(sent: Record<string, string>): Cookies {
	const jar = new Map(Object.entries(sent));
	return {
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: (name, value) => `${name}=${value}`
	};
}

export interface RouteRequest {
	method: 'GET' | 'POST';
	/** the path with its query: `/classes/<id>/students?/remove`, `/classes/<id>/students?remove=<id>` */
	path: string;
	user: SessionUser | null;
	body?: BodyShape;
	cookies?: Record<string, string>;
	address?: string;
}

/** Runs one request's page load (GET) or form action (POST); the answer is what the route decided. */
export async function runRoute(request: RouteRequest): Promise<RouteAnswer> {
	const url = new URL(request.path, 'http://127.0.0.1:3000');
	const found = routes.find((route) => route.pattern.test(url.pathname));
	if (!found) throw new Error(`no page route answers ${url.pathname}`);
	const values = found.pattern.exec(url.pathname)!.slice(1);
	const params = Object.fromEntries(
		found.names.map((name, i) => [name, decodeURIComponent(values[i]!)])
	);
	const module = await modules[found.file]!();
	let handler: Handler | undefined;
	let init: RequestInit = { method: request.method };
	if (request.method === 'POST') {
		const name = [...url.searchParams.keys()].find((key) => key.startsWith('/'))?.slice(1);
		handler = module.actions?.[name ?? 'default'];
		const { headers, data } = requestBody(request.body ?? { kind: 'form', fields: [] });
		init = { method: 'POST', headers, body: new Uint8Array(data) };
	} else handler = module.load;
	if (!handler)
		throw new Error(`${found.route} has no ${request.method === 'GET' ? 'load' : 'such action'}`);
	const event = {
		request: new Request(url, init),
		url,
		params,
		route: { id: found.route },
		locals: { requestId: 'test', user: request.user, session: null },
		cookies: cookieJar(request.cookies ?? {}),
		getClientAddress: () => request.address ?? '127.0.0.1',
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false,
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn()
	} as unknown as RequestEvent;
	try {
		const result = await handler(event);
		if (isActionFailure(result)) {
			const data = result.data as unknown as Record<string, unknown>;
			return { status: result.status, message: messageOf(data), data };
		}
		return { status: 200, message: null, data: result };
	} catch (thrown) {
		if (isRedirect(thrown)) {
			return { status: thrown.status as 303, location: thrown.location };
		}
		if (isHttpError(thrown))
			return { status: thrown.status, message: thrown.body.message, data: null };
		throw thrown;
	}
}

function messageOf(data: Record<string, unknown>): string | null {
	for (const [key, value] of Object.entries(data)) {
		if ((key === 'message' || key === 'deleteError') && typeof value === 'string') return value;
		if (key !== 'values' && value && typeof value === 'object') {
			const nested = messageOf(value as Record<string, unknown>);
			if (nested) return nested;
		}
	}
	return null;
}
