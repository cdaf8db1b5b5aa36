import { untrack } from 'svelte';
import { liveEventNames } from './events';

export { liveEventNames, type LiveEventName } from './events';

/**
 * The latest view of a live session, for one page. It starts from the view the server rendered (so the
 * first paint needs no JavaScript), then follows the session's event stream. The newest view wins: a
 * stream event or a reload with an older version never replaces a newer one, and on equal versions the
 * one that arrived last does (an answer changes what a player sees without a new version).
 * Create one per page, never at module level: the server renders many people's pages at once.
 */
export class LiveEvents<View extends { version: number }> {
	view: View = $state.raw() as View;
	/** true while the stream is open; pages may say "reconnecting…" otherwise */
	connected = $state(false);

	/**
	 * `sameVersion` decides between two views of one version; by default the one that arrived last wins. A host
	 * page passes `hostViewIsNewer`: its stream's answer counts can arrive before a slower page reload that was
	 * read earlier, and that reload must not take the count back.
	 */
	private sameVersion: (incoming: View, current: View) => boolean;

	constructor(initial: View, sameVersion: (incoming: View, current: View) => boolean = () => true) {
		this.view = initial;
		this.sameVersion = sameVersion;
	}

	/** Takes a view from the server (a load after a form post, say) unless a newer one is here already. */
	accept(view: View): void {
		const current = untrack(() => this.view);
		if (
			!current ||
			view.version > current.version ||
			(view.version === current.version && this.sameVersion(view, current))
		) {
			this.view = view;
		}
	}

	/**
	 * Opens the stream; returns the function that closes it, so `$effect(() => live.connect(url))` cleans up
	 * when the page goes. EventSource reconnects by itself (after the server's `retry`) and sends
	 * Last-Event-ID, so a dropped connection picks up where it left off.
	 */
	connect(url: string): () => void {
		if (typeof EventSource === 'undefined') return () => {};
		const source = new EventSource(url);
		const onMessage = (event: MessageEvent<string>) => {
			try {
				this.accept(JSON.parse(event.data) as View);
			} catch {
				// a malformed event is skipped; the next one carries the whole view again
			}
		};
		for (const name of liveEventNames) source.addEventListener(name, onMessage);
		source.addEventListener('open', () => (this.connected = true));
		source.addEventListener('error', () => {
			this.connected = source.readyState === EventSource.OPEN;
		});
		return () => {
			for (const name of liveEventNames) source.removeEventListener(name, onMessage);
			source.close();
			this.connected = false;
		};
	}
}

/**
 * Within one version a host view only grows: answers and joins add to it, and anything that takes away (a
 * removed player, a new question) is a new version. So of two views of one version, the one that counts more
 * is the later, whichever arrived last.
 */
export function hostViewIsNewer(
	incoming: { answeredCount: number; players: unknown[] },
	current: { answeredCount: number; players: unknown[] }
): boolean {
	return (
		incoming.answeredCount >= current.answeredCount &&
		incoming.players.length >= current.players.length
	);
}
