import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/database';
import { databaseFingerprint } from '../db/fingerprint';
import { describeOnEachEngine } from '../db/testing';
import { accountLocale } from '../i18n/preference';
import { newUser } from '../progress/test-content';
import type { Field } from '../test-bad-input';
import { runRoute } from '../test-route';
import { addMember, createClass, setClassArchived } from './classes';

// The class settings page's language choice (/classes/[classId]/settings?/language) and the language a new
// class starts with (/classes?/create), run in-process on both engines: who may change it, what a bad
// choice gets back (in the reader's language), and that a student who never chose one then reads in it.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const requestLocale = getLocale;
afterEach(() => overwriteGetLocale(requestLocale));

async function person(db: Database, name: string, role: 'student' | 'teacher') {
	const id = await newUser(db, name, role);
	return { id, username: `${role}-${id}`, displayName: name, role, isGuest: false } as SessionUser;
}

async function arrange(db: Database) {
	const teacher = await person(db, 'Ms. Ruiz', 'teacher');
	const otherTeacher = await person(db, 'Mr. Other', 'teacher');
	const student = await person(db, 'Ana', 'student');
	const klass = await createClass(db, teacher.id, 'Period 2', new Date(), 'America/Mexico_City');
	const archived = await createClass(db, teacher.id, 'Last year');
	await setClassArchived(db, archived.id, true);
	await addMember(db, klass.id, student.id);
	return { teacher, otherTeacher, student, klass, archived };
}

describeOnEachEngine('the class’s default language', (getDb) => {
	let w: Awaited<ReturnType<typeof arrange>>;
	beforeAll(async () => {
		current = getDb();
		w = await arrange(getDb());
	});

	const setLanguage = (who: SessionUser | null, fields: Field[], classId = w.klass.id) =>
		runRoute({
			method: 'POST',
			path: `/classes/${classId}/settings?/language`,
			user: who,
			body: { kind: 'form', fields }
		});
	const savedLocale = async (classId = w.klass.id) => {
		const { classes } = getDb().tables;
		const [row] = await getDb()
			.read.select({ locale: classes.defaultLocale })
			.from(classes)
			.where(eq(classes.id, classId));
		return row?.locale;
	};

	it('starts in English, and the settings page shows the saved choice', async () => {
		expect(await savedLocale()).toBe('en');
		const answer = await runRoute({
			method: 'GET',
			path: `/classes/${w.klass.id}/settings`,
			user: w.teacher
		});
		expect(answer.status).toBe(200);
		expect((answer as { data: { defaultLocale: string } }).data.defaultLocale).toBe('en');
	});

	it('refuses a language that is not offered, missing or far too long, and changes nothing', async () => {
		const before = await databaseFingerprint(getDb());
		for (const fields of [
			[['defaultLocale', 'fr']],
			[['defaultLocale', 'ES']],
			[['defaultLocale', '']],
			[],
			[['defaultLocale', 'es'.repeat(5000)]]
		] as Field[][]) {
			const answer = await setLanguage(w.teacher, fields);
			expect(answer.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
			expect('message' in answer && answer.message).toBe(
				'Choose English or Español as the language students see by default.'
			);
		}
		expect(await databaseFingerprint(getDb())).toEqual(before);
	});

	it('says so in Spanish when the request is in Spanish', async () => {
		overwriteGetLocale(() => 'es');
		const answer = await setLanguage(w.teacher, [['defaultLocale', 'pt']]);
		expect(answer.status).toBe(400);
		expect('message' in answer && answer.message).toBe(
			'Elige English o Español como el idioma que ven los estudiantes de forma predeterminada.'
		);
		const archived = await setLanguage(w.teacher, [['defaultLocale', 'es']], w.archived.id);
		expect('message' in archived && archived.message).toMatch(/^Esta clase está archivada/);
	});

	it('lets only the class’s own teacher change it', async () => {
		const before = await databaseFingerprint(getDb());
		const fields: Field[] = [['defaultLocale', 'es']];
		expect((await setLanguage(w.otherTeacher, fields)).status).toBe(403);
		expect((await setLanguage(w.student, fields)).status).toBe(403);
		const visitor = await setLanguage(null, fields);
		expect(visitor.status).toBe(303);
		expect((await setLanguage(w.teacher, fields, 'no-such-class')).status).toBe(404);
		// an archived class can't change
		expect((await setLanguage(w.teacher, fields, w.archived.id)).status).toBe(409);
		expect(await databaseFingerprint(getDb())).toEqual(before);
	});

	it('saves Spanish, and a student who never chose a language then reads in it', async () => {
		expect(await accountLocale(getDb(), w.student.id)).toBe('en');
		const answer = await setLanguage(w.teacher, [['defaultLocale', 'es']]);
		expect(answer).toMatchObject({ status: 200, data: { localeChanged: 'es' } });
		expect(await savedLocale()).toBe('es');
		expect(await accountLocale(getDb(), w.student.id)).toBe('es');
		// the student's own choice wins over the class's
		const { users } = getDb().tables;
		await getDb().write((tx) =>
			tx.update(users).set({ locale: 'en' }).where(eq(users.id, w.student.id))
		);
		expect(await accountLocale(getDb(), w.student.id)).toBe('en');
		// and back to English
		await setLanguage(w.teacher, [['defaultLocale', 'en']]);
		expect(await savedLocale()).toBe('en');
	});

	it('gives a new class the language of the page it was created from', async () => {
		const create = (name: string) =>
			runRoute({
				method: 'POST',
				path: '/classes?/create',
				user: w.teacher,
				body: {
					kind: 'form',
					fields: [
						['name', name],
						['timeZone', 'America/Mexico_City']
					]
				}
			});
		const english = await create('Made in English');
		expect(english.status).toBe(303);
		const englishId = /^\/classes\/([^/]+)\/students$/.exec(
			'location' in english ? english.location : ''
		)?.[1];
		expect(englishId).toBeTruthy();
		expect(await savedLocale(englishId)).toBe('en');

		overwriteGetLocale(() => 'es');
		const spanish = await create('Hecha en español');
		const spanishId = /^\/es\/classes\/([^/]+)\/students$/.exec(
			'location' in spanish ? spanish.location : ''
		)?.[1];
		expect(spanishId).toBeTruthy();
		expect(await savedLocale(spanishId)).toBe('es');
	});
});
