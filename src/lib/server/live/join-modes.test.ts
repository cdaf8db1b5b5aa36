import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { content } from '../classes/test-class';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { checkNickname, exampleNicknames, generatedNicknamePool } from './nicknames';
import { startSessionForm } from './pages';
import { joinLiveSession } from './players';
import { createLiveSession, renamePlayer } from './sessions';
import {
	account,
	defaultOptions,
	form,
	joinAsGuest,
	newSession,
	teacherWithClass
} from './test-live';
import { hostView, loadLiveState } from './views';

const playerCount = async (db: Database, sessionId: string) => {
	const [row] = await db.read
		.select({ n: count() })
		.from(db.tables.livePlayers)
		.where(eq(db.tables.livePlayers.sessionId, sessionId));
	return row?.n ?? 0;
};

const sessionCount = async (db: Database, teacherId: string) => {
	const [row] = await db.read
		.select({ n: count() })
		.from(db.tables.liveSessions)
		.where(eq(db.tables.liveSessions.teacherId, teacherId));
	return row?.n ?? 0;
};

const englishName = /^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/;

describe('the start form’s join choices', () => {
	const base: [string, string][] = [
		['source', 'module'],
		['timer', 'off'],
		['scoring', 'accuracy'],
		['leaderboard', 'hidden']
	];

	it('reads the mode and the language, and a page without them gets the open mode in English', () => {
		const chosen = parseForm(
			startSessionForm,
			form([...base, ['joinMode', 'generated'], ['nicknameLanguage', 'es']])
		);
		const left = parseForm(startSessionForm, form(base));
		expect(chosen).toMatchObject({
			ok: true,
			data: { joinMode: 'generated', nicknameLanguage: 'es' }
		});
		expect(left).toMatchObject({ ok: true, data: { joinMode: 'open', nicknameLanguage: 'en' } });
	});

	it('refuses an unknown mode or language at its field', () => {
		expect(parseForm(startSessionForm, form([...base, ['joinMode', 'everyone']]))).toEqual({
			ok: false,
			message: 'Choose who can join.',
			fieldErrors: { joinMode: 'Choose who can join.' }
		});
		expect(parseForm(startSessionForm, form([...base, ['joinMode', '']]))).toMatchObject({
			ok: false,
			fieldErrors: { joinMode: 'Choose who can join.' }
		});
		expect(parseForm(startSessionForm, form([...base, ['nicknameLanguage', 'fr']]))).toEqual({
			ok: false,
			message: 'Choose English or Spanish names.',
			fieldErrors: { nicknameLanguage: 'Choose English or Spanish names.' }
		});
	});

	it('shows example names the lists can really give', () => {
		expect(exampleNicknames).toEqual({ en: 'Brave Otter', es: 'Nutria Valiente' });
		expect(generatedNicknamePool('en')).toContain('Brave Otter');
		expect(generatedNicknamePool('es')).toContain('Nutria Valiente');
	});
});

