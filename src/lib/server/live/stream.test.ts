import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Question } from '../../quiz/registry';
import type { Database } from '../db/database';
import { content, fingerprint, secretsOf } from '../../../../tests/fixtures/content';
import { createLocalChannels } from '../db/local-channels';
import { describeOnEachEngine } from '../db/testing';
import { submitLiveAnswer } from './answers';
import { getContent } from '../content/index';
import { initHub } from './hub';
import { followPlayerLocale, joinLiveSession } from './players';
import { createLiveStreams, type LiveAudience, type LiveSnapshot } from './sse';
import { reveal, startOrNext } from './sessions';
import { snapshotLoader } from './stream';
import { account, joinAsGuest, newSession, rightForm, seconds } from './test-live';
import type { HostView, PlayerView } from './types';

const t0 = new Date();

/** Reads a stream's complete events as a browser's EventSource would. */
function listen(response: Response) {
	const body = response.body;
	if (!body) throw new Error('no body');
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	void (async () => {
		for (;;) {
			const chunk = await reader.read();
			if (chunk.done) break;
			text += decoder.decode(chunk.value, { stream: true });
		}
	})();
	const events = () =>
		text
			.split('\n\n')
			.slice(0, -1)
			.map((block) => {
				const lines = block.split('\n');
				const field = (name: string) =>
					lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
				return { event: field('event')[0], id: field('id')[0], data: field('data').join('\n') };
			})
			.filter((e) => e.data !== '');
	return { events, raw: () => text, cancel: () => reader.cancel() };
}

/** `playerId`'s right answer to the session's first question, two seconds in. */
function answerFirstRight(db: Database, sessionId: string, playerId: string, question: Question) {
	return submitLiveAnswer(
		db,
		content,
		{ sessionId, playerId, questionIndex: 0, form: rightForm(question) },
		seconds(t0, 2)
	);
}

async function eventually(check: () => void) {
	await vi.waitFor(check, { timeout: 10_000, interval: 20 });
}

