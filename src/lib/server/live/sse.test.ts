import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LivePhase } from '../db/enums';
import type { LiveChange, LiveListener } from './hub';
import {
	cachedJson,
	createLiveStreams,
	formatEvent,
	phaseEventOf,
	sharedEncoding,
	sseHeaders,
	viewBytes,
	type LiveAudience,
	type LiveLoader,
	type LiveStreamDeps,
	type StreamView
} from './sse';

// ---- a reference client: how a browser's EventSource reads these streams ----

interface ParsedEvent {
	event: string;
	id: string | undefined;
	data: string;
}

/** Splits complete SSE blocks into events, comments and retry fields, as the HTML spec's parser does. */
function parseSse(text: string) {
	const events: ParsedEvent[] = [];
	const comments: string[] = [];
	let retry: number | undefined;
	const blocks = text.split(/\r\n\r\n|\n\n|\r\r/);
	blocks.pop(); // whatever follows the last blank line is not complete yet
	for (const block of blocks) {
		let event = 'message';
		let id: string | undefined;
		const data: string[] = [];
		for (const line of block.split(/\r\n|\n|\r/)) {
			if (line.startsWith(':')) {
				comments.push(line.slice(1).trim());
				continue;
			}
			const colon = line.indexOf(':');
			const field = colon < 0 ? line : line.slice(0, colon);
			const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
			if (field === 'event') event = value;
			else if (field === 'id') id = value;
			else if (field === 'data') data.push(value);
			else if (field === 'retry') retry = Number(value);
		}
		if (data.length > 0) events.push({ event, id, data: data.join('\n') });
	}
	return { events, comments, retry };
}

/** Reads a response in the background, as a browser would. */
function reader(response: Response) {
	const stream = response.body;
	if (!stream) throw new Error('no body');
	const bytes = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let done = false;
	const reading = (async () => {
		for (;;) {
			const chunk = await bytes.read();
			if (chunk.done) break;
			text += decoder.decode(chunk.value, { stream: true });
		}
		done = true;
	})();
	return {
		get text() {
			return text;
		},
		get done() {
			return done;
		},
		events: () => parseSse(text).events,
		views: () => parseSse(text).events.map((e) => JSON.parse(e.data) as FakeView),
		comments: () => parseSse(text).comments,
		retry: () => parseSse(text).retry,
		cancel: () => bytes.cancel(),
		reading
	};
}

/** Lets every pending promise and stream read run (setImmediate stays real under our fake timers). */
async function settle(turns = 3) {
	for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

// ---- a fake session store, loader and hub ----

interface FakeView extends StreamView {
	audience: string;
	nickname?: string;
	answered: number;
	playerCount: number;
	active?: boolean;
	roster?: string[];
}

interface FakeSession {
	version: number;
	phase: LivePhase;
	paused: boolean;
	questionIndex: number | null;
	answered: number;
	players: Map<string, { nickname: string; active: boolean }>;
}

function fakeWorld() {
	const sessions = new Map<string, FakeSession>();
	const listeners = new Map<string, Set<LiveListener>>();
	const counts = { loads: 0, hostViews: 0, playerViews: 0 };
	let gate: Promise<void> | null = null;
	let failures = 0;

	const load: LiveLoader = async (sessionId) => {
		counts.loads++;
		const session = sessions.get(sessionId);
		// read now, like a database would; then maybe wait before answering
		const copy = session ? structuredClone(session) : undefined;
		if (gate) await gate;
		if (failures > 0) {
			failures--;
			throw new Error('database unavailable');
		}
		if (!copy) return null;
		const common = {
			version: copy.version,
			phase: copy.phase,
			paused: copy.paused,
			question: copy.questionIndex === null ? null : { index: copy.questionIndex }
		};
		const playerCount = [...copy.players.values()].filter((p) => p.active).length;
		return {
			version: copy.version,
			hostView: (): FakeView => {
				counts.hostViews++;
				const roster = [...copy.players.values()].filter((p) => p.active).map((p) => p.nickname);
				return { ...common, audience: 'host', answered: copy.answered, playerCount, roster };
			},
			playerView: (playerId: string): FakeView | null => {
				counts.playerViews++;
				const player = copy.players.get(playerId);
				if (!player) return null;
				return {
					...common,
					audience: 'player',
					nickname: player.nickname,
					// players never see live answer counts
					answered: 0,
					playerCount,
					active: player.active
				};
			}
		};
	};

	return {
		sessions,
		counts,
		load,
		subscribe(sessionId: string, listener: LiveListener) {
			const set = listeners.get(sessionId) ?? new Set<LiveListener>();
			listeners.set(sessionId, set);
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size === 0) listeners.delete(sessionId);
			};
		},
		emit(sessionId: string, change: LiveChange) {
			for (const listener of [...(listeners.get(sessionId) ?? [])]) listener(change);
		},
		subscribers: (sessionId: string) => listeners.get(sessionId)?.size ?? 0,
		/** the next loads wait until the returned function is called */
		hold() {
			let release!: () => void;
			gate = new Promise<void>((resolve) => (release = resolve));
			return () => {
				gate = null;
				release();
			};
		},
		failNextLoads(n: number) {
			failures = n;
		},
		session(id = 's1', players = ['p1', 'p2']): FakeSession {
			const session: FakeSession = {
				version: 1,
				phase: 'lobby',
				paused: false,
				questionIndex: null,
				answered: 0,
				players: new Map(players.map((p) => [p, { nickname: p.toUpperCase(), active: true }]))
			};
			sessions.set(id, session);
			return session;
		}
	};
}

