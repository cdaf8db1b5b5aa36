import type { UiLocale as Locale } from '../db/enums';
import type { Content } from '../content/build';
import { getContent } from '../content/index';
import type { Database } from '../db/database';
import { getDatabase } from '../db/index';
import {
	createLiveStreams,
	type LiveLoader,
	type LiveSnapshot,
	type LiveStreamOptions,
	type LiveStreams
} from './sse';
import type { HostView, PlayerView } from './types';
import {
	hostView,
	loadCurrentAnswers,
	loadLiveRows,
	localizeLiveState,
	playerView,
	sharedLiveState,
	type LiveRows,
	type LiveState
} from './views';

/**
 * The live event streams of this process, wired to the database and the hub. The SSE protocol, what each
 * event means and how views are shared between connections are in sse.ts.
 */

export type { LiveAudience, LiveEventType, LiveStreamOptions } from './sse';

/**
 * Loads from `db`: one read of the rows per call; per language in use, one state and one host view, built on
 * demand; each player's view in their own language (the page they joined from), on demand.
 */
export function snapshotLoader(
	db: Database,
	contentIn: Content | ((locale: Locale) => Content)
): LiveLoader {
	const contentFor = typeof contentIn === 'function' ? contentIn : () => contentIn;
	const snapshotOf = (sessionId: string, rows: LiveRows): LiveSnapshot => {
		const shared = sharedLiveState(rows);
		const states = new Map<Locale, LiveState>();
		const hosts = new Map<Locale, HostView>();
		const stateIn = (locale: Locale): LiveState => {
			let state = states.get(locale);
			if (!state) states.set(locale, (state = localizeLiveState(shared, contentFor(locale))));
			return state;
		};
		return {
			version: rows.session.version,
			hostView: (locale = 'en') => {
				let host = hosts.get(locale);
				if (!host) hosts.set(locale, (host = hostView(stateIn(locale))));
				return host;
			},
			// null, not the "removed" view, for a player newer than this state: the feed then loads afresh
			playerView: (playerId): PlayerView | null => {
				const player = shared.players.get(playerId);
				return player ? playerView(stateIn(player.locale), playerId) : null;
			},
			// only an open question takes answers; totals leave it out until the reveal, so only answers change
			withFreshAnswers:
				rows.session.phase === 'question'
					? async () => {
							const answers = await loadCurrentAnswers(db, rows.session);
							return answers ? snapshotOf(sessionId, { ...rows, answers }) : load(sessionId);
						}
					: undefined
		};
	};
	const load: LiveLoader = async (sessionId) => {
		const rows = await loadLiveRows(db, sessionId);
		return rows && snapshotOf(sessionId, rows);
	};
	return load;
}

/** The app's loader: the app's database and content, in each audience's language. */
export const loadLiveSnapshot: LiveLoader = async (sessionId) =>
	snapshotLoader(await getDatabase(), getContent)(sessionId);

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