describeOnEachEngine('who can join a live session', (getDb) => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('keeps the open mode in English for a session made without the choice', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const { joinMode: _mode, nicknameLanguage: _language, ...older } = defaultOptions;
		const created = await createLiveSession(db, content, {
			teacherId: teacher.id,
			classId: null,
			source: { kind: 'module' },
			options: older
		});
		expect(created).toMatchObject({
			ok: true,
			session: { joinMode: 'open', nicknameLanguage: 'en' }
		});
	});

	it('refuses a class-members-only session without a class, and stores nothing', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const created = await createLiveSession(db, content, {
			teacherId: teacher.id,
			classId: null,
			source: { kind: 'module' },
			options: { ...defaultOptions, joinMode: 'members' }
		});
		const unknown = await createLiveSession(db, content, {
			teacherId: teacher.id,
			classId: null,
			source: { kind: 'module' },
			options: { ...defaultOptions, joinMode: 'everyone' as 'open' }
		});
		expect(created).toEqual({
			ok: false,
			status: 400,
			message: 'Choose the class whose students may join, or let anyone join.'
		});
		expect(unknown).toEqual({ ok: false, status: 400, message: 'Choose who can join.' });
		expect(await sessionCount(db, teacher.id)).toBe(0);
	});

	it('class members only: refuses a guest and a signed-in non-member, and stores neither', async () => {
		const db = getDb();
		const { teacher, classId } = await teacherWithClass(db, ['Ana López']);
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			options: { joinMode: 'members' }
		});
		const zoe = await account(db, 'Zoe Park');

		const guest = await joinLiveSession(db, { code: session.code, user: null, nickname: 'Rocket' });
		const outsider = await joinLiveSession(db, {
			code: session.code,
			user: zoe,
			nickname: 'Comet'
		});

		expect(guest).toEqual({
			ok: false,
			status: 403,
			message:
				'Only students of this class can join this session. Sign in with your student account to join.'
		});
		expect(outsider).toEqual({
			ok: false,
			status: 403,
			message:
				'Only students of this class can join this session, and Zoe Park is not one of them. Sign in with your student account, or ask your teacher.'
		});
		expect(await playerCount(db, session.id)).toBe(0);
	});

	it('class members only: a member plays as themselves, or under a nickname they pick', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana López', 'Ben Ruiz']);
		const [ana, ben] = students as [(typeof students)[0], (typeof students)[0]];
		const shown = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			options: { joinMode: 'members', showRealNames: true }
		});
		const hidden = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			options: { joinMode: 'members', showRealNames: false }
		});

		const real = await joinLiveSession(db, { code: shown.code, user: ana });
		const noNickname = await joinLiveSession(db, { code: hidden.code, user: ben });
		const rude = await joinLiveSession(db, { code: hidden.code, user: ben, nickname: 'fuck' });
		const picked = await joinLiveSession(db, { code: hidden.code, user: ben, nickname: ' Comet ' });

		expect(real).toMatchObject({ ok: true, player: { userId: ana.id, nickname: 'Ana López' } });
		expect(noNickname).toEqual({ ok: false, status: 400, message: 'Choose a nickname.' });
		expect(rude).toMatchObject({ ok: false, status: 400 });
		expect(picked).toMatchObject({ ok: true, player: { userId: ben.id, nickname: 'Comet' } });
		expect(await playerCount(db, hidden.id)).toBe(1);
	});

	it('generated names: a guest gets a listed name, whatever they typed', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			options: { joinMode: 'generated' }
		});

		const typed = await joinAsGuest(db, session.code, 'Rocket');
		const blank = await joinLiveSession(db, { code: session.code, user: null });

		for (const joined of [typed, blank]) {
			expect(joined.ok).toBe(true);
			if (!joined.ok) continue;
			expect(joined.player.nickname).toMatch(englishName);
			expect(joined.player.nickname).not.toBe('Rocket');
			expect(generatedNicknamePool('en')).toContain(joined.player.nickname);
			expect(checkNickname(joined.player.nickname)).toMatchObject({ ok: true });
			expect(joined.resumeToken).toMatch(/^[a-z2-7]{32}$/);
		}
		expect(await playerCount(db, session.id)).toBe(2);
	});

	it('generated names: two players never get the same name, even when every draw is the same', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			options: { joinMode: 'generated', showRealNames: false }
		});
		vi.spyOn(Math, 'random').mockReturnValue(0);
		const zoe = await account(db, 'Zoe Park');

		const first = await joinAsGuest(db, session.code, '');
		const second = await joinAsGuest(db, session.code, 'Brave Otter');
		const signedIn = await joinLiveSession(db, { code: session.code, user: zoe });

		expect([first, second, signedIn].map((joined) => joined.ok && joined.player.nickname)).toEqual([
			'Brave Otter',
			'Brave Owl',
			'Brave Fox'
		]);
	});

	it('generated names: class members show their real name when the teacher chose so, no one else does', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana López']);
		const ana = students[0]!;
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			options: { joinMode: 'generated', showRealNames: true }
		});
		const hidden = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			options: { joinMode: 'generated', showRealNames: false }
		});
		const zoe = await account(db, 'Zoe Park');

		const member = await joinLiveSession(db, { code: session.code, user: ana });
		const outsider = await joinLiveSession(db, {
			code: session.code,
			user: zoe,
			nickname: 'Zoe Park'
		});
		const memberHidden = await joinLiveSession(db, { code: hidden.code, user: ana });

		expect(member).toMatchObject({ ok: true, player: { userId: ana.id, nickname: 'Ana López' } });
		expect(outsider).toMatchObject({ ok: true, player: { userId: zoe.id } });
		expect(outsider.ok && outsider.player.nickname).toMatch(englishName);
		expect(memberHidden).toMatchObject({ ok: true, player: { userId: ana.id } });
		expect(memberHidden.ok && memberHidden.player.nickname).toMatch(englishName);
	});

	it('generated names in Spanish come from the Spanish lists; the teacher can still rename', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			options: { joinMode: 'generated', nicknameLanguage: 'es' }
		});
		const random = vi.spyOn(Math, 'random').mockReturnValue(0);
		const first = await joinAsGuest(db, session.code, 'Rocket');
		const second = await joinAsGuest(db, session.code, 'Rocket');
		random.mockRestore();
		const third = await joinAsGuest(db, session.code, 'Rocket');

		expect([first.player.nickname, second.player.nickname]).toEqual([
			'Nutria Valiente',
			'Nutria Alegre'
		]);
		expect(generatedNicknamePool('es')).toContain(third.player.nickname);
		expect(generatedNicknamePool('en')).not.toContain(third.player.nickname);

		const renamed = await renamePlayer(db, {
			sessionId: session.id,
			teacherId: teacher.id,
			playerId: first.player.id,
			nickname: 'Lucía'
		});
		expect(renamed.ok).toBe(true);
		const live = await loadLiveState(db, content, session.id);
		const view = live && hostView(live);
		expect(view?.options).toMatchObject({ joinMode: 'generated', nicknameLanguage: 'es' });
		expect(view?.players.map((player) => player.nickname)).toContain('Lucía');
	});
});
