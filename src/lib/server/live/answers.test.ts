import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { content } from '../classes/test-class';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { livePoints, submitLiveAnswer } from './answers';
import { subscribe, type LiveChange } from './hub';
import type { LiveOptions } from './types';
import { end, pause, removePlayer, resume, reveal, setExtraTime, startOrNext } from './sessions';
import {
	form,
	joinAs,
	joinAsGuest,
	newSession,
	rightForm,
	seconds,
	teacherWithClass,
	wrongForm
} from './test-live';

const t0 = new Date(Date.UTC(2025, 3, 7, 9));
const question = (id: string) => {
	const found = content.questions.get(id);
	if (!found) throw new Error(`no question ${id}`);
	return found.question;
};

describe('livePoints', () => {
	it('gives 100 × the fraction earned, and with speed up to 50 more, falling over the window', () => {
		const speed = { scoring: 'speed' as const, windowMs: 20_000 };
		expect(livePoints({ earned: 1, scoring: 'accuracy', elapsedMs: 0, windowMs: 20_000 })).toBe(
			100
		);
		expect(livePoints({ earned: 0.5, scoring: 'accuracy', elapsedMs: 0, windowMs: null })).toBe(50);
		expect(livePoints({ earned: 0, ...speed, elapsedMs: 0 })).toBe(0);
		expect(livePoints({ earned: 1, ...speed, elapsedMs: 0 })).toBe(150);
		expect(livePoints({ earned: 1, ...speed, elapsedMs: 5_000 })).toBe(138);
		expect(livePoints({ earned: 0.5, ...speed, elapsedMs: 10_000 })).toBe(63);
		expect(livePoints({ earned: 1, ...speed, elapsedMs: 25_000 })).toBe(100);
		// without a timer the bonus falls over 30 seconds
		expect(livePoints({ earned: 1, scoring: 'speed', elapsedMs: 15_000, windowMs: null })).toBe(
			125
		);
	});
});

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

