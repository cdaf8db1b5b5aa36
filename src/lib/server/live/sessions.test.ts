import { afterEach, expect, it } from 'vitest';
import { createAssignment } from '../classes/assignments';
import { content, errors, sit } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { subscribe, type LiveChange } from './hub';
import {
	createLiveSession,
	end,
	pause,
	removePlayer,
	renamePlayer,
	resume,
	reveal,
	sessionByCode,
	sessionById,
	setExtraTime,
	startOrNext
} from './sessions';
import {
	account,
	defaultOptions,
	joinAs,
	joinAsGuest,
	newSession,
	seconds,
	teacherWithClass
} from './test-live';

const t0 = new Date(Date.UTC(2025, 3, 7, 9));
const ids = (session: { questions: { questionId: string }[] }) =>
	session.questions.map((q) => q.questionId);

it('uses a test module without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
});

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

/** Every change published for the session, heard the way the event streams hear them. */
function listen(sessionId: string): LiveChange[] {
	const heard: LiveChange[] = [];
	unsubscribe = subscribe(sessionId, (change) => heard.push(change));
	return heard;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describeOnEachEngine('live sessions', (getDb) => {
	it('starts from a lesson or the whole module, in the lobby, leaving written questions out', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');

		const lesson = await newSession(
			db,
			content,
			{ teacherId: teacher.id, source: { kind: 'lesson', lessonSlug: 'alpha' } },
			t0
		);
		const module = await newSession(db, content, { teacherId: teacher.id });

		expect(lesson).toMatchObject({
			title: 'Alpha, the first',
			phase: 'lobby',
			questionIndex: -1,
			version: 1,
			classId: null,
			timerSeconds: 20,
			scoring: 'accuracy',
			showLeaderboard: true
		});
		expect(lesson.code).toMatch(/^\d{6}$/);
		expect(ids(lesson)).toEqual(['a-check', 'a-choice', 'a-tf']);
		expect(lesson.questions.every((q) => q.lessonSlug === 'alpha')).toBe(true);
		expect(ids(module)).toEqual(['a-check', 'a-choice', 'a-tf', 'b-tf']);
		expect(module.code).not.toBe(lesson.code);
		expect(await sessionByCode(db, `${lesson.code.slice(0, 3)} ${lesson.code.slice(3)}`)).toEqual(
			lesson
		);
		expect(await sessionById(db, module.id)).toEqual(module);
		expect(await sessionByCode(db, 'abcdef')).toBeNull();
		expect(await sessionByCode(db, '1'.repeat(1024 * 1024))).toBeNull();
	});

	it('reviews what the class missed most, lowest facility first, never written questions', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana', 'Bea']);
		const [ana, bea] = students.map((s) => s.id) as [string, string];
		const answers = (choice: number, tf: number, written: number) => [
			{ questionId: 'a-check', answer: true, earned: 1 },
			{ questionId: 'a-choice', answer: 'b', earned: choice },
			{ questionId: 'a-tf', answer: true, earned: tf },
			{ questionId: 'a-written', answer: 'No idea.', earned: written }
		];
		// only answers given for the class's assignments are the class's to review
		await createAssignment(db, { classId, lessonSlug: 'alpha', behaviour: 'quiz', dueAt: null });
		await sit(db, {
			userId: ana,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: t0,
			answers: answers(0, 0, 0)
		});
		await sit(db, {
			userId: bea,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: t0,
			answers: answers(0, 1, 0)
		});

		const missed = await newSession(db, content, {
			teacherId: teacher.id,
			source: { kind: 'missed', classId, count: 5 }
		});
		const top = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			source: { kind: 'missed', classId, count: 1 }
		});

		// a-written was missed by both but cannot be scored live; a-check nobody missed
		expect(ids(missed)).toEqual(['a-choice', 'a-tf']);
		expect(missed).toMatchObject({ classId, title: 'What Period 3 missed most' });
		expect(ids(top)).toEqual(['a-choice']);
	});

	it('refuses a missed-most session with nothing missed, another teacher’s class, or bad options', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Cruz']);
		const other = await account(db, 'Other', 'teacher');
		const outsider = await account(db, 'Outsider');
		const base = {
			teacherId: teacher.id,
			classId: null,
			source: { kind: 'module' } as const,
			options: defaultOptions
		};
		const attempts = [
			{ ...base, source: { kind: 'missed', classId, count: 3 } as const },
			{ ...base, teacherId: other.id, source: { kind: 'missed', classId, count: 3 } as const },
			{ ...base, teacherId: other.id, classId },
			{ ...base, source: { kind: 'lesson', lessonSlug: 'no-such-lesson' } as const },
			{ ...base, options: { ...defaultOptions, timerSeconds: -5 } },
			{ ...base, options: { ...defaultOptions, timerSeconds: 2.5 } },
			{ ...base, options: { ...defaultOptions, extraTime: { [outsider.id]: 30 } } },
			{ ...base, classId, options: { ...defaultOptions, extraTime: { [outsider.id]: 30 } } }
		];
		const statuses = [];
		for (const input of attempts) {
			const result = await createLiveSession(db, content, input);
			statuses.push(result.ok ? 'ok' : result.status);
		}
		expect(statuses).toEqual([400, 403, 403, 404, 400, 400, 400, 400]);

		const withExtra = await createLiveSession(db, content, {
			...base,
			classId,
			options: { ...defaultOptions, extraTime: { [students[0]!.id]: 30 } }
		});
		expect(withExtra).toMatchObject({
			ok: true,
			session: { extraTime: { [students[0]!.id]: 30 } }
		});
	});

	it('runs lobby → question → reveal → … → ended, bumping the version and telling the hub', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			source: { kind: 'lesson', lessonSlug: 'alpha' }
		});
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const heard = listen(session.id);

		expect(await reveal(db, ref)).toMatchObject({ ok: false, status: 409 });
		expect(await pause(db, ref)).toMatchObject({ ok: false, status: 409 });
		const first = await startOrNext(db, ref, t0);
		expect(first).toMatchObject({
			ok: true,
			session: { phase: 'question', questionIndex: 0, questionOpenedAt: t0, version: 2 }
		});
		expect(await startOrNext(db, ref, t0)).toMatchObject({
			ok: false,
			status: 409,
			message: 'Reveal the answer before you move on to the next question.'
		});
		expect(await resume(db, ref)).toMatchObject({ ok: false, status: 409 });

		// a 10-second pause moves the opening time 10 seconds on, so nobody loses time
		expect(await pause(db, ref, seconds(t0, 5))).toMatchObject({
			ok: true,
			session: { pausedAt: seconds(t0, 5), version: 3 }
		});
		expect(await pause(db, ref, seconds(t0, 6))).toMatchObject({ ok: false, status: 409 });
		expect(await resume(db, ref, seconds(t0, 15))).toMatchObject({
			ok: true,
			session: { pausedAt: null, questionOpenedAt: seconds(t0, 10), version: 4 }
		});

		expect(await reveal(db, ref)).toMatchObject({
			ok: true,
			session: { phase: 'reveal', version: 5 }
		});
		expect(await reveal(db, ref)).toMatchObject({ ok: false, status: 409 });
		expect(await startOrNext(db, ref, seconds(t0, 60))).toMatchObject({
			ok: true,
			session: {
				phase: 'question',
				questionIndex: 1,
				questionOpenedAt: seconds(t0, 60),
				version: 6
			}
		});
		await pause(db, ref, seconds(t0, 61));
		// revealing a paused question unpauses it
		expect(await reveal(db, ref)).toMatchObject({
			ok: true,
			session: { pausedAt: null, version: 8 }
		});
		await startOrNext(db, ref, seconds(t0, 120));
		await reveal(db, ref);
		const ended = await startOrNext(db, ref, seconds(t0, 180));
		expect(ended).toMatchObject({
			ok: true,
			session: { phase: 'ended', questionIndex: 2, endedAt: seconds(t0, 180), version: 11 }
		});

		for (const control of [startOrNext, reveal, pause, resume, end]) {
			expect(await control(db, ref)).toMatchObject({ ok: false, status: 409 });
		}
		expect((await sessionById(db, session.id))?.version).toBe(11);
		await settle();
		expect(heard).toEqual(Array(10).fill('state'));
	});

	it('ends from any phase and keeps other teachers out', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const other = await account(db, 'Other', 'teacher');
		const session = await newSession(db, content, { teacherId: teacher.id });
		const mine = { sessionId: session.id, teacherId: teacher.id };
		const theirs = { sessionId: session.id, teacherId: other.id };

		for (const control of [startOrNext, reveal, pause, resume, end]) {
			expect(await control(db, theirs)).toMatchObject({ ok: false, status: 403 });
		}
		expect(await end(db, { sessionId: 'nope', teacherId: teacher.id })).toMatchObject({
			ok: false,
			status: 404
		});
		expect((await sessionById(db, session.id))?.version).toBe(1);
		expect(await end(db, mine, t0)).toMatchObject({
			ok: true,
			session: { phase: 'ended', questionIndex: -1, endedAt: t0, version: 2 }
		});
		expect(await end(db, mine)).toMatchObject({ ok: false, status: 409 });
	});

	it('renames, removes and gives extra time to players, each one version', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Dev']);
		const session = await newSession(db, content, { teacherId: teacher.id, classId });
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const dev = await joinAs(db, session.code, students[0]!);
		const guest = await joinAsGuest(db, session.code, 'Rocket');
		const other = await account(db, 'Other', 'teacher');

		expect(
			await renamePlayer(db, { ...ref, playerId: guest.player.id, nickname: 'Comet' })
		).toMatchObject({ ok: true, session: { version: 2 } });
		expect(
			await renamePlayer(db, { ...ref, playerId: guest.player.id, nickname: ' d e v ' })
		).toMatchObject({ ok: false, status: 409 });
		expect(
			await renamePlayer(db, { ...ref, playerId: guest.player.id, nickname: 'sh1t' })
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await renamePlayer(db, {
				...ref,
				teacherId: other.id,
				playerId: guest.player.id,
				nickname: 'Star'
			})
		).toMatchObject({ ok: false, status: 403 });
		expect(
			await renamePlayer(db, { ...ref, playerId: 'not-a-player', nickname: 'Star' })
		).toMatchObject({ ok: false, status: 404 });

		expect(await setExtraTime(db, { ...ref, playerId: dev.player.id, seconds: 40 })).toMatchObject({
			ok: true,
			session: { version: 3, extraTime: { [students[0]!.id]: 40 } }
		});
		expect(
			await setExtraTime(db, { ...ref, playerId: guest.player.id, seconds: 40 })
		).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setExtraTime(db, { ...ref, playerId: dev.player.id, seconds: 0 })).toMatchObject({
			ok: true,
			session: { version: 4, extraTime: {} }
		});

		expect(await removePlayer(db, { ...ref, playerId: guest.player.id }, t0)).toMatchObject({
			ok: true,
			session: { version: 5 }
		});
		expect(await removePlayer(db, { ...ref, playerId: guest.player.id })).toMatchObject({
			ok: false,
			status: 409
		});
		const players = await db.read.select().from(db.tables.livePlayers);
		expect(players.find((p) => p.id === guest.player.id)).toMatchObject({
			nickname: 'Comet',
			// TR39 skeletons take "m" for "rn"
			nicknameKey: 'cornet',
			removedAt: t0
		});
		expect((await sessionById(db, session.id))?.version).toBe(5);
	});
});
