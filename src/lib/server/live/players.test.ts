import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createGuest } from '../auth/guests';
import { content } from '../classes/test-class';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { hashResumeToken, joinLiveSession, liveCookieName, playerFor } from './players';
import { end, removePlayer, reveal, startOrNext } from './sessions';
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
});
