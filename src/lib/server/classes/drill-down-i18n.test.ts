import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { parseForm } from '../forms';
import { reopenForm, workCommentForm } from './forms';

// The drill-down's reopen and comment forms refuse in the request's language: their messages are made
// when a form is parsed, not when the schema is built at module load.

const englishLocale = getLocale;
afterEach(() => overwriteGetLocale(englishLocale));

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

describe('drill-down form errors in the request’s language', () => {
	it('refuses a bad reopen date and time in English, then in Spanish', () => {
		const bad = form({ assignmentId: '', reopenDate: '2026-02-31', reopenTime: '25:00' });
		const english = parseForm(reopenForm, bad);
		expect(english.ok ? null : english.fieldErrors).toEqual({
			assignmentId: 'Choose an assignment.',
			reopenDate: 'Enter a real date, like 2026-03-15.',
			reopenTime: 'Enter the time like 15:30.'
		});

		overwriteGetLocale(() => 'es');
		const spanish = parseForm(reopenForm, bad);
		expect(spanish.ok ? null : spanish.fieldErrors).toEqual({
			assignmentId: 'Elige una tarea asignada.',
			reopenDate: 'Escribe una fecha real, como 2026-03-15.',
			reopenTime: 'Escribe la hora así: 15:30.'
		});
	});

	it('refuses an empty, a too long and an invisible comment in Spanish', () => {
		overwriteGetLocale(() => 'es');
		const error = (body: string) => {
			const parsed = parseForm(workCommentForm, form({ body }));
			return parsed.ok ? null : parsed.fieldErrors.body;
		};
		expect(error('   ')).toBe('Escribe primero el comentario.');
		expect(error('a'.repeat(2001))).toBe(
			'Un comentario puede tener como máximo 2000 caracteres. Acórtalo y envíalo de nuevo.'
		);
		expect(error('Hola\u200b')).toBe(
			'El campo «Comentario» tiene caracteres invisibles (como un espacio de ancho cero). Vuelve a escribirlo a mano.'
		);
		expect(error('Bien hecho.')).toBeNull();
	});
});
