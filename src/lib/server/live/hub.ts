import { createLocalChannels } from '../db/local-channels';
import type { Database } from '../db/database';
import { log } from '../log';

/**
 * THE one piece of module-level server state in Evidencia: which of this process's event streams want to hear
 * about which live session. It holds no session data (that is all in the database, so a restarted server
 * resumes); it only says "session X changed". On PostgreSQL, publish() is a NOTIFY on `evidencia_live` and each
 * process LISTENs once on that channel and fans out to its own subscribers, so a teacher on one process and
 * students on another share a session. On SQLite (one process) the database's in-process channel does the same.
 * Until initHub() runs (unit and integration tests) the hub uses an in-process channel of its own.
 */

/** 'state': anything players may see changed (version bumped); 'answers': answer counts only (hosts). */
export type LiveChange = 'state' | 'answers';
export type LiveListener = (change: LiveChange) => void;
export type LiveTransport = Pick<Database, 'notify' | 'listen'>;

export const liveChannel = 'evidencia_live';

const changes: readonly LiveChange[] = ['state', 'answers'];

export interface Hub {
	/**
	 * After commit: tells every subscriber of the session, in every process; never throws. Two publishes may
	 * arrive in either order; each only means "reload", so order does not matter.
	 */
	publish(sessionId: string, change: LiveChange): void;
	/** `listener` hears every change of the session until the returned function is called */
	subscribe(sessionId: string, listener: LiveListener): () => void;
	/** resolves once notifications from other processes arrive (LISTEN is active) */
	ready: Promise<void>;
	/** how many listeners a session has in this process (for tests and health) */
	subscriberCount(sessionId?: string): number;
	close(): Promise<void>;
}

/** `<sessionId>:<change>`: session ids never hold a colon, and the last one splits anyway. */
export function encodeLiveNotification(sessionId: string, change: LiveChange): string {
	return `${sessionId}:${change}`;
}

export function decodeLiveNotification(
	payload: string
): { sessionId: string; change: LiveChange } | null {
	const at = payload.lastIndexOf(':');
	if (at <= 0) return null;
	const change = payload.slice(at + 1) as LiveChange;
	return changes.includes(change) ? { sessionId: payload.slice(0, at), change } : null;
}

/**
 * At most one 'answers' notification per session this often from a process (the first at once, one more at the
 * end of the window if answers came meanwhile): a class answering together sent one NOTIFY per answer, which
 * PostgreSQL queues under one lock, while screens show counts once a second anyway.
 */
export const answersNotifyMs = 200;

/** The hub's core, over any transport: testable without module state. */
export function createHub(
	transport: LiveTransport,
	options: { answersEveryMs?: number } = {}
): Hub {
	const answersEveryMs = options.answersEveryMs ?? answersNotifyMs;
	const subscribers = new Map<string, Set<LiveListener>>();
	/** sessions whose 'answers' window is open, and whether answers came in it since its notification */
	const answersWindows = new Map<
		string,
		{ again: boolean; timer: ReturnType<typeof setTimeout> }
	>();

	function deliver(sessionId: string, change: LiveChange) {
		for (const listener of [...(subscribers.get(sessionId) ?? [])]) {
			try {
				listener(change);
			} catch (error) {
				log.error('live listener failed', { sessionId, change, error: String(error) });
			}
		}
	}

	function receive(payload: string) {
		const notification = decodeLiveNotification(payload);
		if (notification) deliver(notification.sessionId, notification.change);
		else log.warn('ignored a malformed live notification', { payload: payload.slice(0, 200) });
	}

	// notifications sent while a lost LISTEN connection was down are gone: everyone reloads
	function resync() {
		log.warn('live notifications resumed after a lost connection; reloading every session');
		for (const sessionId of [...subscribers.keys()]) deliver(sessionId, 'state');
	}

	const stopListening = transport.listen(liveChannel, receive, { onReconnect: resync });
	const ready = stopListening.then(
		() => undefined,
		(error: unknown) => {
			log.error('live notifications are not listening', { error: String(error) });
			throw error;
		}
	);
	// a failure is reported by whoever awaits `ready`; never an unhandled rejection
	ready.catch(() => undefined);

	function send(sessionId: string, change: LiveChange) {
		transport.notify(liveChannel, encodeLiveNotification(sessionId, change)).catch((error) => {
			// the change is committed; this process's own viewers at least hear of it
			log.error('live notify failed', { sessionId, change, error: String(error) });
			deliver(sessionId, change);
		});
	}

	function publishAnswers(sessionId: string) {
		const open = answersWindows.get(sessionId);
		if (open) {
			open.again = true;
			return;
		}
		const window = {
			again: false,
			timer: setTimeout(() => {
				answersWindows.delete(sessionId);
				if (window.again) publishAnswers(sessionId);
			}, answersEveryMs)
		};
		answersWindows.set(sessionId, window);
		send(sessionId, 'answers');
	}

	return {
		publish(sessionId, change) {
			if (change === 'answers') publishAnswers(sessionId);
			else send(sessionId, change);
		},
		subscribe(sessionId, listener) {
			const wrapper: LiveListener = (change) => listener(change);
			const listeners = subscribers.get(sessionId) ?? new Set<LiveListener>();
			subscribers.set(sessionId, listeners);
			listeners.add(wrapper);
			return () => {
				listeners.delete(wrapper);
				if (listeners.size === 0 && subscribers.get(sessionId) === listeners) {
					subscribers.delete(sessionId);
				}
			};
		},
		ready,
		subscriberCount(sessionId) {
			if (sessionId !== undefined) return subscribers.get(sessionId)?.size ?? 0;
			let total = 0;
			for (const listeners of subscribers.values()) total += listeners.size;
			return total;
		},
		async close() {
			subscribers.clear();
			for (const { timer } of answersWindows.values()) clearTimeout(timer);
			answersWindows.clear();
			const stop = await stopListening.catch(() => null);
			await stop?.();
		}
	};
}

let hub: Hub = createHub(createLocalChannels());
let hubDatabase: LiveTransport | null = null;

/**
 * Connects the hub to the app's database; hooks.server.ts init calls it before the first request. It starts
 * afresh: subscriptions made before it (none, in the server) hear nothing more.
 */
export async function initHub(db: LiveTransport): Promise<void> {
	if (hubDatabase !== db) {
		const previous = hub;
		const next = createHub(db);
		hubDatabase = db;
		hub = next;
		await previous.close();
	}
	await hub.ready;
}

/** Call after the transaction that changed the session has committed. */
export function publish(sessionId: string, kind: LiveChange = 'state'): void {
	hub.publish(sessionId, kind);
}

export function subscribe(sessionId: string, listener: LiveListener): () => void {
	return hub.subscribe(sessionId, listener);
}

/** Resolves once this process hears other processes' changes. */
export function hubReady(): Promise<void> {
	return hub.ready;
}
