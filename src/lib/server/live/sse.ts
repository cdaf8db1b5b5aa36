import type { LiveEventName, PhaseEventName } from '../../live/events';
import type { LivePhase, UiLocale as Locale } from '../db/enums';
import { log } from '../log';
import { hubReady, subscribe as hubSubscribe, type LiveChange, type LiveListener } from './hub';

/**
 * Server-sent events for live sessions. Every event's `data` is the complete current view of its audience
 * (HostView or PlayerView as JSON) and its `id` the session's version, so a client just replaces what it shows;
 * the event name (one of liveEventNames in src/lib/live/events.ts) says what kind of change it was;
 * `answers` comes at most once a second.
 * A `: heartbeat` comment every 15 s keeps proxies from closing an idle stream. On reconnect the browser sends
 * Last-Event-ID; when it equals the current version a player gets nothing until the next change (a host still
 * gets one `answers` event, since answer counts carry no version).
 *
 * Per process and session, one feed subscribes to the hub, loads the state ONCE per change and builds each view
 * once (host: one per language in use; each player: one, in their language), shared by every connection of that session in this process. The feeds are
 * a cache under the hub: losing them loses nothing, since every state comes from the database.
 */

/**
 * Who a stream is for. A host's views are in the language of their page (the stream's URL); a player's in
 * their own language, which the snapshot knows (the page they joined from), so phones in two languages
 * share one session and one load.
 */
export type LiveAudience = { kind: 'host'; locale?: Locale } | { kind: 'player'; playerId: string };
/** Only names from the shared list (src/lib/live/events.ts) can be sent: the pages listen for exactly those. */
export type LiveEventType = LiveEventName;

/** What the stream reads from a view; HostView and PlayerView both have it. */
export interface StreamView {
	version: number;
	phase: LivePhase;
	paused: boolean;
	question: { index: number } | null;
}

/**
 * One loaded state of a session: its version and its views, each built on demand, at most one per language
 * for the host and one per player (in the player's language).
 */
export interface LiveSnapshot {
	version: number;
	/** the host's view in this language (English when none is given) */
	hostView(locale?: Locale): StreamView;
	/** null when this player is not in the session */
	playerView(playerId: string): StreamView | null;
	/**
	 * While a question is open: this state with only its answers read again, all a change of answer counts
	 * needs (a full load reads every player and total, once a second with a projector open). Resolves to a
	 * full load when the session moved on meanwhile.
	 */
	withFreshAnswers?: () => Promise<LiveSnapshot | null>;
}

/** Loads a session's current state; null when there is no such session (any more). */
export type LiveLoader = (sessionId: string) => Promise<LiveSnapshot | null>;

export interface LiveStreamOptions {
	sessionId: string;
	audience: LiveAudience;
	/** the Last-Event-ID request header, if any */
	lastEventId?: string | null;
	/** the request's signal: the stream ends and cleans up when it aborts */
	signal?: AbortSignal;
}

export interface LiveStreamDeps {
	load: LiveLoader;
	subscribe: (sessionId: string, listener: LiveListener) => () => void;
	/** resolves once the hub hears other processes; the first load waits for it */
	ready: () => Promise<void>;
	retryMs: number;
	heartbeatMs: number;
	answersIntervalMs: number;
	/** a feed whose load fails retries after this long, doubling up to 8× */
	loadRetryMs: number;
	/** a connection that has this many unsent chunks is dead or stalled: it is closed (it will reconnect) */
	maxQueuedChunks: number;
	now: () => number;
}

export const sseHeaders = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	'x-accel-buffering': 'no'
} as const;

export const heartbeatComment = ': heartbeat\n\n';