function setup(overrides: Partial<LiveStreamDeps> = {}) {
	const world = fakeWorld();
	const streams = createLiveStreams({
		load: world.load,
		subscribe: world.subscribe,
		ready: async () => undefined,
		...overrides
	});
	const open = (
		audience: LiveAudience,
		options: { sessionId?: string; lastEventId?: string | null; signal?: AbortSignal } = {}
	) =>
		reader(
			streams.open({
				sessionId: options.sessionId ?? 's1',
				audience,
				lastEventId: options.lastEventId,
				signal: options.signal
			})
		);
	return { world, streams, open };
}

const host: LiveAudience = { kind: 'host' };
const player = (playerId: string): LiveAudience => ({ kind: 'player', playerId });

afterEach(() => {
	vi.useRealTimers();
});

describe('formatEvent', () => {
	it('writes the event name, the id, and one data line per line of data', () => {
		expect(formatEvent({ event: 'question', id: 7, data: '{"a":1}' })).toBe(
			'event: question\nid: 7\ndata: {"a":1}\n\n'
		);
		expect(formatEvent({ data: 'one\ntwo\r\nthree\rfour' })).toBe(
			'data: one\ndata: two\ndata: three\ndata: four\n\n'
		);
		expect(formatEvent({ data: '' })).toBe('data: \n\n');
		expect(formatEvent({ data: 'ends with a break\n' })).toBe(
			'data: ends with a break\ndata: \n\n'
		);
	});

	it('round-trips multi-line data through a spec parser', () => {
		const data = 'first line\n\nthird: with a colon\n  indented';
		const { events } = parseSse(formatEvent({ event: 'reveal', id: '12', data }));
		expect(events).toEqual([{ event: 'reveal', id: '12', data }]);
	});

	it('refuses an event name or id that would break the framing', () => {
		expect(() => formatEvent({ event: 'a\nb', data: 'x' })).toThrow(/line breaks/);
		expect(() => formatEvent({ id: '1\r', data: 'x' })).toThrow(/line breaks/);
	});
});

describe('phaseEventOf', () => {
	it('names each phase, and a paused question "paused"', () => {
		const view = (phase: LivePhase, paused = false): StreamView => ({
			version: 1,
			phase,
			paused,
			question: phase === 'question' || phase === 'reveal' ? { index: 0 } : null
		});
		expect(phaseEventOf(view('lobby'))).toBe('lobby');
		expect(phaseEventOf(view('question'))).toBe('question');
		expect(phaseEventOf(view('question', true))).toBe('paused');
		expect(phaseEventOf(view('reveal'))).toBe('reveal');
		expect(phaseEventOf(view('ended'))).toBe('ended');
	});
});

