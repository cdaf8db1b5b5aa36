import { describe, expect, it } from 'vitest';
import { setAccommodation } from '../classes/accommodations';
import { addMember, removeMember } from '../classes/classes';
import { content } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { answerWindowMs, submitLiveAnswer } from './answers';
import { subscribe, type LiveChange } from './hub';
import { classSessionsChanged, end, reveal, startOrNext } from './sessions';
import { account, joinAs, newSession, rightForm, seconds, teacherWithClass } from './test-live';
import { hostView, loadLiveState, playerView } from './views';

// Issue #16: a class's live sessions honour each member's accommodation: the timer times its factor, and
// unlimited time takes the timer away for that player. Read on every answer and view, so a student who joins
// late or is given time mid-session counts at once.

const t0 = new Date(Date.UTC(2025, 3, 7, 9));
const aCheck = content.questions.get('a-check')!.question;

describe('answerWindowMs', () => {
	const session = { timerSeconds: 20, extraTime: { ana: 10 } };
	const holder = (userId: string | null, extra: '1.25' | '1.5' | '2' | 'unlimited' | null) => ({
		userId,
		timeAccommodation: extra
	});

	it('multiplies the class timer by the accommodation and adds the session’s extra seconds on top', () => {
		expect(answerWindowMs(session, null)).toBe(20_000);
		expect(answerWindowMs(session, holder('ben', null))).toBe(20_000);
		expect(answerWindowMs(session, holder('ben', '1.25'))).toBe(25_000);
		expect(answerWindowMs(session, holder('ben', '1.5'))).toBe(30_000);
		expect(answerWindowMs(session, holder('ben', '2'))).toBe(40_000);
		expect(answerWindowMs(session, holder('ana', null))).toBe(30_000);
		expect(answerWindowMs(session, holder('ana', '2'))).toBe(50_000);
	});

	it('has no window with unlimited time or without a timer', () => {
		expect(answerWindowMs(session, holder('ben', 'unlimited'))).toBeNull();
		expect(answerWindowMs({ timerSeconds: null, extraTime: {} }, holder('ben', '2'))).toBeNull();
	});
});