/** One SSE event: `event:` and `id:` lines, then one `data:` line per line of `data`, then a blank line. */
export function formatEvent(event: { event?: string; id?: string | number; data: string }): string {
	const field = (name: string, value: string) => {
		if (/[\r\n\0]/.test(value)) throw new Error(`an SSE ${name} cannot hold line breaks or NUL`);
		return `${name}: ${value}\n`;
	};
	let text = '';
	if (event.event !== undefined) text += field('event', event.event);
	if (event.id !== undefined) text += field('id', String(event.id));
	for (const line of event.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
	return `${text}\n`;
}

/** The event a view announces when its phase changed: the four phases, and 'paused' for a paused question. */
export function phaseEventOf(view: StreamView): PhaseEventName {
	if (view.phase === 'question' && view.paused) return 'paused';
	return view.phase;
}

/** Views with the same key show the same phase and question; anything else that differs is a 'players' change. */
function phaseKeyOf(view: StreamView): string {
	return `${phaseEventOf(view)}:${view.question?.index ?? ''}`;
}

const encoder = new TextEncoder();
const heartbeatBytes = encoder.encode(heartbeatComment);

/** A view serialized once per version for everyone who sees it. */
interface Frame {
	version: number;
	/** the view's JSON without its version: equal bodies mean nothing changed for this audience */
	body: Buffer;
	phaseKey: string;
	phaseEvent: LiveEventType;
	encoded: Map<LiveEventType, Uint8Array>;
}

/**
 * JSON.stringify, except that an object already serialized for this snapshot is reused: the question,
 * reveal and leaderboard are one object shared by every player's view, so 2,000 views serialize them once.
 */
export function cachedJson(value: unknown, cache: WeakMap<object, string>): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const hit = cache.get(value);
	if (hit !== undefined) return hit;
	let json: string;
	if ('toJSON' in value) json = JSON.stringify(value);
	else if (Array.isArray(value)) {
		json = `[${value.map((item) => (item === undefined ? 'null' : cachedJson(item, cache))).join(',')}]`;
	} else {
		const fields: string[] = [];
		for (const [key, item] of Object.entries(value)) {
			if (item === undefined || typeof item === 'function') continue;
			fields.push(`${JSON.stringify(key)}:${cachedJson(item, cache)}`);
		}
		json = `{${fields.join(',')}}`;
	}
	cache.set(value, json);
	return json;
}

/** What one snapshot's views share, serialized: JSON text, and the bytes of each object inside a view. */
export interface SharedEncoding {
	json: WeakMap<object, string>;
	bytes: WeakMap<object, Buffer>;
}

export const sharedEncoding = (): SharedEncoding => ({ json: new WeakMap(), bytes: new WeakMap() });

/**
 * The bytes of JSON.stringify(view) for a plain object: its own fields are encoded for it, and each object
 * inside it once per snapshot, so the question, reveal and leaderboard every player's view shares are turned
 * into bytes once per change, not once per player.
 */
export function viewBytes(view: object, shared: SharedEncoding): Buffer {
	const parts: Buffer[] = [];
	let text = '{';
	for (const [key, item] of Object.entries(view)) {
		if (item === undefined || typeof item === 'function') continue;
		text += `${text === '{' && parts.length === 0 ? '' : ','}${JSON.stringify(key)}:`;
		if (item === null || typeof item !== 'object') {
			text += JSON.stringify(item);
			continue;
		}
		let bytes = shared.bytes.get(item);
		if (!bytes) shared.bytes.set(item, (bytes = Buffer.from(cachedJson(item, shared.json))));
		parts.push(Buffer.from(text), bytes);
		text = '';
	}
	parts.push(Buffer.from(`${text}}`));
	return Buffer.concat(parts);
}

function frameOf(view: StreamView, shared: SharedEncoding): Frame {
	const { version, ...rest } = view;
	return {
		version,
		body: viewBytes(rest, shared),
		phaseKey: phaseKeyOf(view),
		phaseEvent: phaseEventOf(view),
		encoded: new Map()
	};
}

const eventEnd = Buffer.from('\n\n');

/** The SSE event of a frame: JSON never holds a raw line break, so its data is one `data:` line. */
function encodedEvent(frame: Frame, type: LiveEventType): Uint8Array {
	let bytes = frame.encoded.get(type);
	if (!bytes) {
		const empty = frame.body.length <= 2;
		const head = `event: ${type}\nid: ${frame.version}\ndata: {"version":${frame.version}${empty ? '' : ','}`;
		bytes = Buffer.concat([Buffer.from(head), frame.body.subarray(1), eventEnd]);
		frame.encoded.set(type, bytes);
	}
	return bytes;
}

interface Loaded {
	/** which load of its feed this is: 1, 2, … */
	seq: number;
	version: number;
	source: LiveSnapshot;
	/** per audience: its frame, null when it has no view (not a player), or the error building it threw */
	frames: Map<string, Frame | Error | null>;
	/** the objects this snapshot's views share, serialized once */
	shared: SharedEncoding;
}

function frameFor(loaded: Loaded, audience: LiveAudience): Frame | Error | null {
	const key =
		audience.kind === 'host' ? `host:${audience.locale ?? 'en'}` : `player:${audience.playerId}`;
	let frame = loaded.frames.get(key);
	if (frame === undefined) {
		try {
			const view =
				audience.kind === 'host'
					? loaded.source.hostView(audience.locale ?? 'en')
					: loaded.source.playerView(audience.playerId);
			frame = view ? frameOf(view, loaded.shared) : null;
		} catch (error) {
			frame = error instanceof Error ? error : new Error(String(error));
		}
		loaded.frames.set(key, frame);
	}
	return frame;
}

interface Connection {
	audience: LiveAudience;
	lastEventId: string | null;
	/** no event sent yet: the next load (or the current snapshot) gives it its first */
	awaitingFirst: boolean;
	/** how many loads of its feed had started when it connected */
	loadsBefore: number;
	lastBody: Buffer | null;
	lastPhaseKey: string | null;
	send(bytes: Uint8Array): void;
	close(): void;
}