describe('live event streams', () => {
	it('answer with SSE headers, a retry hint, then the current view typed by its phase', async () => {
		const { world, streams, open } = setup();
		world.session();
		const response = streams.open({ sessionId: 's1', audience: player('p1') });
		expect(response.headers.get('content-type')).toBe(sseHeaders['content-type']);
		expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
		expect(response.headers.get('x-accel-buffering')).toBe('no');
		await response.body?.cancel();

		const client = open(player('p1'));
		await settle();
		expect(client.text.startsWith('retry: 3000\n\n')).toBe(true);
		expect(client.retry()).toBe(3000);
		expect(client.events()).toHaveLength(1);
		const [event] = client.events();
		expect(event?.event).toBe('lobby');
		expect(event?.id).toBe('1');
		expect(JSON.parse(event?.data ?? '')).toEqual({
			version: 1,
			phase: 'lobby',
			paused: false,
			question: null,
			audience: 'player',
			nickname: 'P1',
			answered: 0,
			playerCount: 2,
			active: true
		});
		await client.cancel();
	});

	it('loads once per version for 100 connections, and builds each view once', async () => {
		const { world, streams, open } = setup();
		const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
		const session = world.session('s1', ids);
		// every player on two devices, plus two host screens (controls + projector)
		const clients = [
			...ids.map((id) => open(player(id))),
			...ids.slice(0, 48).map((id) => open(player(id))),
			open(host),
			open(host)
		];
		expect(clients).toHaveLength(100);
		await settle();
		expect(world.counts.loads).toBe(1);
		expect(world.counts.hostViews).toBe(1);
		expect(world.counts.playerViews).toBe(50);
		expect(clients.every((c) => c.events().length === 1)).toBe(true);
		expect(world.subscribers('s1')).toBe(1); // one hub subscription per session, not per stream

		session.version = 2;
		session.phase = 'question';
		session.questionIndex = 0;
		world.emit('s1', 'state');
		world.emit('s1', 'state'); // arrives while the first reload runs: one more, not one per stream
		await settle();
		expect(world.counts.loads).toBeLessThanOrEqual(3);
		const loadsAfterQuestion = world.counts.loads;
		expect(clients.every((c) => c.events().at(-1)?.event === 'question')).toBe(true);
		expect(clients.every((c) => c.events().at(-1)?.id === '2')).toBe(true);
		// a view equal to the last one sent is not sent again
		expect(clients.every((c) => c.events().length === 2)).toBe(true);

		const late = open(player('p49'));
		await settle();
		expect(world.counts.loads).toBe(loadsAfterQuestion); // served from the shared state
		expect(late.events().map((e) => e.event)).toEqual(['question']);
		expect(streams.stats()).toMatchObject({ sessions: 1, connections: 101 });
		await Promise.all([...clients, late].map((c) => c.cancel()));
		expect(streams.stats()).toMatchObject({ sessions: 0, connections: 0 });
		expect(world.subscribers('s1')).toBe(0);
	});

	it('hands every stream that connects during a load that same load', async () => {
		const { world, open } = setup();
		world.session('s1', ['p1', 'p2', 'p3']);
		const release = world.hold();
		const a = open(player('p1'));
		await settle();
		const b = open(player('p2'));
		const c = open(host);
		await settle();
		expect(world.counts.loads).toBe(1);
		expect([a, b, c].map((x) => x.events().length)).toEqual([0, 0, 0]);
		release();
		await settle();
		expect(world.counts.loads).toBe(1);
		expect([a, b, c].map((x) => x.events().length)).toEqual([1, 1, 1]);
		await Promise.all([a, b, c].map((x) => x.cancel()));
	});

	it('names a change inside the same phase "players", and the next phase by its name', async () => {
		const { world, open } = setup();
		const session = world.session('s1', ['p1', 'p2', 'p3']);
		const p1 = open(player('p1'));
		const boss = open(host);
		await settle();

		const bump = async (change: (s: FakeSession) => void) => {
			change(session);
			session.version++;
			world.emit('s1', 'state');
			await settle();
		};
		await bump((s) => (s.players.get('p3')!.active = false)); // the teacher removes someone
		await bump((s) => (s.players.get('p2')!.nickname = 'Renamed')); // p1's view: only the version moves
		await bump((s) => {
			s.phase = 'question';
			s.questionIndex = 0;
		});
		await bump((s) => (s.paused = true));
		await bump((s) => (s.paused = false));
		await bump((s) => (s.phase = 'reveal'));
		await bump((s) => {
			s.phase = 'question';
			s.questionIndex = 1;
		});
		await bump((s) => {
			s.phase = 'ended';
			s.questionIndex = null;
		});

		const p1Events = p1.events().map((e) => `${e.event}@${e.id}`);
		expect(p1Events).toEqual([
			'lobby@1',
			'players@2',
			'question@4',
			'paused@5',
			'question@6',
			'reveal@7',
			'question@8',
			'ended@9'
		]);
		expect(p1.views().at(1)?.playerCount).toBe(2);
		// the host's view has every player's name, so the rename reaches it
		expect(boss.events().map((e) => e.event)).toEqual([
			'lobby',
			'players',
			'players',
			'question',
			'paused',
			'question',
			'reveal',
			'question',
			'ended'
		]);
		await p1.cancel();
		await boss.cancel();
	});

	it('sends answer counts to hosts only, at most once per 250 ms, and the last count always arrives', async () => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']
		});
		const { world, open } = setup({ answersIntervalMs: 250 });
		const session = world.session();
		session.phase = 'question';
		session.questionIndex = 0;
		const boss = open(host);
		const p1 = open(player('p1'));
		await settle();
		const loadsBefore = world.counts.loads;

		for (let i = 1; i <= 40; i++) {
			session.answered = i;
			world.emit('s1', 'answers');
			await vi.advanceTimersByTimeAsync(10); // 40 answers over 400 ms
		}
		await vi.advanceTimersByTimeAsync(300);
		await settle();

		const answerEvents = boss.events().filter((e) => e.event === 'answers');
		expect(answerEvents.length).toBeGreaterThanOrEqual(2);
		expect(answerEvents.length).toBeLessThanOrEqual(3); // 400 ms of answers: leading + ≤ 2 trailing
		expect(world.counts.loads - loadsBefore).toBe(answerEvents.length);
		expect(boss.views().at(-1)?.answered).toBe(40);
		expect(answerEvents.every((e) => e.id === '1')).toBe(true); // answers carry no new version
		expect(p1.events().map((e) => e.event)).toEqual(['question']);
		await boss.cancel();
		await p1.cancel();
	});

	it('ignores answers when no host listens, but loads afresh for the next stream', async () => {
		const { world, open } = setup();
		const session = world.session('s1', ['p1']);
		const p1 = open(player('p1'));
		await settle();
		session.players.set('p2', { nickname: 'NEW', active: true }); // joins publish 'answers'
		world.emit('s1', 'answers');
		await settle();
		expect(world.counts.loads).toBe(1);

		const p2 = open(player('p2'));
		await settle();
		expect(world.counts.loads).toBe(2);
		expect(p2.views().map((v) => v.nickname)).toEqual(['NEW']);
		expect(p1.events()).toHaveLength(1); // players hear nothing of joins and answers
		await p1.cancel();
		await p2.cancel();
	});

	it('reloads once for a player newer than the shared state, and closes for one still missing', async () => {
		const { world, open } = setup();
		const session = world.session('s1', ['p1']);
		const p1 = open(player('p1'));
		await settle();
		// p2 joined, but its notification has not arrived: the cached state does not have them
		session.players.set('p2', { nickname: 'P2', active: true });
		const p2 = open(player('p2'));
		await settle();
		expect(world.counts.loads).toBe(2);
		expect(p2.views().map((v) => v.nickname)).toEqual(['P2']);

		const ghost = open(player('deleted'));
		await settle();
		expect(world.counts.loads).toBe(3);
		expect(ghost.events()).toEqual([]);
		expect(ghost.done).toBe(true);
		expect(p1.done).toBe(false);
		await p1.cancel();
		await p2.cancel();
	});

	it('skips the view a reconnecting player already has (Last-Event-ID), but not a stale one', async () => {
		const { world, open } = setup();
		const session = world.session();
		session.version = 5;
		const warm = open(player('p2'));
		await settle();

		const same = open(player('p1'), { lastEventId: '5' });
		const older = open(player('p1'), { lastEventId: '4' });
		const hostSame = open(host, { lastEventId: '5' });
		await settle();
		expect(same.events()).toEqual([]);
		expect(same.done).toBe(false);
		expect(older.events().map((e) => `${e.event}@${e.id}`)).toEqual(['lobby@5']);
		// answer counts have no version, so a host always gets them again
		expect(hostSame.events().map((e) => `${e.event}@${e.id}`)).toEqual(['answers@5']);

		session.version = 6;
		session.phase = 'question';
		session.questionIndex = 0;
		world.emit('s1', 'state');
		await settle();
		expect(same.events().map((e) => `${e.event}@${e.id}`)).toEqual(['question@6']);
		await Promise.all([warm, same, older, hostSame].map((c) => c.cancel()));
	});

	it('sends a heartbeat comment every 15 s and stops everything on abort', async () => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']
		});
		const { world, streams, open } = setup();
		world.session();
		const abort = new AbortController();
		const client = open(player('p1'), { signal: abort.signal });
		await settle();
		await vi.advanceTimersByTimeAsync(14_999);
		expect(client.comments()).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(client.comments()).toEqual(['heartbeat']);
		await vi.advanceTimersByTimeAsync(30_000);
		expect(client.comments()).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
		expect(client.text.endsWith(': heartbeat\n\n')).toBe(true);

		abort.abort();
		await settle();
		expect(client.done).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
		expect(world.subscribers('s1')).toBe(0);
		expect(streams.stats().connections).toBe(0);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(client.comments()).toHaveLength(3);
	});

	it('cleans up when the client goes away, and when the request was aborted before it began', async () => {
		const { world, streams, open } = setup();
		world.session();
		const a = open(player('p1'));
		const b = open(player('p2'));
		await settle();
		await a.cancel();
		expect(world.subscribers('s1')).toBe(1);
		await b.cancel();
		expect(world.subscribers('s1')).toBe(0);

		const aborted = new AbortController();
		aborted.abort();
		const never = open(player('p1'), { signal: aborted.signal });
		await settle();
		expect(never.done).toBe(true);
		expect(streams.stats()).toEqual({ sessions: 0, connections: 0, loads: 1 });
	});

	it('retries a failed load, then serves the streams that waited', async () => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']
		});
		const { world, open } = setup();
		world.session();
		world.failNextLoads(2);
		const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		const client = open(player('p1'));
		await settle();
		expect(client.events()).toEqual([]);
		await vi.advanceTimersByTimeAsync(1000);
		expect(world.counts.loads).toBe(2);
		await vi.advanceTimersByTimeAsync(2000); // the second wait is twice as long
		await settle();
		errors.mockRestore();
		expect(world.counts.loads).toBe(3);
		expect(client.events().map((e) => e.event)).toEqual(['lobby']);
		expect(client.done).toBe(false);
		await client.cancel();
	});

	it('ends every stream of a session that no longer exists', async () => {
		const { world, open } = setup();
		world.session();
		const client = open(host);
		await settle();
		world.sessions.delete('s1');
		world.emit('s1', 'state');
		await settle();
		expect(client.done).toBe(true);
		expect(world.subscribers('s1')).toBe(0);
	});

	it('closes a stream nobody reads instead of queueing forever', async () => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']
		});
		const { world, streams } = setup({ maxQueuedChunks: 3 });
		world.session();
		const warnings = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		const response = streams.open({ sessionId: 's1', audience: player('p1') });
		await settle();
		expect(streams.stats().connections).toBe(1);
		await vi.advanceTimersByTimeAsync(15_000 * 6);
		warnings.mockRestore();
		expect(streams.stats().connections).toBe(0);
		expect(vi.getTimerCount()).toBe(0);
		await response.body?.cancel();
	});

	it('keeps sessions apart', async () => {
		const { world, open } = setup();
		world.session('s1');
		const other = world.session('s2');
		const one = open(player('p1'), { sessionId: 's1' });
		const two = open(player('p1'), { sessionId: 's2' });
		await settle();
		other.version = 2;
		other.phase = 'ended';
		world.emit('s2', 'state');
		await settle();
		expect(one.events().map((e) => e.event)).toEqual(['lobby']);
		expect(two.events().map((e) => e.event)).toEqual(['lobby', 'ended']);
		await one.cancel();
		await two.cancel();
	});
});