describeOnEachEngine('live event streams over the database', (getDb) => {
	beforeAll(async () => {
		// the domain publishes through the module hub: on PostgreSQL that is a real NOTIFY and LISTEN
		await initHub(getDb());
	});
	afterAll(async () => {
		await initHub(createLocalChannels());
	});

	it('reads only the answers again for a count while the question is open, everything once it moved on', async () => {
		const db = getDb();
		const load = snapshotLoader(db, content);
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id }, t0);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const ana = await joinAsGuest(db, session.code, 'Ana', t0);
		expect((await load(session.id))?.withFreshAnswers).toBeUndefined(); // the lobby takes no answers

		await startOrNext(db, ref, seconds(t0, 1));
		const open = (await load(session.id))!;
		const question = content.questions.get(session.questions[0]!.questionId)!.question;
		await answerFirstRight(db, session.id, ana.player.id, question);
		const counted = (await open.withFreshAnswers!())!;
		expect(counted.version).toBe(open.version);
		expect((open.hostView() as HostView).answeredCount).toBe(0);
		expect((counted.hostView() as HostView).answeredCount).toBe(1);
		expect((counted.playerView(ana.player.id) as PlayerView).answeredCurrent).toBe(true);

		await reveal(db, ref);
		const movedOn = (await open.withFreshAnswers!())!;
		expect(movedOn.version).toBe(open.version + 1);
		expect((movedOn.hostView() as HostView).phase).toBe('reveal');
	});

	it('follows a session from lobby to reveal, one load per change, no secret before the reveal', async () => {
		const db = getDb();
		let loads = 0;
		const load = snapshotLoader(db, content);
		const streams = createLiveStreams({
			load: (id) => {
				loads++;
				return load(id);
			}
		});
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id }, t0);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const ana = await joinAsGuest(db, session.code, 'Ana', t0);
		const bo = await joinAsGuest(db, session.code, 'Bo', t0);
		const open = (audience: LiveAudience) =>
			listen(streams.open({ sessionId: session.id, audience }));
		const host = open({ kind: 'host' });
		const players = [ana, bo].map((p) => open({ kind: 'player', playerId: p.player.id }));
		// more tabs of the same players: they must not cost loads of their own
		const tabs = Array.from({ length: 20 }, (_, i) =>
			open({ kind: 'player', playerId: (i % 2 ? ana : bo).player.id })
		);

		await eventually(() => {
			for (const client of [host, ...players, ...tabs]) {
				expect(client.events().map((e) => e.event)).toEqual(['lobby']);
			}
		});
		// PostgreSQL may deliver the two joins' notifications only now: one more load at most
		expect(loads).toBeLessThanOrEqual(2);
		const lobby = JSON.parse(players[0]!.events()[0]!.data) as PlayerView;
		expect(lobby).toMatchObject({ phase: 'lobby', nickname: 'Ana', playerCount: 2, active: true });

		await startOrNext(db, ref, seconds(t0, 1));
		await eventually(() => {
			for (const client of [host, ...players]) {
				expect(client.events().at(-1)?.event).toBe('question');
			}
		});
		const [first] = session.questions;
		const question = content.questions.get(first!.questionId)!.question;
		const opened = players[1]!.events().at(-1)!;
		expect(Number(opened.id)).toBe(session.version + 1);
		const view = JSON.parse(opened.data) as PlayerView;
		expect(view).toMatchObject({ phase: 'question', reveal: null, answeredCurrent: false });
		expect(view.question?.index).toBe(0);

		const loadsBeforeAnswer = loads;
		await answerFirstRight(db, session.id, ana.player.id, question);
		await eventually(() => {
			const last = host.events().at(-1)!;
			expect(last.event).toBe('answers');
			expect((JSON.parse(last.data) as HostView).answeredCount).toBe(1);
		});
		// the count came from reading the answers again, not from a full load of players and totals
		expect(loads).toBe(loadsBeforeAnswer);
		// players hear nothing of other people's answers
		expect(players.map((c) => c.events().length)).toEqual([2, 2]);

		// what players received before the reveal holds no key, feedback or explanation
		const beforeReveal = fingerprint(players.map((c) => c.raw()).join('\n'));
		for (const secret of secretsOf(question)) {
			expect(beforeReveal).not.toContain(fingerprint(secret));
		}

		await reveal(db, ref);
		await eventually(() => {
			for (const client of [host, ...players]) {
				expect(client.events().at(-1)?.event).toBe('reveal');
			}
		});
		const revealed = JSON.parse(players[0]!.events().at(-1)!.data) as PlayerView;
		expect(revealed.reveal?.explanation).toBe(question.explanation);
		expect(revealed.result).toMatchObject({ answered: true, correct: true });
		// lobby (+ late join notices), question, answers (host only, coalesced), reveal: none per stream
		expect(loads).toBeLessThanOrEqual(6);
		expect(tabs.every((c) => c.events().at(-1)?.event === 'reveal')).toBe(true);

		await Promise.all([host, ...players, ...tabs].map((c) => c.cancel()));
		expect(streams.stats().connections).toBe(0);
	});

	it('gives a player who joins mid-question their first view at once', async () => {
		const db = getDb();
		const streams = createLiveStreams({ load: snapshotLoader(db, content) });
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id }, t0);
		const early = await joinAsGuest(db, session.code, 'Early', t0);
		const earlyStream = listen(
			streams.open({
				sessionId: session.id,
				audience: { kind: 'player', playerId: early.player.id }
			})
		);
		await startOrNext(db, { sessionId: session.id, teacherId: teacher.id }, seconds(t0, 1));
		await eventually(() => expect(earlyStream.events().at(-1)?.event).toBe('question'));

		const late = await joinAsGuest(db, session.code, 'Late', seconds(t0, 3));
		const lateStream = listen(
			streams.open({
				sessionId: session.id,
				audience: { kind: 'player', playerId: late.player.id }
			})
		);
		await eventually(() => expect(lateStream.events().map((e) => e.event)).toEqual(['question']));
		expect(JSON.parse(lateStream.events()[0]!.data)).toMatchObject({
			nickname: 'Late',
			active: true
		});
		await earlyStream.cancel();
		await lateStream.cancel();
	});

	it('gives each phone its player’s language and the projector its page’s, one state per language', async () => {
		const db = getDb();
		const built: string[] = [];
		let loads = 0;
		const load = snapshotLoader(db, (locale) => {
			built.push(locale);
			return getContent(locale);
		});
		// every snapshot counts, a whole load or one with only its answers read again
		const counted = (snapshot: LiveSnapshot | null): LiveSnapshot | null => {
			if (!snapshot) return null;
			loads++;
			const refresh = snapshot.withFreshAnswers;
			return refresh
				? { ...snapshot, withFreshAnswers: async () => counted(await refresh()) }
				: snapshot;
		};
		const streams = createLiveStreams({ load: async (id) => counted(await load(id)) });
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id }, t0);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const join = async (nickname: string, locale: 'en' | 'es') => {
			const joined = await joinLiveSession(
				db,
				{ code: session.code, user: null, nickname, locale },
				t0
			);
			if (!joined.ok) throw new Error(joined.message);
			return joined.player;
		};
		const ana = await join('Ana', 'es');
		const bo = await join('Bo', 'en');
		expect([ana.locale, bo.locale]).toEqual(['es', 'en']);
		const open = (audience: LiveAudience) =>
			listen(streams.open({ sessionId: session.id, audience }));
		const projector = open({ kind: 'host', locale: 'en' });
		const phones = [ana, bo].map((p) => open({ kind: 'player', playerId: p.id }));
		const more = [ana, bo].map((p) => open({ kind: 'player', playerId: p.id }));
		await startOrNext(db, ref, seconds(t0, 1));
		const clients = [projector, ...phones, ...more];
		await eventually(() => {
			for (const c of clients) expect(c.events().at(-1)?.event).toBe('question');
		});

		const id = session.questions[0]!.questionId;
		const english = getContent('en').questions.get(id)!.question;
		const spanish = getContent('es').questions.get(id)!.question;
		// the question has its own Spanish words, or this test would prove nothing
		expect(spanish.prompt).not.toBe(english.prompt);
		const last = (c: ReturnType<typeof open>) => JSON.parse(c.events().at(-1)!.data);
		const [anaView, boView] = phones.map(last) as PlayerView[];
		expect(anaView!.question?.question.prompt).toBe(spanish.prompt);
		expect(boView!.question?.question.prompt).toBe(english.prompt);
		expect((last(projector) as HostView).question?.question.prompt).toBe(english.prompt);
		// a second tab of each phone gets the same bytes: views are shared, never built per connection
		expect(more.map((c) => c.events().at(-1)!.data)).toEqual(
			phones.map((c) => c.events().at(-1)!.data)
		);
		// one state per language in use per load, however many connections
		for (const locale of ['en', 'es']) {
			expect(built.filter((l) => l === locale).length).toBeLessThanOrEqual(loads);
		}

		// no key before the reveal, in either language
		const beforeReveal = fingerprint(phones.map((c) => c.raw()).join('\n'));
		for (const secret of [...secretsOf(english), ...secretsOf(spanish)]) {
			expect(beforeReveal).not.toContain(fingerprint(secret));
		}

		// the same right answer (ids and keys are shared) at the same moment scores the same
		for (const player of [ana, bo]) {
			const answered = await submitLiveAnswer(
				db,
				content,
				{ sessionId: session.id, playerId: player.id, questionIndex: 0, form: rightForm(english) },
				seconds(t0, 2)
			);
			expect(answered.ok).toBe(true);
		}
		await reveal(db, ref);
		await eventually(() => {
			for (const c of clients) expect(c.events().at(-1)?.event).toBe('reveal');
		});
		const [anaResult, boResult] = phones.map(last) as PlayerView[];
		expect(anaResult!.reveal?.explanation).toBe(spanish.explanation);
		expect(boResult!.reveal?.explanation).toBe(english.explanation);
		expect(anaResult!.result).toMatchObject({ answered: true, correct: true });
		expect(anaResult!.result?.points).toBeGreaterThan(0);
		expect({ ...anaResult!.result, rank: 0 }).toEqual({ ...boResult!.result, rank: 0 });

		// Ana opens the English page: her phone follows, Bo's stays as it was
		const boEvents = phones[1]!.events().length;
		await followPlayerLocale(db, ana, 'en');
		await eventually(() =>
			expect((last(phones[0]!) as PlayerView).reveal?.explanation).toBe(english.explanation)
		);
		expect(phones[1]!.events().length).toBe(boEvents);

		await Promise.all(clients.map((c) => c.cancel()));
	});
});
