import { expect, it } from 'vitest';
import { limits } from '../auth/rate-limit';
import { content } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { lookUpLiveCode } from './guesses';
import { account, joinAs, joinAsGuest, newSession } from './test-live';

const t0 = new Date(Date.UTC(2026, 2, 2, 9));
const minutesAfter = (n: number) => new Date(t0.getTime() + n * 60_000);

it('allows 60 wrong live codes per address in 15 minutes', () => {
	expect(limits.liveCodeAddress).toMatchObject({ max: 60, windowMs: 15 * 60_000 });
});

describeOnEachEngine('guessing live session codes', (getDb) => {
	async function setUp() {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id });
		// a code no session has: the session's own code, one digit on
		const wrong = (n: number) =>
			String((Number(session.code) + 1 + n) % 1_000_000).padStart(6, '0');
		return { db, teacher, session, wrong };
	}

	const visitor = (code: string, address: string) => ({
		code,
		address,
		user: null,
		resumeTokenFor: () => null
	});

	it('answers 429 for any code, the right one too, once an address has tried 60 wrong ones', async () => {
		const { db, session, wrong } = await setUp();
		const school = '203.0.113.60';

		const guesses = [];
		for (let n = 0; n < 59; n++) {
			guesses.push(await lookUpLiveCode(db, visitor(wrong(n), school), t0));
		}
		const rightWithinLimit = await lookUpLiveCode(db, visitor(session.code, school), t0);
		const sixtieth = await lookUpLiveCode(db, visitor(wrong(59), school), minutesAfter(1));
		const right = await lookUpLiveCode(db, visitor(session.code, school), minutesAfter(2));
		const wrongAgain = await lookUpLiveCode(db, visitor(wrong(60), school), minutesAfter(2));
		const otherNetwork = await lookUpLiveCode(db, visitor(session.code, '198.51.100.60'), t0);
		const later = await lookUpLiveCode(db, visitor(session.code, school), minutesAfter(16));

		expect(guesses.map((found) => found.ok || found.status)).toEqual(Array(59).fill(404));
		expect(guesses[0]).toEqual({
			ok: false,
			status: 404,
			message: `No review session has the code ${wrong(0)}. Check the code on the projector.`
		});
		expect(rightWithinLimit).toMatchObject({ ok: true, session: { id: session.id } });
		expect(sixtieth).toMatchObject({ ok: false, status: 404 });
		const refused = {
			ok: false,
			status: 429,
			message:
				'Too many wrong session codes were tried from your network. Try again in 13 minutes, and check the code on the projector.',
			retryAfterSeconds: 780
		};
		expect(right).toEqual(refused);
		expect(wrongAgain).toEqual(refused);
		expect(otherNetwork).toMatchObject({ ok: true });
		// the first 59 leave the window at minute 15, so there is room again
		expect(later).toMatchObject({ ok: true });
	});

	it('lets the host and the players of a session through, so one guesser cannot lock a class out', async () => {
		const { db, teacher, session, wrong } = await setUp();
		const school = '203.0.113.61';
		const guest = await joinAsGuest(db, session.code, 'Comet');
		const student = await account(db, 'Ana');
		await joinAs(db, session.code, student);
		for (let n = 0; n < 60; n++) await lookUpLiveCode(db, visitor(wrong(n), school), t0);

		const asGuest = await lookUpLiveCode(
			db,
			{ ...visitor(session.code, school), resumeTokenFor: () => guest.resumeToken },
			t0
		);
		const asStudent = await lookUpLiveCode(
			db,
			{ ...visitor(session.code, school), user: student },
			t0
		);
		const asHost = await lookUpLiveCode(
			db,
			{ ...visitor(session.code, school), user: teacher },
			t0
		);
		const forgedToken = await lookUpLiveCode(
			db,
			{ ...visitor(session.code, school), resumeTokenFor: () => 'forged' },
			t0
		);
		const newcomer = await lookUpLiveCode(
			db,
			{ ...visitor(session.code, school), user: await account(db, 'Bea') },
			t0
		);
		// a player of this session is still a stranger to other codes
		const playerGuessing = await lookUpLiveCode(
			db,
			{ ...visitor(wrong(99), school), user: student },
			t0
		);

		expect(asGuest).toMatchObject({ ok: true, player: { id: guest.player.id } });
		expect(asStudent).toMatchObject({ ok: true, player: { userId: student.id } });
		expect(asHost).toMatchObject({ ok: true, player: null });
		for (const refused of [forgedToken, newcomer, playerGuessing]) {
			expect(refused).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 900 });
		}
	});

	it('does not count text that cannot be a code', async () => {
		const { db, session } = await setUp();
		const school = '203.0.113.62';
		for (let n = 0; n < 70; n++) {
			expect(await lookUpLiveCode(db, visitor(`abc${n}`, school), t0)).toMatchObject({
				ok: false,
				status: 404
			});
		}
		expect(await lookUpLiveCode(db, visitor(session.code, school), t0)).toMatchObject({
			ok: true
		});
	});
});