describe('cachedJson', () => {
	it('writes what JSON.stringify writes, reusing the JSON of a shared object', () => {
		const shared = { prompt: 'Who “said” it?', options: [{ id: 'a', text: 'x\ny' }], n: 1.5 };
		const views = ['Ana', 'Bo'].map((nickname) => ({
			nickname,
			missing: undefined,
			closesAt: null,
			when: new Date(0),
			list: [1, undefined, 'z'],
			question: shared
		}));
		const cache = new WeakMap<object, string>();
		for (const view of views) expect(cachedJson(view, cache)).toBe(JSON.stringify(view));
		cache.set(shared, '"from the cache"');
		expect(cachedJson({ question: shared }, cache)).toBe('{"question":"from the cache"}');
	});
});

describe('viewBytes', () => {
	it('writes the bytes of JSON.stringify(view), turning each shared object into bytes once', () => {
		let serialized = 0;
		const when = { toJSON: () => (serialized++, '2025-04-07T09:00:00.000Z') };
		const shared = { prompt: 'Who “said” it? ¿Quién?', options: [{ id: 'a', text: 'x\ny' }], when };
		const views = ['Ana', 'Bo', 'Chloé'].map((nickname, i) => ({
			missing: undefined,
			nickname,
			closesAt: i === 0 ? null : 1_700_000_000_000,
			question: shared,
			result: { points: i * 100 },
			active: true
		}));
		const expected = views.map((view) => JSON.stringify(view));
		serialized = 0;
		const encoding = sharedEncoding();
		expect(views.map((view) => viewBytes(view, encoding).toString('utf8'))).toEqual(expected);
		expect(serialized).toBe(1);
		expect(viewBytes({}, encoding).toString()).toBe('{}');
		expect(viewBytes({ only: shared }, encoding).toString()).toBe(JSON.stringify({ only: shared }));
	});
});