describeOnEachEngine('answering live', (getDb) => {
	/** Lesson alpha live: a-check (true), a-choice (a), a-tf (false); question 1 opened at t0. */
	async function openQuestion(options: Partial<LiveOptions> = {}) {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana', 'Bea']);
		const session = await newSession(
			db,
			content,
			{
				teacherId: teacher.id,
				classId,
				source: { kind: 'lesson', lessonSlug: 'alpha' },
				options
			},
			t0
		);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const guest = await joinAsGuest(db, session.code, 'Rocket', t0);
		const ana = await joinAs(db, session.code, students[0]!, t0);
		await startOrNext(db, ref, t0);
		const answer = (playerId: string, data: FormData, at: number, questionIndex = 0) =>
			submitLiveAnswer(
				db,
				content,
				{ sessionId: session.id, playerId, questionIndex, form: data },
				seconds(t0, at)
			);
		return { db, session, ref, guest, ana, anaUser: students[0]!, bea: students[1]!, answer };
	}

	const storedAnswers = (db: Database, sessionId: string) =>
		db.read
			.select()
			.from(db.tables.liveAnswers)
			.where(eq(db.tables.liveAnswers.sessionId, sessionId));

	it('stores one answer per player, scored from the server clock, and tells the hosts', async () => {
		const { db, session, guest, ana, answer } = await openQuestion();
		const heard: LiveChange[] = [];
		unsubscribe = subscribe(session.id, (change) => heard.push(change));
		// a client-sent time is ignored: only the server's clock counts
		const right = rightForm(question('a-check'));
		right.append('elapsedMs', '0');
		right.append('points', '1000');

		expect(await answer(guest.player.id, right, 4)).toEqual({ ok: true, questionIndex: 0 });
		expect(await answer(ana.player.id, wrongForm(question('a-check')), 6)).toEqual({
			ok: true,
			questionIndex: 0
		});
		const second = await answer(guest.player.id, wrongForm(question('a-check')), 7);

		expect(second).toEqual({
			ok: false,
			status: 409,
			message: 'You already answered this question. Your first answer counts.'
		});
		const rows = await storedAnswers(db, session.id);
		expect(
			rows
				.map((r) => [
					r.playerId,
					r.questionId,
					r.answer,
					r.earned,
					r.correct,
					r.points,
					r.elapsedMs
				])
				.sort()
		).toEqual(
			[
				[guest.player.id, 'a-check', true, 1, true, 100, 4000],
				[ana.player.id, 'a-check', false, 0, false, 0, 6000]
			].sort()
		);
		// hosts hear of answers (answers close together share one notice, hub.ts), never of a state change
		await vi.waitFor(() => expect(heard).toContain('answers'), { timeout: 2000 });
		expect(new Set(heard)).toEqual(new Set(['answers']));
	});

	it('stores no answer once the reveal has committed, however many arrive with it', async () => {
		const { db, session, ref, answer } = await openQuestion();
		const letters = 'bdghjqtz';
		const guests = [];
		for (let i = 0; i < 32; i++) {
			const name = `Player ${letters[i % 8]}${letters[Math.floor(i / 8)]}`;
			guests.push(await joinAsGuest(db, session.code, name, t0));
		}
		const right = rightForm(question('a-check'));
		let storedAtReveal = -1;
		const answered = guests.map((guest) => answer(guest.player.id, right, 5));
		const revealed = reveal(db, ref).then(async (result) => {
			storedAtReveal = (await storedAnswers(db, session.id)).length;
			return result;
		});
		const results = await Promise.all(answered);
		expect((await revealed).ok).toBe(true);
		const stored = await storedAnswers(db, session.id);
		// an answer checked against the open question committed before the reveal, or was refused after it
		expect(stored).toHaveLength(storedAtReveal);
		expect(results.filter((result) => result.ok)).toHaveLength(stored.length);
		expect(results.filter((result) => !result.ok).every((result) => result.status === 409)).toBe(
			true
		);
	});

	it('refuses closed, wrong, paused and late answers with 409 and changes nothing', async () => {
		const { db, session, ref, guest, answer } = await openQuestion();
		const right = () => rightForm(question('a-check'));
		const closed = {
			ok: false,
			status: 409,
			message: 'That question is closed. Your answer was not recorded.'
		};

		expect(await answer(guest.player.id, rightForm(question('a-choice')), 2, 1)).toEqual(closed);
		expect(await answer(guest.player.id, right(), 2, -1)).toEqual(closed);
		await pause(db, ref, seconds(t0, 3));
		expect(await answer(guest.player.id, right(), 4)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/paused/)
		});
		// resumed after 10 s: the 20-second timer now runs to t0 + 30 (and a second of grace)
		await resume(db, ref, seconds(t0, 13));
		expect(await answer(guest.player.id, right(), 31.5)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/Time is up/)
		});
		expect(await storedAnswers(db, session.id)).toEqual([]);
		expect(await answer(guest.player.id, right(), 30.5)).toMatchObject({ ok: true });

		await reveal(db, ref);
		const other = await joinAsGuest(db, session.code, 'Late');
		expect(await answer(other.player.id, right(), 32)).toEqual(closed);
		await startOrNext(db, ref, seconds(t0, 40));
		await end(db, ref);
		expect(await answer(other.player.id, rightForm(question('a-choice')), 41, 1)).toEqual(closed);
		expect((await storedAnswers(db, session.id)).length).toBe(1);
	});

	it('gives a student with extra time their own deadline, and none without a timer', async () => {
		const timed = await openQuestion();
		const untimed = await openQuestion({ timerSeconds: null });
		const right = () => rightForm(question('a-check'));

		// Ana gets 30 extra seconds while the question is open: her window grows to 50 s
		await setExtraTime(timed.db, { ...timed.ref, playerId: timed.ana.player.id, seconds: 30 });
		expect(await timed.answer(timed.guest.player.id, right(), 25)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/Time is up/)
		});
		expect(await timed.answer(timed.ana.player.id, right(), 45)).toEqual({
			ok: true,
			questionIndex: 0
		});
		expect(await untimed.answer(untimed.guest.player.id, right(), 3600)).toMatchObject({
			ok: true
		});
	});

	it('refuses invalid answers with the question’s own message (400) and a removed player (403)', async () => {
		const { db, session, ref, guest, answer } = await openQuestion();
		const cases: [FormData, string][] = [
			[form([]), 'Choose True or False before you check it.'],
			[form([['a-check', 'maybe']]), 'Choose True or False.'],
			[
				form([
					['a-check', 'true'],
					['a-check', 'false']
				]),
				'Choose True or False.'
			],
			[form([['a-check', 'x'.repeat(1024 * 1024)]]), 'Choose True or False.']
		];
		for (const [data, message] of cases) {
			expect(await answer(guest.player.id, data, 2)).toEqual({ ok: false, status: 400, message });
		}
		expect(await answer('not-a-player', rightForm(question('a-check')), 2)).toMatchObject({
			ok: false,
			status: 404
		});
		await removePlayer(db, { ...ref, playerId: guest.player.id });
		expect(await answer(guest.player.id, rightForm(question('a-check')), 3)).toEqual({
			ok: false,
			status: 403,
			message: 'The teacher removed you from this session.'
		});
		expect(await storedAnswers(db, session.id)).toEqual([]);
	});

	it('scores speed from when the question opened, pauses left out', async () => {
		const { db, ref, guest, ana, answer, session } = await openQuestion({ scoring: 'speed' });
		await pause(db, ref, seconds(t0, 2));
		await resume(db, ref, seconds(t0, 12));
		await answer(guest.player.id, rightForm(question('a-check')), 15);
		await answer(ana.player.id, rightForm(question('a-check')), 22);

		const points = Object.fromEntries(
			(await storedAnswers(db, session.id)).map((row) => [
				row.playerId,
				[row.points, row.elapsedMs]
			])
		);
		// 5 s and 12 s into a 20-second window
		expect(points).toEqual({ [guest.player.id]: [138, 5000], [ana.player.id]: [120, 12000] });
	});

	it("stores a signed-in player's answers as responses of a 'live' attempt, with review cards for misses", async () => {
		const { db, session, ref, ana, anaUser, guest, answer } = await openQuestion();
		const { attempts, responses, reviewCards } = db.tables;
		await answer(ana.player.id, wrongForm(question('a-check')), 3);
		await answer(guest.player.id, wrongForm(question('a-check')), 3);
		await reveal(db, ref);
		await startOrNext(db, ref, seconds(t0, 30));
		await answer(ana.player.id, rightForm(question('a-choice')), 33, 1);

		const attemptRows = await db.read
			.select()
			.from(attempts)
			.where(eq(attempts.userId, anaUser.id));
		expect(attemptRows).toEqual([
			expect.objectContaining({
				mode: 'live',
				lessonSlug: 'alpha',
				liveSessionId: session.id,
				startedAt: seconds(t0, 3)
			})
		]);
		const responseRows = await db.read
			.select()
			.from(responses)
			.where(eq(responses.userId, anaUser.id));
		expect(
			responseRows.map((r) => [r.attemptId, r.questionId, r.answer, r.correct, r.earned]).sort()
		).toEqual(
			[
				[attemptRows[0]!.id, 'a-check', false, false, 0],
				[attemptRows[0]!.id, 'a-choice', 'a', true, 1]
			].sort()
		);
		// the miss comes back in /review; the question known from the start does not
		const cards = await db.read
			.select({ questionId: reviewCards.questionId })
			.from(reviewCards)
			.where(eq(reviewCards.userId, anaUser.id));
		expect(cards).toEqual([{ questionId: 'a-check' }]);
		// the guest's answer is a live answer only: every response of the session is Ana's
		const sessionResponses = await db.read
			.select({ userId: responses.userId })
			.from(responses)
			.innerJoin(attempts, eq(attempts.id, responses.attemptId))
			.where(and(eq(attempts.liveSessionId, session.id), eq(attempts.mode, 'live')));
		expect(sessionResponses).toEqual([{ userId: anaUser.id }, { userId: anaUser.id }]);
		expect((await storedAnswers(db, session.id)).map((row) => row.playerId).sort()).toEqual(
			[ana.player.id, ana.player.id, guest.player.id].sort()
		);
	});
});
