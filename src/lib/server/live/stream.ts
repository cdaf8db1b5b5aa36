import type { Content } from '../content/build';
import { getContent } from '../content/index';
import type { Database } from '../db/database';
import { getDatabase } from '../db/index';
import {
	createLiveStreams,
	type LiveLoader,
	type LiveStreamOptions,
	type LiveStreams
} from './sse';
import type { HostView, PlayerView } from './types';
import { hostView, loadLiveState, playerView } from './views';

/**
 * The live event streams of this process, wired to the database and the hub. The SSE protocol, what each
 * event means and how views are shared between connections are in sse.ts.
 */

export type { LiveAudience, LiveEventType, LiveStreamOptions } from './sse';

/** Loads from `db`: one loadLiveState per call, the host view built once, each player's view on demand. */
export function snapshotLoader(db: Database, content: Content): LiveLoader {
	return async (sessionId) => {
		const state = await loadLiveState(db, content, sessionId);
		if (!state) return null;
		let host: HostView | undefined;
		const hostOnce = () => (host ??= hostView(state));
		return {
			version: hostOnce().version,
			hostView: hostOnce,
			// null, not the "removed" view, for a player newer than this state: the feed then loads afresh
			playerView: (playerId): PlayerView | null =>
				state.players.has(playerId) ? playerView(state, playerId) : null
		};
	};
}

/** The app's loader: the app's database and content. */
export const loadLiveSnapshot: LiveLoader = async (sessionId) =>
	snapshotLoader(await getDatabase(), getContent())(sessionId);

let streams: LiveStreams | undefined;

/** This process's streams, made on first use (they live beside the hub, see hub.ts). */
function processStreams(): LiveStreams {
	streams ??= createLiveStreams({ load: loadLiveSnapshot });
	return streams;
}

/** The SSE response for one connection of a host or a player; the endpoint has checked who may see it. */
export function liveEventStream(options: LiveStreamOptions): Response {
	return processStreams().open(options);
}

/** Open sessions and streams in this process (for logs and the bench). */
export function liveStreamStats() {
	return processStreams().stats();
}
