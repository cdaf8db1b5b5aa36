import { AsyncLocalStorage } from 'node:async_hooks';

type Fields = Record<string, unknown>;

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` so that every line it logs, however deep or late, carries this request's id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
	return requestContext.run({ requestId }, work);
}

// an id a proxy in front of us chose is kept (so its logs and ours line up) only when it is short and plain
const forwardedIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/** The id for a new request: the one a proxy sent in X-Request-Id if it looks sane, otherwise a new one. */
export function requestIdFrom(headers: Headers): string {
	const forwarded = headers.get('x-request-id');
	return forwarded && forwardedIdPattern.test(forwarded) ? forwarded : crypto.randomUUID();
}

// Lines wait for the end of this turn of the event loop and go out in one write: a busy server logs a line
// per request, and a write call per line costs more than the request's own work. Errors go out at once.
let pending: string[] = [];
function flush() {
	if (pending.length === 0) return;
	const text = pending.join('');
	pending = [];
	process.stdout.write(text);
}
process.once('exit', flush);

// One JSON object per line, so logs stay greppable and machine-readable.
function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}) {
	const requestId = requestContext.getStore()?.requestId;
	const line = JSON.stringify({
		time: new Date().toISOString(),
		level,
		message,
		...(requestId ? { requestId } : {}),
		...fields
	});
	if (level === 'error') {
		flush();
		process.stderr.write(`${line}\n`);
		return;
	}
	if (pending.length === 0) setImmediate(flush);
	pending.push(`${line}\n`);
}

export const log = {
	info: (message: string, fields?: Fields) => write('info', message, fields),
	warn: (message: string, fields?: Fields) => write('warn', message, fields),
	error: (message: string, fields?: Fields) => write('error', message, fields)
};