describeOnEachEngine('accommodations in a class’s live session', (getDb) => {
	/** Ana ×2, Ben nothing, Cy unlimited, in a session of alpha with a 20-second timer, question 1 open at t0. */
	async function classSession() {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana', 'Ben', 'Cy']);
		const [ana, ben, cy] = students as [
			(typeof students)[0],
			(typeof students)[0],
			(typeof students)[0]
		];
		const give = (userId: string, extraTime: '1.25' | '1.5' | '2' | 'unlimited' | null) =>
			setAccommodation(db, {
				classId,
				userId,
				accommodation: { extraTime, extraAttempts: 0, readAloud: false }
			});
		await give(ana.id, '2');
		await give(cy.id, 'unlimited');
		const session = await newSession(
			db,
			content,
			{
				teacherId: teacher.id,
				classId,
				source: { kind: 'lesson', lessonSlug: 'alpha' },
				options: { timerSeconds: 20 }
			},
			t0
		);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const players = {
			ana: (await joinAs(db, session.code, ana, t0)).player.id,
			ben: (await joinAs(db, session.code, ben, t0)).player.id,
			cy: (await joinAs(db, session.code, cy, t0)).player.id
		};
		await startOrNext(db, ref, t0);
		const answer = (playerId: string, at: number) =>
			submitLiveAnswer(
				db,
				content,
				{ sessionId: session.id, playerId, questionIndex: 0, form: rightForm(aCheck) },
				seconds(t0, at)
			);
		const state = async () => (await loadLiveState(db, content, session.id))!;
		return { db, teacher, classId, session, ref, players, ana, ben, cy, give, answer, state };
	}

	it('keeps the question open for a ×2 student after the class’s 20 seconds, and not for another', async () => {
		const { answer, players } = await classSession();

		expect(await answer(players.ben, 25)).toMatchObject({
			ok: false,
			status: 409,
			message: 'Time is up: that question is closed. Your answer was not recorded.'
		});
		expect(await answer(players.ana, 25)).toEqual({ ok: true, questionIndex: 0 });
		// unlimited: no timer at all, until the teacher reveals
		expect(await answer(players.cy, 600)).toEqual({ ok: true, questionIndex: 0 });
	});

	it('closes a ×2 student’s question at twice the timer (plus the second of grace)', async () => {
		const { answer, players } = await classSession();

		expect(await answer(players.ana, 41.5)).toMatchObject({ ok: false, status: 409 });
		expect(await answer(players.ana, 40.5)).toEqual({ ok: true, questionIndex: 0 });
	});

	it('shows each player their own closing time, and the projector the class’s', async () => {
		const { players, state } = await classSession();
		const live = await state();
		const opened = t0.getTime();

		expect(playerView(live, players.ana).question?.closesAt).toBe(opened + 40_000);
		expect(playerView(live, players.ben).question?.closesAt).toBe(opened + 20_000);
		expect(playerView(live, players.cy).question?.closesAt).toBeNull();
		const host = hostView(live);
		expect(host.question?.closesAt).toBe(opened + 20_000);
		expect(
			host.players.map((player) => [player.nickname, player.timeAccommodation]).sort()
		).toEqual([
			['Ana', '2'],
			['Ben', null],
			['Cy', 'unlimited']
		]);
	});

	it('tells the teacher who still has time after the class’s timer, until they answer', async () => {
		const { answer, players, state, ref, db } = await classSession();

		expect(hostView(await state()).extendedTime).toEqual({ players: 2, closesAt: null });
		await answer(players.cy, 30);
		expect(hostView(await state()).extendedTime).toEqual({
			players: 1,
			closesAt: t0.getTime() + 40_000
		});
		await answer(players.ana, 31);
		expect(hostView(await state()).extendedTime).toBeNull();
		await reveal(db, ref);
		expect(hostView(await state()).extendedTime).toBeNull();
	});

	it('gives a student who joins the class after the session began their accommodation', async () => {
		const { db, classId, session, give, answer, state } = await classSession();
		const dee = await account(db, 'Dee');
		await addMember(db, classId, dee.id);
		await give(dee.id, '1.5');
		const player = (await joinAs(db, session.code, dee, seconds(t0, 5))).player.id;

		expect(playerView(await state(), player).question?.closesAt).toBe(t0.getTime() + 30_000);
		expect(await answer(player, 28)).toEqual({ ok: true, questionIndex: 0 });
	});

	it('applies an accommodation changed mid-question at once, with a new version for every screen', async () => {
		const { db, classId, session, ben, give, answer, players, state } = await classSession();
		const heard: LiveChange[] = [];
		const stop = subscribe(session.id, (change) => heard.push(change));
		try {
			const before = (await state()).session.version;
			expect(await answer(players.ben, 25)).toMatchObject({ ok: false, status: 409 });

			await give(ben.id, '1.5');
			await classSessionsChanged(db, classId);

			const live = await state();
			expect(live.session.version).toBe(before + 1);
			expect(heard).toEqual(['state']);
			expect(playerView(live, players.ben).question?.closesAt).toBe(t0.getTime() + 30_000);
			expect(await answer(players.ben, 26)).toEqual({ ok: true, questionIndex: 0 });
		} finally {
			stop();
		}
	});

	it('leaves ended sessions and other classes’ sessions alone when a class changes', async () => {
		const first = await classSession();
		const other = await classSession();
		await end(first.db, first.ref);
		const endedVersion = (await first.state()).session.version;
		const otherVersion = (await other.state()).session.version;

		await classSessionsChanged(first.db, first.classId);

		expect((await first.state()).session.version).toBe(endedVersion);
		expect((await other.state()).session.version).toBe(otherVersion);
	});

	it('counts an accommodation only in its own class, and only while the student is a member', async () => {
		const { db, teacher, classId, ana, state, players } = await classSession();
		const open = await newSession(
			db,
			content,
			{
				teacherId: teacher.id,
				classId: null,
				source: { kind: 'lesson', lessonSlug: 'alpha' },
				options: { timerSeconds: 20 }
			},
			t0
		);
		const inOpen = (await joinAs(db, open.code, ana, t0)).player.id;
		await startOrNext(db, { sessionId: open.id, teacherId: teacher.id }, t0);
		const refused = await submitLiveAnswer(
			db,
			content,
			{ sessionId: open.id, playerId: inOpen, questionIndex: 0, form: rightForm(aCheck) },
			seconds(t0, 25)
		);
		expect(refused).toMatchObject({ ok: false, status: 409 });

		await removeMember(db, classId, ana.id);
		expect(playerView(await state(), players.ana).question?.closesAt).toBe(t0.getTime() + 20_000);
	});
});
