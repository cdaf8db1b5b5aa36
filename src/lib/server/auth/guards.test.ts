import { isHttpError, isRedirect } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { requireOwnClass } from '../classes/access';
import { createClass } from '../classes/classes';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newId } from '../ids';
import { requireOwnLiveSession } from '../live/pages';
import { newSession } from '../live/test-live';
import { content } from '../classes/test-class';
import { requireAccount, requireAdmin, requireTeacher, requireUser } from './guards';
import { rolesInviterMayInvite } from './invites';
import type { SessionUser } from './session';
import { updateSiteSetting } from './site-settings';

// Issue #15: the authorization matrix's decisions, role by role, where they are made. The end-to-end matrix
// (tests/authorization-matrix.spec.ts) keeps one refused role per distinct refusal of each route, to prove
// the route reaches its guard.

type Role = 'anonymous' | 'guest' | 'student' | 'teacher' | 'otherTeacher' | 'admin';
const roles: Role[] = ['anonymous', 'guest', 'student', 'teacher', 'otherTeacher', 'admin'];

/** What a guard decided: through, sent to sign in and back, or refused with a status and message. */
async function decision(guard: () => unknown): Promise<string> {
	try {
		await guard();
		return 'allowed';
	} catch (thrown) {
		if (isRedirect(thrown)) return `sign in: ${thrown.location}`;
		if (isHttpError(thrown)) return `${thrown.status}: ${thrown.body.message}`;
		throw thrown;
	}
}

const url = new URL('http://127.0.0.1/classes/x?tab=1');
const signIn = `sign in: /signin?redirectTo=${encodeURIComponent('/classes/x?tab=1')}`;
const teachersOnly = '403: This page is for teachers. You are signed in with a student account.';

async function people(db: Database): Promise<Record<Role, SessionUser | null>> {
	const user = (role: SessionUser['role'], isGuest = false): SessionUser => ({
		id: newId(),
		username: `guard-${newId()}`,
		displayName: role,
		role,
		isGuest
	});
	const everyone = {
		anonymous: null,
		guest: user('student', true),
		student: user('student'),
		teacher: user('teacher'),
		otherTeacher: user('teacher'),
		admin: user('admin')
	};
	for (const person of Object.values(everyone)) {
		if (!person) continue;
		await db.write((tx) =>
			tx.insert(db.tables.users).values({
				id: person.id,
				username: person.username,
				displayName: person.displayName,
				role: person.role,
				isGuest: person.isGuest,
				passwordHash: '!test'
			})
		);
	}
	return everyone;
}

const eachRole = async (decide: (role: Role) => Promise<string>) =>
	Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await decide(role)])));

it('the account guards decide by role alone, without a database', async () => {
	const user = (role: SessionUser['role'], isGuest = false): SessionUser => ({
		id: 'id',
		username: 'u',
		displayName: 'U',
		role,
		isGuest
	});
	const who: Record<Role, SessionUser | null> = {
		anonymous: null,
		guest: user('student', true),
		student: user('student'),
		teacher: user('teacher'),
		otherTeacher: user('teacher'),
		admin: user('admin')
	};
	const run = (guard: typeof requireUser) =>
		eachRole((role) => decision(() => guard({ locals: { user: who[role] } as App.Locals, url })));
	expect(await run(requireUser)).toEqual({
		anonymous: signIn,
		guest: 'allowed',
		student: 'allowed',
		teacher: 'allowed',
		otherTeacher: 'allowed',
		admin: 'allowed'
	});
	expect(await run(requireAccount)).toEqual({
		anonymous: signIn,
		guest: signIn,
		student: 'allowed',
		teacher: 'allowed',
		otherTeacher: 'allowed',
		admin: 'allowed'
	});
	expect(await run(requireTeacher)).toEqual({
		anonymous: signIn,
		guest: teachersOnly,
		student: teachersOnly,
		teacher: 'allowed',
		otherTeacher: 'allowed',
		admin: 'allowed'
	});
	const adminsOnly = '403: This page is for Evidencia admins.';
	expect(await run(requireAdmin)).toEqual({
		anonymous: signIn,
		guest: adminsOnly,
		student: adminsOnly,
		teacher: adminsOnly,
		otherTeacher: adminsOnly,
		admin: 'allowed'
	});
});

describeOnEachEngine('the class, session and invite guards', (db) => {
	it('open a class only to its teacher: another teacher and an admin get 403, an unknown class 404', async () => {
		const who = await people(db());
		const own = await createClass(db(), who.teacher!.id, 'Guarded class');
		const asking = (role: Role, classId: string) =>
			decision(() =>
				requireOwnClass(
					{ locals: { user: who[role] } as App.Locals, url, params: { classId } },
					db()
				)
			);
		const notYours =
			'403: This class belongs to another teacher. You can open only your own classes.';
		expect(await eachRole((role) => asking(role, own.id))).toEqual({
			anonymous: signIn,
			guest: teachersOnly,
			student: teachersOnly,
			teacher: 'allowed',
			otherTeacher: notYours,
			admin: notYours
		});
		expect(await asking('teacher', newId())).toBe(
			'404: There is no such class. It may have been deleted.'
		);
	});

	it('open a review session only to its host: another teacher and an admin get 403, an unknown one 404', async () => {
		const who = await people(db());
		const session = await newSession(db(), content, { teacherId: who.teacher!.id });
		const asking = (role: Role, sessionId: string) =>
			decision(() =>
				requireOwnLiveSession(
					{ locals: { user: who[role] } as App.Locals, url, params: { sessionId } },
					db()
				)
			);
		const notYours =
			'403: This review session belongs to another teacher. You can run only your own.';
		expect(await eachRole((role) => asking(role, session.id))).toEqual({
			anonymous: signIn,
			guest: teachersOnly,
			student: teachersOnly,
			teacher: 'allowed',
			otherTeacher: notYours,
			admin: notYours
		});
		expect(await asking('teacher', newId())).toBe(
			'404: There is no such review session. It may have been deleted.'
		);
	});

	it('let admins invite always, teachers only while the setting allows, nobody else', async () => {
		const who = await people(db());
		const inviting = () =>
			eachRole(async (role) => {
				const person = who[role];
				return person ? (await rolesInviterMayInvite(db(), person)).join(' ') || 'none' : 'none';
			});
		await updateSiteSetting(db(), 'teachersMayInvite', false);
		expect(await inviting()).toEqual({
			anonymous: 'none',
			guest: 'none',
			student: 'none',
			teacher: 'none',
			otherTeacher: 'none',
			admin: 'teacher admin'
		});
		await updateSiteSetting(db(), 'teachersMayInvite', true);
		expect(await inviting()).toMatchObject({
			student: 'none',
			teacher: 'teacher',
			admin: 'teacher admin'
		});
	});
});
