import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';
import type { SessionUser } from '../auth/session';
import { addMember, createClass } from '../classes/classes';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newId } from '../ids';
import { accountLocale, classDefaultLocale, rememberedLocale } from './preference';

// The reader's language: which remembered choice wins, which class sets a student's default, and the
// switcher's endpoint (/language), run in-process on both engines.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const cookiesWith = (value?: string): Pick<Cookies, 'get'> => ({
	get: (name) => (name === cookieName ? value : undefined)
});

describe('the remembered language', () => {
	it('is the account’s choice, even when this browser’s cookie says otherwise', () => {
		expect(rememberedLocale({ locale: 'es' }, cookiesWith('en'))).toBe('es');
		expect(rememberedLocale({ locale: 'en' }, cookiesWith('es'))).toBe('en');
	});

	it('is the cookie’s when the account never chose, or no one is signed in', () => {
		expect(rememberedLocale({ locale: null }, cookiesWith('es'))).toBe('es');
		expect(rememberedLocale({}, cookiesWith('es'))).toBe('es');
		expect(rememberedLocale(null, cookiesWith('es'))).toBe('es');
	});

	it('is none when nothing was chosen, or the cookie names no language of ours', () => {
		expect(rememberedLocale(null, cookiesWith())).toBeNull();
		expect(rememberedLocale(null, cookiesWith('fr'))).toBeNull();
		expect(rememberedLocale({ locale: null }, cookiesWith('ES '))).toBeNull();
	});
});

let counter = 0;
async function person(db: Database, role: SessionUser['role']): Promise<SessionUser> {
	const id = newId();
	const username = `lang-${role}-${counter++}-${id}`;
	const displayName = `${role} ${counter}`;
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username,
			email: role === 'student' ? null : `${username}@school.org`,
			displayName,
			role,
			passwordHash: '!test'
		})
	);
	return { id, username, displayName, role, isGuest: false };
}

const at = (day: number) => new Date(Date.UTC(2026, 8, day, 9));

/** A browser's cookie jar for one request: what it sends, and what the endpoint sets. */
function jar(sent: Record<string, string> = {}) {
	const cookies = new Map(Object.entries(sent));
	return {
		cookies,
		api: {
			get: (name: string) => cookies.get(name),
			set: (name: string, value: string) => void cookies.set(name, value)
		} as unknown as Cookies
	};
}

/** Posts the switcher's form to /language as the given reader; what it answered. */
async function postLanguage(fields: Record<string, string>, user: SessionUser | null = null) {
	const { POST } = await import('../../../routes/language/+server');
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.append(key, value);
	const url = new URL('http://127.0.0.1:3000/language');
	const { cookies, api } = jar();
	const event = {
		request: new Request(url, { method: 'POST', body }),
		url,
		params: {},
		locals: { requestId: 'test', user, session: null },
		cookies: api
	} as unknown as RequestEvent<Record<string, never>, '/language'>;
	try {
		await POST(event);
	} catch (thrown) {
		if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location, cookies };
		if (isHttpError(thrown))
			return { status: thrown.status, message: thrown.body.message, cookies };
		throw thrown;
	}
	throw new Error('/language answered without a redirect or an error');
}

describeOnEachEngine('a student’s default language', (getDb) => {
	it('is the default of the class they joined last', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const student = await person(db, 'student');
		const english = await createClass(db, teacher.id, 'English', at(1), 'UTC', 'en');
		const spanish = await createClass(db, teacher.id, 'Spanish', at(2), 'UTC', 'es');
		const later = await createClass(db, teacher.id, 'Later', at(3), 'UTC', 'en');
		// Act / Assert
		expect(await classDefaultLocale(db, student.id)).toBeNull();
		await addMember(db, english.id, student.id, at(4));
		await addMember(db, spanish.id, student.id, at(5));
		expect(await classDefaultLocale(db, student.id)).toBe('es');
		await addMember(db, later.id, student.id, at(6));
		expect(await classDefaultLocale(db, student.id)).toBe('en');
	});

	it('gives way to the account’s own choice', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const student = await person(db, 'student');
		const spanish = await createClass(db, teacher.id, 'Spanish', at(1), 'UTC', 'es');
		await addMember(db, spanish.id, student.id, at(2));
		// Act / Assert
		expect(await accountLocale(db, student.id)).toBe('es');
		const { users } = db.tables;
		await db.write((tx) => tx.update(users).set({ locale: 'en' }).where(eq(users.id, student.id)));
		expect(await accountLocale(db, student.id)).toBe('en');
	});
});

describeOnEachEngine('the language switcher (/language)', (getDb) => {
	beforeEach(() => {
		current = getDb();
	});

	it('refuses a language we do not have with a 400 that says which we have', async () => {
		for (const locale of ['fr', '', 'ES']) {
			const answer = await postLanguage({ locale, return: '/learn' });
			expect(answer, locale).toMatchObject({ status: 400, message: 'Choose English or Spanish.' });
			expect(answer.cookies.has(cookieName)).toBe(false);
		}
		const missing = await postLanguage({ return: '/learn' });
		expect(missing).toMatchObject({ status: 400, message: 'Choose English or Spanish.' });
	});

	it('comes back to the same page in the chosen language, and remembers it in this browser', async () => {
		expect(await postLanguage({ locale: 'es', return: '/lessons?x=1' })).toMatchObject({
			status: 303,
			location: '/es/lessons?x=1'
		});
		const back = await postLanguage({ locale: 'en', return: '/es/lessons' });
		expect(back).toMatchObject({ status: 303, location: '/lessons' });
		expect(back.cookies.get(cookieName)).toBe('en');
	});

	it('never sends anyone off the site: an address elsewhere goes to the home page', async () => {
		for (const target of [
			'//evil.example',
			'https://evil.example/',
			'/\\evil.example',
			'/..//evil.example'
		]) {
			expect(await postLanguage({ locale: 'es', return: target }), target).toMatchObject({
				status: 303,
				location: '/es/'
			});
			expect(await postLanguage({ locale: 'en', return: target }), target).toMatchObject({
				status: 303,
				location: '/'
			});
		}
	});

	it('saves a signed-in reader’s choice with their account, so it follows them to other devices', async () => {
		// Arrange
		const db = getDb();
		const student = await person(db, 'student');
		const other = await person(db, 'student');
		// Act
		const answer = await postLanguage({ locale: 'es', return: '/account' }, student);
		// Assert
		expect(answer).toMatchObject({ status: 303, location: '/es/account' });
		expect(await accountLocale(db, student.id)).toBe('es');
		expect(await accountLocale(db, other.id)).toBeNull();
		// a visitor's choice stays in their browser: no account changes
		await postLanguage({ locale: 'en', return: '/' });
		expect(await accountLocale(db, student.id)).toBe('es');
	});
});
