import { isHttpError, isRedirect } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import { content } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import {
	answerIndexForm,
	extraTimeForm,
	joinCodeForm,
	recentLiveSessions,
	requireOwnLiveSession,
	startSessionForm
} from './pages';
import { removePlayer } from './sessions';
import { account, joinAsGuest, newSession } from './test-live';

const t0 = new Date(Date.UTC(2025, 3, 7, 9));
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

function hostEvent(user: SessionUser | null, sessionId: string) {
	return {
		locals: { user, session: null, requestId: 'test-request' },
		url: new URL(`http://localhost/live/host/${sessionId}`),
		params: { sessionId }
	};
}

/** What the guard threw: a status for an error, the location for a redirect. */
async function refusal(run: () => Promise<unknown>): Promise<number | string> {
	try {
		await run();
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		if (isRedirect(thrown)) return thrown.location;
		throw thrown;
	}
	throw new Error('the guard let the request through');
}

function formOf(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(entries)) data.append(name, value);
	return data;
}

describeOnEachEngine('live pages: the host guard and recent sessions', (db) => {
	it('lets only the session’s own teacher in', async () => {
		const teacher = await account(db(), 'Ms Owner', 'teacher');
		const other = await account(db(), 'Mr Other', 'teacher');
		const student = await account(db(), 'Ana');
		const session = await newSession(db(), content, { teacherId: teacher.id }, t0);

		const { session: found } = await requireOwnLiveSession(hostEvent(teacher, session.id), db());
		expect(found.id).toBe(session.id);
		expect(await refusal(() => requireOwnLiveSession(hostEvent(other, session.id), db()))).toBe(
			403
		);
		expect(await refusal(() => requireOwnLiveSession(hostEvent(student, session.id), db()))).toBe(
			403
		);
		expect(await refusal(() => requireOwnLiveSession(hostEvent(teacher, 'nope'), db()))).toBe(404);
		expect(await refusal(() => requireOwnLiveSession(hostEvent(null, session.id), db()))).toBe(
			`/signin?redirectTo=${encodeURIComponent(`/live/host/${session.id}`)}`
		);
	});

	it('lists a teacher’s own sessions, newest first, counting players still in', async () => {
		const teacher = await account(db(), 'Ms Recent', 'teacher');
		const other = await account(db(), 'Mr Elsewhere', 'teacher');
		const older = await newSession(db(), content, { teacherId: teacher.id }, minutes(1));
		const newer = await newSession(db(), content, { teacherId: teacher.id }, minutes(2));
		await newSession(db(), content, { teacherId: other.id }, minutes(3));
		await joinAsGuest(db(), newer.code, 'Zorro');
		const leaving = await joinAsGuest(db(), newer.code, 'Búho');
		const removed = await removePlayer(db(), {
			sessionId: newer.id,
			teacherId: teacher.id,
			playerId: leaving.player.id
		});
		expect(removed.ok).toBe(true);

		const recent = await recentLiveSessions(db(), teacher.id);
		expect(recent.map((s) => [s.id, s.playerCount])).toEqual([
			[newer.id, 1],
			[older.id, 0]
		]);
		expect(recent[0]?.questionCount).toBe(newer.questions.length);
		expect(await recentLiveSessions(db(), teacher.id, 1)).toHaveLength(1);
	});
});

it('reads a join code as the six digits, spaces and dashes ignored', () => {
	const ok = parseForm(joinCodeForm, formOf({ code: ' 482 913 ' }));
	expect(ok).toEqual({ ok: true, data: { code: '482913' } });
	const dashed = parseForm(joinCodeForm, formOf({ code: '482-913' }));
	expect(dashed.ok && dashed.data.code).toBe('482913');
	for (const bad of ['', '48291', '4829134', 'abcdef']) {
		const refused = parseForm(joinCodeForm, formOf({ code: bad }));
		expect(refused.ok, bad).toBe(false);
	}
	const huge = parseForm(joinCodeForm, formOf({ code: '1'.repeat(100_000) }));
	expect(huge).toMatchObject({ ok: false, message: 'The code has 6 digits.' });
});

it('checks the start form’s choices and fills the defaults', () => {
	const base = { source: 'module', timer: 'off', scoring: 'accuracy', leaderboard: 'hidden' };
	const parsed = parseForm(startSessionForm, formOf(base));
	expect(parsed).toMatchObject({
		ok: true,
		data: { source: 'module', missedCount: 10, extraSeconds: 0, lesson: null, classId: null }
	});
	const badTimer = parseForm(startSessionForm, formOf({ ...base, timer: '15' }));
	expect(badTimer).toMatchObject({ ok: false, fieldErrors: { timer: 'Choose a timer.' } });
	const tooMany = parseForm(startSessionForm, formOf({ ...base, missedCount: '31' }));
	expect(tooMany).toMatchObject({
		ok: false,
		fieldErrors: { missedCount: 'The number of questions can be at most 30.' }
	});
	const fraction = parseForm(startSessionForm, formOf({ ...base, extraSeconds: '2.5' }));
	expect(fraction).toMatchObject({
		ok: false,
		fieldErrors: { extraSeconds: 'Extra seconds must be a whole number.' }
	});
});

it('reads numbers as digits only, and says so in words when a field is missing or is not one', () => {
	const base = { source: 'module', timer: 'off', scoring: 'accuracy', leaderboard: 'hidden' };
	for (const bad of ['0x10', '1e2', 'NaN', '12abc']) {
		const refused = parseForm(startSessionForm, formOf({ ...base, extraSeconds: bad }));
		expect(refused, bad).toMatchObject({
			ok: false,
			fieldErrors: { extraSeconds: 'Extra seconds must be a number.' }
		});
	}
	const file = new FormData();
	for (const [key, value] of Object.entries(base)) file.append(key, value);
	file.append('classId', new Blob(['x']));
	file.append('missedCount', new Blob(['3']));
	expect(parseForm(startSessionForm, file)).toMatchObject({
		ok: false,
		fieldErrors: {
			classId: 'That choice does not exist.',
			missedCount: 'The number of questions must be a number.'
		}
	});
	expect(parseForm(extraTimeForm, formOf({ playerId: 'p' }))).toMatchObject({
		ok: false,
		fieldErrors: { seconds: 'Extra seconds must be a number.' }
	});
	// an empty question number is no question, not question 0
	for (const bad of ['', ' ', '0x1', '-1', '1.5']) {
		expect(parseForm(answerIndexForm, formOf({ questionIndex: bad })), bad).toMatchObject({
			ok: false,
			message: 'This answer names no question. Reload the page.'
		});
	}
	expect(parseForm(answerIndexForm, formOf({ questionIndex: '3' }))).toEqual({
		ok: true,
		data: { questionIndex: 3 }
	});
});
