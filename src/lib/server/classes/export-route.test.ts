import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { GET as gradesGet } from '../../../routes/classes/[classId]/export/grades.csv/+server';
import { GET as responsesGet } from '../../../routes/classes/[classId]/export/responses.csv/+server';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newUser } from '../progress/test-content';
import { addMember, createClass } from './classes';

// The two CSV downloads as routes: ?lang=en|es picks the language of headers and words, no lang is the
// request's language, and any other lang is refused with a message that says what to ask for.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const englishLocale = getLocale;
afterEach(() => overwriteGetLocale(englishLocale));

/** Runs a GET as SvelteKit would: the response, or the error's status and message. */
async function get<E>(
	handler: (event: E) => Response | Promise<Response>,
	path: string,
	user: SessionUser,
	classId: string
) {
	const url = new URL(path, 'http://127.0.0.1:3000');
	const event = {
		url,
		params: { classId },
		request: new Request(url),
		locals: { requestId: 'test', user, session: null }
	} as unknown as RequestEvent as E;
	try {
		const response = await handler(event);
		return { status: response.status, text: await response.text(), message: null };
	} catch (thrown) {
		if (isHttpError(thrown)) {
			return { status: thrown.status, text: '', message: thrown.body.message };
		}
		throw thrown;
	}
}

const headerOf = (csv: string) =>
	csv
		.replace(/^\uFEFF/, '')
		.split('\r\n')[0]
		?.split(',');

describeOnEachEngine('CSV export routes and ?lang=', (getDb) => {
	let teacher: SessionUser;
	let classId = '';

	beforeAll(async () => {
		current = getDb();
		const id = await newUser(current, 'Ms. Ruiz', 'teacher');
		teacher = { id, username: `t-${id}`, displayName: 'Ms. Ruiz', role: 'teacher', isGuest: false };
		classId = (await createClass(current, id, 'Period 2')).id;
		await addMember(current, classId, await newUser(current, 'Ana'));
	});

	const path = (kind: string, query = '') => `/classes/${classId}/export/${kind}.csv${query}`;

	it('answers English for lang=en and Spanish for lang=es, the same rows otherwise', async () => {
		current = getDb();
		const en = await get(responsesGet, path('responses', '?lang=en'), teacher, classId);
		const es = await get(responsesGet, path('responses', '?lang=es'), teacher, classId);
		expect(en.status).toBe(200);
		expect(es.status).toBe(200);
		expect(headerOf(en.text)?.slice(0, 4)).toEqual(['Name', 'Username', 'Lesson', 'Question id']);
		expect(headerOf(es.text)?.slice(0, 4)).toEqual([
			'Nombre',
			'Usuario',
			'Lección',
			'Id de la pregunta'
		]);

		const gradesEn = await get(gradesGet, path('grades', '?lang=en'), teacher, classId);
		const gradesEs = await get(gradesGet, path('grades', '?lang=es'), teacher, classId);
		expect(headerOf(gradesEs.text)?.slice(0, 4)).toEqual([
			'Nombre',
			'Usuario',
			'Lecciones completadas',
			'Puntuación media %'
		]);
		// the student's row: the same name, username and numbers in both
		expect(gradesEs.text.split('\r\n').slice(1)).toEqual(gradesEn.text.split('\r\n').slice(1));
	});

	it('answers in the request’s language without lang', async () => {
		current = getDb();
		const en = await get(gradesGet, path('grades'), teacher, classId);
		expect(headerOf(en.text)?.[0]).toBe('Name');
		overwriteGetLocale(() => 'es');
		const es = await get(gradesGet, path('grades'), teacher, classId);
		expect(headerOf(es.text)?.[0]).toBe('Nombre');
		// and ?lang=en still gives English on a Spanish page
		const asked = await get(responsesGet, path('responses', '?lang=en'), teacher, classId);
		expect(headerOf(asked.text)?.[0]).toBe('Name');
	});

	it('refuses an unknown lang with 400 and says which to ask for, in the request’s language', async () => {
		current = getDb();
		const refusals = [
			await get(gradesGet, path('grades', '?lang=fr'), teacher, classId),
			await get(responsesGet, path('responses', '?lang=fr'), teacher, classId)
		];
		for (const answer of refusals) {
			expect(answer.status).toBe(400);
			expect(answer.message).toBe(
				'Unknown language “fr”: ask for lang=en (English) or lang=es (Spanish), or leave lang out for the page’s language.'
			);
		}
		overwriteGetLocale(() => 'es');
		const spanish = await get(responsesGet, path('responses', '?lang=de'), teacher, classId);
		expect(spanish.status).toBe(400);
		expect(spanish.message).toContain('Idioma desconocido “de”');
	});
});
