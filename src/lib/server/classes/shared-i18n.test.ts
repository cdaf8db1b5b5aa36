import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { parseForm } from '../forms';
import {
	addStudentsForm,
	createClassForm,
	reopenForm,
	studentForm,
	workCommentForm
} from './forms';

// Class forms shared between areas refuse in the request's language: their messages are made when a form is
// parsed, not when the module loads.

const englishLocale = getLocale;
afterEach(() => overwriteGetLocale(englishLocale));

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

const errors = (result: { ok: boolean; fieldErrors?: Record<string, string> }) =>
	result.ok ? {} : (result.fieldErrors ?? {});

const refusals = () => ({
	name: errors(parseForm(createClassForm, form({ name: ' ', timeZone: 'Mars/Olympus' }))),
	names: errors(parseForm(addStudentsForm, form({ names: '\n \n' }))).names,
	tooMany: errors(
		parseForm(
			addStudentsForm,
			form({ names: Array.from({ length: 41 }, (_, i) => `S${i}`).join('\n') })
		)
	).names,
	student: errors(parseForm(studentForm, form({ studentId: '' }))).studentId,
	reopen: errors(
		parseForm(
			reopenForm,
			form({ assignmentId: 'x'.repeat(101), reopenDate: '2026-02-31', reopenTime: '25:00' })
		)
	),
	comment: errors(parseForm(workCommentForm, form({ body: '  ' }))).body,
	longComment: errors(parseForm(workCommentForm, form({ body: 'a'.repeat(2001) }))).body,
	hidden: errors(parseForm(workCommentForm, form({ body: 'a\u200bb' }))).body
});

describe('shared class forms in the request’s language', () => {
	it('keeps the English refusals', () => {
		const r = refusals();
		expect(r.name.name).toBe('Class name is required.');
		expect(r.name.timeZone).toBe('There is no time zone by that name. Choose one from the list.');
		expect(r.names).toBe('Enter at least one student name, one name per line.');
		expect(r.tooMany).toBe(
			'Add at most 40 students at a time; there are 41 names. Split the list and add the rest next.'
		);
		expect(r.student).toBe('Choose a student.');
		expect(r.reopen.assignmentId).toBe('That assignment does not exist.');
		expect(r.reopen.reopenDate).toBe('Enter a real date, like 2026-03-15.');
		expect(r.reopen.reopenTime).toBe('Enter the time like 15:30.');
		expect(r.comment).toBe('Write the comment first.');
		expect(r.longComment).toBe(
			'A comment can be at most 2000 characters. Shorten it and send it again.'
		);
		expect(r.hidden).toContain('The comment');
	});

	it('refuses in Spanish on a Spanish request', () => {
		overwriteGetLocale(() => 'es');
		const r = refusals();
		expect(r.name.name).toContain('Nombre de la clase');
		expect(r.name.timeZone).toBe(
			'No existe una zona horaria con ese nombre. Elige una de la lista.'
		);
		expect(r.names).toBe('Escribe al menos un nombre de estudiante, un nombre por línea.');
		expect(r.tooMany).toBe(
			'Agrega como máximo 40 estudiantes a la vez; hay 41 nombres. Divide la lista y agrega el resto después.'
		);
		expect(r.student).toBe('Elige a un estudiante.');
		expect(r.reopen.assignmentId).toBe('Esa tarea asignada no existe.');
		expect(r.reopen.reopenDate).toBe('Escribe una fecha real, como 2026-03-15.');
		expect(r.reopen.reopenTime).toBe('Escribe la hora así: 15:30.');
		expect(r.comment).toBe('Escribe primero el comentario.');
		expect(r.longComment).toBe(
			'Un comentario puede tener como máximo 2000 caracteres. Acórtalo y envíalo de nuevo.'
		);
		expect(r.hidden).toContain('El comentario');
	});
});
