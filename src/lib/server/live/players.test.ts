import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createGuest } from '../auth/guests';
import { content } from '../classes/test-class';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import {
	hashResumeToken,
	joinLiveSession,
	liveCookieName,
	maxGuestsPerAddress,
	playerFor
} from './players';
import { end, removePlayer, reveal, startOrNext } from './sessions';
import { hostView, loadLiveState } from './views';
import { account, joinAs, joinAsGuest, newSession } from './test-live';

it('names one resume cookie per session', () => {
	expect(liveCookieName('abc')).toBe('evidencia_live_abc');
	expect(hashResumeToken('token')).toMatch(/^[0-9a-f]{64}$/);
});

describeOnEachEngine('joining a live session', (getDb) => {
	const playerCount = async (db: Database, sessionId: string) => {
		const [row] = await db.read
			.select({ n: count() })
			.from(db.tables.livePlayers)
			.where(eq(db.tables.livePlayers.sessionId, sessionId));
		return row?.n ?? 0;
	};

	async function setUp() {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id });
		return { db, teacher, session, ref: { sessionId: session.id, teacherId: teacher.id } };
	}

	it('a signed-in student joins as themselves, and joining again from any device is the same player', async () => {
		const { db, session } = await setUp();
		const ana = await account(db, 'Ana López');

		const first = await joinLiveSession(db, { code: session.code, user: ana });
		const again = await joinLiveSession(db, { code: session.code, user: ana, nickname: 'Other' });

		expect(first).toMatchObject({
			ok: true,
			resumeToken: null,
			player: { userId: ana.id, nickname: 'Ana López', nicknameKey: 'analopez' }
		});
		expect(again.ok && first.ok && again.player.id === first.player.id).toBe(true);
		expect((await playerFor(db, session.id, { user: ana }))?.id).toBe(first.ok && first.player.id);
		expect(await playerCount(db, session.id)).toBe(1);
	});

	it('makes a student’s display name unique with a number, and refuses a guest the same name', async () => {
		const { db, session } = await setUp();
		const first = await joinAs(db, session.code, await account(db, 'Ana'));
		const second = await joinAs(db, session.code, await account(db, 'ana'));
		const third = await joinAs(db, session.code, await account(db, 'Ana'));

		expect([first, second, third].map((joined) => joined.player.nickname)).toEqual([
			'Ana',
			'ana 2',
			'Ana 3'
		]);
		for (const nickname of ['ANA', 'A na', 'Aná', 'Ana 2']) {
			expect(await joinLiveSession(db, { code: session.code, user: null, nickname })).toMatchObject(
				{
					ok: false,
					status: 409,
					message: 'Someone in this session already has that nickname. Choose another.'
				}
			);
		}
		expect(await playerCount(db, session.id)).toBe(3);
	});

	it('a guest picks a nickname and their resume token finds the same player again', async () => {
		const { db, session } = await setUp();
		const joined = await joinAsGuest(db, session.code, '  Rocket  ');
		const token = joined.resumeToken;
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(joined.player).toMatchObject({ nickname: 'Rocket', userId: null });
		// only the token's hash is stored
		expect(joined.player.resumeTokenHash).toBe(hashResumeToken(token!));

		expect((await playerFor(db, session.id, { user: null, resumeToken: token }))?.id).toBe(
			joined.player.id
		);
		const rejoined = await joinLiveSession(db, {
			code: session.code,
			user: null,
			nickname: 'Something else',
			resumeToken: token
		});
		expect(rejoined).toMatchObject({
			ok: true,
			player: { id: joined.player.id },
			resumeToken: null
		});
		expect(await playerFor(db, session.id, { user: null, resumeToken: 'forged' })).toBeNull();
		expect(await playerFor(db, session.id, { user: null, resumeToken: null })).toBeNull();
		// the same browser signed in as a student does not play as the guest
		const signedIn = await account(db, 'Bea');
		expect(await playerFor(db, session.id, { user: signedIn, resumeToken: token })).toBeNull();
		// a guest record (a visitor who answered a lesson question) still picks a nickname
		const guestId = await createGuest(db);
		const guestUser = {
			id: guestId,
			username: `guest-${guestId}`,
			displayName: 'Guest',
			role: 'student' as const,
			isGuest: true
		};
		expect(
			await joinLiveSession(db, { code: session.code, user: guestUser, nickname: 'Comet' })
		).toMatchObject({ ok: true, player: { userId: null, nickname: 'Comet' } });
		expect(await playerCount(db, session.id)).toBe(2);
	});

	it('welcomes late joiners until the session ends', async () => {
		const { db, session, ref } = await setUp();
		await startOrNext(db, ref);
		await joinAsGuest(db, session.code, 'During');
		await reveal(db, ref);
		await joinAsGuest(db, session.code, 'After reveal');
		await end(db, ref);

		expect(
			await joinLiveSession(db, { code: session.code, user: null, nickname: 'Too late' })
		).toEqual({
			ok: false,
			status: 409,
			message: 'That review session has ended.'
		});
		expect(await playerCount(db, session.id)).toBe(2);
	});

	it('refuses unknown codes, bad nicknames, the host, and removed players, storing nothing', async () => {
		const { db, session, teacher, ref } = await setUp();
		const cases = [
			[{ code: '000000x', user: null, nickname: 'Ana' }, 404],
			[{ code: '', user: null, nickname: 'Ana' }, 404],
			[{ code: session.code, user: null, nickname: 'a'.repeat(1024 * 1024) }, 400],
			[{ code: session.code, user: null, nickname: 'pendejo' }, 400],
			[{ code: session.code, user: null, nickname: 'Ana\u200b' }, 400],
			[{ code: session.code, user: null }, 400],
			[{ code: session.code, user: teacher }, 409]
		] as const;
		for (const [input, status] of cases) {
			expect(await joinLiveSession(db, input), JSON.stringify(input).slice(0, 80)).toMatchObject({
				ok: false,
				status
			});
		}
		expect(await playerCount(db, session.id)).toBe(0);

		const cruz = await account(db, 'Cruz');
		const student = await joinAs(db, session.code, cruz);
		const guest = await joinAsGuest(db, session.code, 'Comet');
		await removePlayer(db, { ...ref, playerId: student.player.id });
		await removePlayer(db, { ...ref, playerId: guest.player.id });

		const removed = {
			ok: false,
			status: 403,
			message: 'The teacher removed you from this session.'
		};
		expect(await joinLiveSession(db, { code: session.code, user: cruz })).toEqual(removed);
		expect(
			await joinLiveSession(db, { code: session.code, user: null, resumeToken: guest.resumeToken })
		).toEqual(removed);
		// still found, so their device can say they were removed
		expect(await playerFor(db, session.id, { user: cruz })).toMatchObject({
			removedAt: expect.any(Date)
		});
		expect(await playerCount(db, session.id)).toBe(2);
	});

	const guestAt = (code: string, nickname: string, address: string, resumeToken?: string | null) =>
		joinLiveSession(getDb(), { code, user: null, nickname, address, resumeToken });

	it('refuses a nickname that only looks different: "Mаra" with a Cyrillic а is "Mara"', async () => {
		const { db, session } = await setUp();
		await joinAsGuest(db, session.code, 'Mara');

		const lookAlikes = await Promise.all(
			['M\u0430ra', '\u041C\u0410RA', 'rnara'].map((nickname) =>
				joinLiveSession(db, { code: session.code, user: null, nickname })
			)
		);

		for (const refused of lookAlikes) {
			expect(refused).toEqual({
				ok: false,
				status: 409,
				message: 'Someone in this session already has that nickname. Choose another.'
			});
		}
		expect(await playerCount(db, session.id)).toBe(1);
	});

	it('keeps a removed guest out: not from a fresh device on the same network, but others still join', async () => {
		const { db, session, ref } = await setUp();
		const school = '203.0.113.7';
		const troll = await guestAt(session.code, 'Troll', school);
		const friend = await guestAt(session.code, 'Friend', school);
		if (!troll.ok || !friend.ok) throw new Error('the guests did not join');
		expect(troll.player.joinedFrom).toBe(school);
		const cruz = await account(db, 'Cruz');
		const cruzJoined = await joinLiveSession(db, {
			code: session.code,
			user: cruz,
			address: school
		});
		await removePlayer(db, { ...ref, playerId: troll.player.id });

		// cookies cleared, a new name: still the same network
		const fresh = await guestAt(session.code, 'Totally New', school);
		// the old cookie is the removed player
		const sameDevice = await guestAt(session.code, 'Other', school, troll.resumeToken);
		const friendAgain = await guestAt(session.code, 'Ignored', school, friend.resumeToken);
		const elsewhere = await guestAt(session.code, 'Elsewhere', '198.51.100.3');
		const signedIn = await joinLiveSession(db, {
			code: session.code,
			user: await account(db, 'Dana'),
			address: school
		});

		expect(fresh).toEqual({
			ok: false,
			status: 403,
			message:
				'The teacher removed a guest who joined from this network, so no more guests can join this session from it. Sign in with your student account to join, or ask your teacher.'
		});
		expect(sameDevice).toEqual({
			ok: false,
			status: 403,
			message: 'The teacher removed you from this session.'
		});
		expect(friendAgain).toMatchObject({ ok: true, player: { id: friend.player.id } });
		expect(elsewhere.ok).toBe(true);
		expect(signedIn.ok).toBe(true);

		// a removed account stays out from anywhere, and its network is not shut to guests for it
		if (!cruzJoined.ok) throw new Error(cruzJoined.message);
		await removePlayer(db, { ...ref, playerId: cruzJoined.player.id });
		expect(
			await joinLiveSession(db, { code: session.code, user: cruz, address: '198.51.100.99' })
		).toMatchObject({ ok: false, status: 403 });
		expect((await guestAt(session.code, 'Other Net', '198.51.100.50')).ok).toBe(true);
		expect(await playerCount(db, session.id)).toBe(6);
	});

	it('takes at most 40 guests from one network into a session, even in a burst', async () => {
		const { db, session } = await setUp();
		const school = '203.0.113.8';
		expect(maxGuestsPerAddress).toBe(40);

		const burst = await Promise.all(
			Array.from({ length: 45 }, (_, n) => guestAt(session.code, `Player ${n}`, school))
		);
		const elsewhere = await guestAt(session.code, 'Home', '198.51.100.4');
		const signedIn = await joinLiveSession(db, {
			code: session.code,
			user: await account(db, 'Eva'),
			address: school
		});

		expect(burst.filter((joined) => joined.ok)).toHaveLength(40);
		const refused = burst.filter((joined) => !joined.ok);
		expect(refused).toHaveLength(5);
		for (const failure of refused) {
			expect(failure).toEqual({
				ok: false,
				status: 403,
				message:
					'40 guests have already joined this session from your network, the most it takes from one network. Sign in with your student account to join, or ask your teacher.'
			});
		}
		expect(elsewhere.ok).toBe(true);
		expect(signedIn.ok).toBe(true);
		expect(await playerCount(db, session.id)).toBe(42);
		// the teacher's controls say so
		const live = await loadLiveState(db, content, session.id);
		expect(live && hostView(live)).toMatchObject({ fullGuestNetworks: 1, guestsPerNetwork: 40 });
		// another session takes guests from that network again
		const next = await newSession(db, content, { teacherId: session.teacherId });
		expect((await guestAt(next.code, 'Player 0', school)).ok).toBe(true);
	});

	it('has signed-in students pick a nickname unless the teacher shows real names', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const hidden = await newSession(db, content, {
			teacherId: teacher.id,
			options: { showRealNames: false }
		});
		const ana = await account(db, 'Ana López');
		await joinAsGuest(db, hidden.code, 'Comet');

		const without = await joinLiveSession(db, { code: hidden.code, user: ana });
		const taken = await joinLiveSession(db, { code: hidden.code, user: ana, nickname: 'C0met' });
		const joined = await joinLiveSession(db, {
			code: hidden.code,
			user: ana,
			nickname: ' Rocket ',
			address: '203.0.113.9'
		});
		const again = await joinLiveSession(db, { code: hidden.code, user: ana, nickname: 'Other' });

		expect(without).toEqual({ ok: false, status: 400, message: 'Choose a nickname.' });
		expect(taken).toMatchObject({ ok: false, status: 409 });
		expect(joined).toMatchObject({
			ok: true,
			resumeToken: null,
			player: { userId: ana.id, nickname: 'Rocket', joinedFrom: '203.0.113.9' }
		});
		expect(again.ok && joined.ok && again.player.id === joined.player.id).toBe(true);
		expect(await playerCount(db, hidden.id)).toBe(2);
	});
});