/** Why a feed reloads: a version change (everyone), answer counts (hosts), streams awaiting their first event. */
interface Reasons {
	state: boolean;
	answers: boolean;
	first: boolean;
}

const noReasons = (): Reasons => ({ state: false, answers: false, first: false });

interface Feed {
	connections: Set<Connection>;
	connect(connection: Connection): void;
	disconnect(connection: Connection): void;
}

export interface LiveStreams {
	open(options: LiveStreamOptions): Response;
	/** sessions with at least one open stream in this process, and how many streams each has */
	stats(): { sessions: number; connections: number; loads: number };
}

const defaults: Omit<LiveStreamDeps, 'load'> = {
	subscribe: hubSubscribe,
	ready: hubReady,
	retryMs: 3000,
	heartbeatMs: 15_000,
	// a projector's answer count once a second reads as live; more often only slows the answers down
	answersIntervalMs: 1000,
	loadRetryMs: 1000,
	maxQueuedChunks: 256,
	now: () => Date.now()
};

/** The streams of one process; tests make their own with a fake loader and hub. */
export function createLiveStreams(
	options: Partial<LiveStreamDeps> & Pick<LiveStreamDeps, 'load'>
): LiveStreams {
	const deps: LiveStreamDeps = { ...defaults, ...options };
	const feeds = new Map<string, Feed>();
	let totalLoads = 0;

	function createFeed(sessionId: string): Feed {
		const connections = new Set<Connection>();
		let loaded: Loaded | null = null;
		// answers arrived since `loaded` was loaded, and no reload followed yet
		let stale = false;
		let pending = noReasons();
		let loading = false;
		let closed = false;
		let answersTimer: ReturnType<typeof setTimeout> | undefined;
		let retryTimer: ReturnType<typeof setTimeout> | undefined;
		let retryDelay = deps.loadRetryMs;
		let lastAnswersAt = -Infinity;
		let loadsStarted = 0;

		let hosts = 0;

		function request(reason: keyof Reasons) {
			pending[reason] = true;
			if (!loading && retryTimer === undefined) void run();
		}

		function onChange(change: LiveChange) {
			if (change === 'state') {
				request('state');
				return;
			}
			stale = true;
			if (hosts === 0 || answersTimer !== undefined) return;
			const wait = lastAnswersAt + deps.answersIntervalMs - deps.now();
			const fire = () => {
				answersTimer = undefined;
				lastAnswersAt = deps.now();
				request('answers');
			};
			if (wait <= 0) fire();
			else answersTimer = setTimeout(fire, wait);
		}

		const unsubscribe = deps.subscribe(sessionId, onChange);

		async function run() {
			loading = true;
			try {
				await deps.ready().catch(() => undefined); // without LISTEN, still serve this process's changes
				while (!closed && (pending.state || pending.answers || pending.first)) {
					const reasons = pending;
					pending = noReasons();
					stale = false;
					let source: LiveSnapshot | null;
					const seq = ++loadsStarted;
					const startedAt = performance.now();
					const answersOnly = reasons.answers && !reasons.state && !reasons.first;
					const refresh = answersOnly ? loaded?.source.withFreshAnswers : undefined;
					try {
						totalLoads++;
						source = refresh ? await refresh() : await deps.load(sessionId);
					} catch (error) {
						log.error('live state did not load', { sessionId, error: String(error) });
						pending.state ||= reasons.state;
						pending.answers ||= reasons.answers;
						pending.first ||= reasons.first;
						retryTimer = setTimeout(() => {
							retryTimer = undefined;
							if (!closed) void run();
						}, retryDelay);
						retryDelay = Math.min(retryDelay * 2, deps.loadRetryMs * 8);
						return;
					}
					retryDelay = deps.loadRetryMs;
					if (closed) return;
					if (!source) {
						// the session is gone: nothing more will ever come
						for (const connection of [...connections]) connection.close();
						return;
					}
					const loadedAt = performance.now();
					loaded = {
						seq,
						version: source.version,
						source,
						frames: new Map(),
						shared: sharedEncoding()
					};
					deliver(loaded, reasons);
					// a class-sized fan-out is worth a line: how long the load and the sends took
					if (reasons.state && connections.size >= 100) {
						log.info('live fan-out', {
							sessionId,
							connections: connections.size,
							loadMs: Math.round(loadedAt - startedAt),
							sendMs: Math.round(performance.now() - loadedAt)
						});
					}
				}
			} finally {
				loading = false;
			}
		}

		function deliver(snapshot: Loaded, reasons: Reasons) {
			for (const connection of [...connections]) {
				if (connection.awaitingFirst) sendFirst(connection, snapshot);
				else if (reasons.state || connection.audience.kind === 'host') {
					sendChange(connection, snapshot, reasons.state ? 'players' : 'answers');
				}
			}
		}

		/** false when it waits for a fresher load: the player joined after this state was read */
		function sendFirst(connection: Connection, snapshot: Loaded): boolean {
			const frame = frameFor(snapshot, connection.audience);
			if (frame === null && snapshot.seq <= connection.loadsBefore) {
				pending.first = true;
				return false;
			}
			// a load that started after the endpoint found this player does not have them: deleted
			if (frame === null) return notInSession(connection);
			if (frame instanceof Error) return failed(connection, frame);
			connection.awaitingFirst = false;
			connection.lastBody = frame.body;
			connection.lastPhaseKey = frame.phaseKey;
			if (connection.lastEventId !== String(frame.version)) {
				connection.send(encodedEvent(frame, frame.phaseEvent));
			} else if (connection.audience.kind === 'host') {
				connection.send(encodedEvent(frame, 'answers'));
			}
			return true;
		}

		function sendChange(connection: Connection, snapshot: Loaded, samePhase: LiveEventType) {
			const frame = frameFor(snapshot, connection.audience);
			if (frame === null) return notInSession(connection);
			if (frame instanceof Error) return failed(connection, frame);
			const last = connection.lastBody;
			if (last !== null && (frame.body === last || frame.body.equals(last))) return;
			const type = frame.phaseKey === connection.lastPhaseKey ? samePhase : frame.phaseEvent;
			connection.lastBody = frame.body;
			connection.lastPhaseKey = frame.phaseKey;
			connection.send(encodedEvent(frame, type));
		}

		function failed(connection: Connection, error: Error) {
			log.error('live view failed', {
				sessionId,
				audience: connection.audience.kind,
				error: error.stack ?? error.message
			});
			connection.close();
			return true;
		}

		// the endpoint found this player, so only deleting the player can get here: nothing more to show
		function notInSession(connection: Connection) {
			connection.close();
			return true;
		}

		const feed: Feed = {
			connections,
			connect(connection) {
				connection.loadsBefore = loadsStarted;
				connections.add(connection);
				if (connection.audience.kind === 'host') hosts++;
				const idle = !loading && retryTimer === undefined;
				if (loaded && !stale && idle && sendFirst(connection, loaded)) return;
				// the first stream, a join or answers since the last load, or a player newer than it: one
				// reload serves every newcomer; a load under way (or its retry) gives them their first event
				if (idle) request('first');
			},
			disconnect(connection) {
				if (!connections.delete(connection)) return;
				if (connection.audience.kind === 'host') hosts--;
				if (connections.size > 0) return;
				closed = true;
				unsubscribe();
				clearTimeout(answersTimer);
				clearTimeout(retryTimer);
				if (feeds.get(sessionId) === feed) feeds.delete(sessionId);
			}
		};
		return feed;
	}

	function open({ sessionId, audience, lastEventId, signal }: LiveStreamOptions): Response {
		let connection: Connection | undefined;
		let feed: Feed | undefined;
		let heartbeat: ReturnType<typeof setInterval> | undefined;
		let onAbort: (() => void) | undefined;
		let finished = false;

		const finish = () => {
			if (finished) return;
			finished = true;
			clearInterval(heartbeat);
			if (onAbort) signal?.removeEventListener('abort', onAbort);
			if (connection) feed?.disconnect(connection);
		};

		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				const close = () => {
					finish();
					try {
						controller.close();
					} catch {
						// already closed or cancelled by the client
					}
				};
				const send = (bytes: Uint8Array) => {
					if (finished) return;
					if ((controller.desiredSize ?? 0) < -deps.maxQueuedChunks) {
						log.warn('live stream stalled; closing it', { sessionId, audience: audience.kind });
						close();
						return;
					}
					controller.enqueue(bytes);
				};
				if (signal?.aborted) {
					close();
					return;
				}
				onAbort = close;
				signal?.addEventListener('abort', onAbort, { once: true });
				send(encoder.encode(`retry: ${deps.retryMs}\n\n`));
				heartbeat = setInterval(() => send(heartbeatBytes), deps.heartbeatMs);
				connection = {
					audience,
					lastEventId: lastEventId?.trim() || null,
					awaitingFirst: true,
					loadsBefore: 0,
					lastBody: null,
					lastPhaseKey: null,
					send,
					close
				};
				feed = feeds.get(sessionId);
				if (!feed) {
					feed = createFeed(sessionId);
					feeds.set(sessionId, feed);
				}
				feed.connect(connection);
			},
			cancel() {
				finish();
			}
		});

		return new Response(body, { headers: sseHeaders });
	}

	return {
		open,
		stats() {
			let connections = 0;
			for (const feed of feeds.values()) connections += feed.connections.size;
			return { sessions: feeds.size, connections, loads: totalLoads };
		}
	};
}
