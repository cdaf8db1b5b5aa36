import { expect, it } from 'vitest';
import type { LivePhase } from '../server/db/enums';
import type { LiveListener } from '../server/live/hub';
import { createLiveStreams, type StreamView } from '../server/live/sse';
import { liveEventNames } from './events';
import { LiveEvents } from './live-events.svelte';

// The server's sender and the pages' listener must agree on every event name: a name one side adds and
// the other lacks is an update nobody sees.

/** Every event name a host's stream carries while a session goes through all its phases. */
async function namesTheServerSends(): Promise<string[]> {
	const session = {
		version: 1,
		phase: 'lobby' as LivePhase,
		paused: false,
		answered: 0,
		players: 1
	};
	let listener: LiveListener = () => {};
	const view = (): StreamView & { answered: number; players: number } => ({
		version: session.version,
		phase: session.phase,
		paused: session.paused,
		question: session.phase === 'question' || session.phase === 'reveal' ? { index: 0 } : null,
		answered: session.answered,
		players: session.players
	});
	const streams = createLiveStreams({
		load: async () => ({ version: session.version, hostView: view, playerView: view }),
		subscribe: (_sessionId, added) => {
			listener = added;
			return () => {};
		},
		ready: async () => undefined,
		answersIntervalMs: 0
	});
	const response = streams.open({ sessionId: 's1', audience: { kind: 'host' } });
	const body = response.body;
	if (!body) throw new Error('no body');
	const reader = body.getReader();
	let text = '';
	const settle = async () => {
		for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	};
	const reading = (async () => {
		for (;;) {
			const chunk = await reader.read();
			if (chunk.done) return;
			text += new TextDecoder().decode(chunk.value);
		}
	})();
	await settle();
	const steps: [change: () => void, signal: 'answers' | 'state'][] = [
		[() => (session.answered = 1), 'answers'], // no new version: answer counts
		[() => ((session.players += 1), (session.version += 1)), 'state'], // someone joins: players
		[() => ((session.phase = 'question'), (session.version += 1)), 'state'],
		[() => ((session.paused = true), (session.version += 1)), 'state'],
		[() => ((session.phase = 'reveal'), (session.paused = false), (session.version += 1)), 'state'],
		[() => ((session.phase = 'ended'), (session.version += 1)), 'state']
	];
	for (const [change, signal] of steps) {
		change();
		listener(signal);
		await settle();
	}
	await reader.cancel();
	await reading;
	return [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1] ?? '');
}

/** Every event name a page's LiveEvents listens for on its EventSource. */
function namesThePageListensFor(): string[] {
	const listened: string[] = [];
	class FakeEventSource {
		static OPEN = 1;
		readyState = 0;
		addEventListener(name: string) {
			listened.push(name);
		}
		removeEventListener() {}
		close() {}
	}
	const global = globalThis as { EventSource?: unknown };
	const before = global.EventSource;
	global.EventSource = FakeEventSource;
	try {
		const close = new LiveEvents({ version: 1 }).connect('/live/s1/events');
		close();
	} finally {
		global.EventSource = before;
	}
	return listened.filter((name) => name !== 'open' && name !== 'error');
}

it('the server sends every shared event name and no other', async () => {
	const sent = new Set(await namesTheServerSends());
	expect([...sent].sort()).toEqual([...liveEventNames].sort());
	expect(sent.size).toBe(7);
});

it('the page listens for exactly the names the server sends', async () => {
	const sent = new Set(await namesTheServerSends());
	expect(namesThePageListensFor().sort()).toEqual([...sent].sort());
});
