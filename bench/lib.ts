// Shared by the benchmarks: form posts sent over loopback as a non-browser client sends them, and signed-in
// accounts created straight in the database.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createAccount, type NewAccount } from '../src/lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	sessionCookieName
} from '../src/lib/server/auth/session';
import type { Content } from '../src/lib/server/content/build';
import type { Database } from '../src/lib/server/db/database';
import { createLiveSession } from '../src/lib/server/live/sessions';

export interface PostResult {
	status: number;
	location: string | null;
	setCookie: string[];
	/** from sending the request to its status line arriving */
	ms: number;
}

export interface PosterOptions {
	/**
	 * Send a request again, once, when the kept-alive connection it went out on turns out to be closed by the
	 * server (ECONNRESET before any answer on a reused socket), as browsers do; `onReset` counts each one.
	 */
	resendOnReset?: { onReset: () => void };
}

/** A kept-alive connection the server had closed as the request went out on it: nothing reached the app. */
function closedUnderneath(request: http.ClientRequest, error: NodeJS.ErrnoException) {
	return request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/**
 * Returns a function that POSTs a form to `origin` (repeated names as [name, value] pairs). It resolves as soon
 * as the status line arrives, the moment the server has answered, and rejects if the connection fails first.
 */
export function formPoster(origin: string, agent: http.Agent, options: PosterOptions = {}) {
	return (
		path: string,
		form: Record<string, string> | [string, string][],
		cookie: string,
		headers: Record<string, string> = {}
	): Promise<PostResult> => {
		const body = new URLSearchParams(form).toString();
		const started = performance.now();
		const send = (resends: number): Promise<PostResult> =>
			new Promise((resolve, reject) => {
				const request = http.request(
					`${origin}${path}`,
					{
						method: 'POST',
						agent,
						headers: {
							origin,
							cookie,
							'content-type': 'application/x-www-form-urlencoded',
							'content-length': Buffer.byteLength(body),
							...headers
						}
					},
					(response) => {
						resolve({
							status: response.statusCode ?? 0,
							location: response.headers.location ?? null,
							setCookie: response.headers['set-cookie'] ?? [],
							ms: performance.now() - started
						});
						// the answer is in; a body cut short by a dying server changes nothing
						response.on('error', () => undefined);
						response.resume();
					}
				);
				request.on('error', (error: NodeJS.ErrnoException) => {
					if (options.resendOnReset && resends === 0 && closedUnderneath(request, error)) {
						options.resendOnReset.onReset();
						resolve(send(resends + 1));
					} else reject(error);
				});
				request.end(body);
			});
		return send(0);
	};
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** "p50 / p95 / p99" of the values, to one decimal. */
export function summary(values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b);
	return [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1)).join(' / ');
}

/** An account with a session, made in the database; `cookie` is the Cookie header that signs its requests in. */
export async function signedInAccount(
	db: Database,
	account: Omit<NewAccount, 'password'>
): Promise<{ id: string; cookie: string }> {
	const created = await createAccount(db, { ...account, password: 'bench password long enough' });
	if (!created.ok) throw new Error(`could not create ${account.username}: ${created.reason}`);
	const token = generateSessionToken();
	await createSession(db, token, created.user.id);
	return { id: created.user.id, cookie: `${sessionCookieName}=${token}` };
}

/** A teacher (signed in) hosting a live review of the whole module: no timer, accuracy scoring, leaderboard. */
export async function hostedLiveSession(db: Database, content: Content, username: string) {
	const teacher = await signedInAccount(db, {
		username,
		email: username,
		displayName: 'Bench Teacher',
		role: 'teacher'
	});
	const created = await createLiveSession(db, content, {
		teacherId: teacher.id,
		classId: null,
		source: { kind: 'module' },
		options: {
			timerSeconds: null,
			scoring: 'accuracy',
			showLeaderboard: true,
			showRealNames: true,
			extraTime: {}
		}
	});
	if (!created.ok) throw new Error(created.message);
	return { teacher, session: created.session };
}

/** What `bench/live.ts` measured: the whole run, and per app process. */
export interface LiveResult {
	engine: 'sqlite' | 'postgres';
	processes: number;
	players: number;
	questions: number;
	eventDelay: string;
	eventDelayP99: number;
	ack: string;
	ackP99: number;
	acknowledged: number;
	refused: number;
	lost: number;
	missing: number;
	/** events the projector's stream received (the teacher's screen, open throughout) */
	projectorEvents: number;
	/** average KB of one event's data as a player receives it, per event type */
	eventKb: Record<string, number>;
	resets: number;
	failedPosts: number;
	droppedStreams: number;
	perProcess: {
		port: number;
		players: number;
		eventDelay: string;
		ack: string;
		peakMb: number;
		kbPerPlayer: number;
		cpu: string;
	}[];
}

/** The result as Markdown rows: the whole run, then one row per app process. */
export function liveTable(result: LiveResult): string {
	return [
		`| engine | processes | players | questions | event delay p50/p95/p99 (ms) | answer ack p50/p95/p99 (ms) | answers acked | refused | lost | events missing | resets resent | posts failed | streams dropped |`,
		`|---|---|---|---|---|---|---|---|---|---|---|---|---|`,
		`| ${result.engine} | ${result.processes} | ${result.players} | ${result.questions} | ${result.eventDelay} | ${result.ack} | ${result.acknowledged} | ${result.refused} | ${result.lost} | ${result.missing} | ${result.resets} | ${result.failedPosts} | ${result.droppedStreams} |`,
		'',
		`| process (port) | players | event delay p50/p95/p99 (ms) | answer ack p50/p95/p99 (ms) | peak RSS | memory per connected player | CPU |`,
		`|---|---|---|---|---|---|---|`,
		...result.perProcess.map(
			(p) =>
				`| ${p.port} | ${p.players} | ${p.eventDelay} | ${p.ack} | ${p.peakMb} MB | ${p.kbPerPlayer} KB | ${p.cpu} |`
		),
		'',
		`Average event size per player (KB): ${eventSizes(result)}; the projector got ${result.projectorEvents} events.`
	].join('\n');
}

export function eventSizes(result: LiveResult): string {
	return Object.entries(result.eventKb)
		.map(([type, kb]) => `${type} ${kb}`)
		.join(', ');
}
