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
import {
	accommodationBadges,
	accommodationForm,
	accommodationSentence,
	extraTimeChoices
} from './accommodations';
import { assignmentStatusLabels } from './assignments';
import { notInClassMessage, sharedStudentMessage } from './roster';
import { classForJoinCode } from './classes';
import type { Database } from '../db/database';
import { classWorkRule, classWorkScope } from './class-work';
import { gradingRule, ownViewRule } from '../answers/read-model';

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
		expect(r.hidden).toContain('«Comentario»');
	});
});

describe('accommodations, roster and status words in the request’s language', () => {
	const all = { extraTime: '1.5' as const, extraAttempts: 2, readAloud: true };
	const one = { extraTime: 'unlimited' as const, extraAttempts: 1, readAloud: false };
	const badAttempts = () =>
		parseForm(accommodationForm, form({ studentId: 's1', extraTime: '3', extraAttempts: '9' }));

	it('keeps the English words', () => {
		expect(extraTimeChoices().map((c) => c.label)).toEqual([
			'None',
			'×1.25',
			'×1.5',
			'×2',
			'Unlimited'
		]);
		expect(accommodationBadges(all)).toEqual(['×1.5 time', '+2 attempts', 'read-aloud']);
		expect(accommodationSentence(one)).toBe(
			'no time limit on timed quizzes and live questions, 1 extra attempt on each quiz'
		);
		expect(errors(badAttempts())).toEqual({
			extraTime: 'Choose the extra time: none, ×1.25, ×1.5, ×2 or unlimited.',
			extraAttempts: 'Choose 0 to 5 extra attempts.'
		});
		expect(notInClassMessage()).toContain('no password was changed');
		expect(sharedStudentMessage()).toContain('another teacher’s class');
		expect(assignmentStatusLabels['in-progress']()).toBe('In progress');
	});

	it('speaks Spanish on a Spanish request', () => {
		overwriteGetLocale(() => 'es');
		expect(extraTimeChoices().map((c) => c.label)).toEqual([
			'Ninguna',
			'×1.25',
			'×1.5',
			'×2',
			'Ilimitado'
		]);
		expect(accommodationBadges(all)).toEqual(['tiempo ×1.5', '+2 intentos', 'lectura en voz alta']);
		expect(accommodationSentence(one)).toBe(
			'sin límite de tiempo en los cuestionarios con tiempo y las preguntas en vivo, 1 intento extra en cada cuestionario'
		);
		expect(errors(badAttempts())).toEqual({
			extraTime: 'Elige el tiempo extra: ninguno, ×1.25, ×1.5, ×2 o ilimitado.',
			extraAttempts: 'Elige de 0 a 5 intentos extra.'
		});
		expect(notInClassMessage()).toContain('no se cambió ninguna contraseña');
		expect(sharedStudentMessage()).toContain('otro docente');
		expect(assignmentStatusLabels['in-progress']()).toBe('En curso');
		expect(assignmentStatusLabels.late()).toBe('Atrasada');
	});
});

describe('the class-work and grading rules in the request’s language', () => {
	it('reads the rules in English, then in Spanish', () => {
		expect(classWorkRule()).toMatch(/^A practice or quiz sitting counts for one assignment/);
		expect(classWorkScope()).toMatch(/^Only work done for this class counts here/);
		expect(gradingRule()).toMatch(/^Each student’s latest quiz answer/);
		expect(ownViewRule()).toMatch(/^A student sees their latest practice answer/);
		overwriteGetLocale(() => 'es');
		expect(classWorkRule()).toMatch(/^Una sesión de práctica o de cuestionario cuenta/);
		expect(classWorkScope()).toMatch(/^Aquí solo cuenta el trabajo hecho para esta clase/);
		expect(gradingRule()).toMatch(/^Se muestra la respuesta más reciente/);
		expect(ownViewRule()).toMatch(/^Un estudiante ve su respuesta de práctica/);
	});
});

describe('join-code refusals in the request’s language', () => {
	// a code of the wrong shape is refused before the database is asked
	const db = {} as Database;

	it('refuses a malformed code in English, then in Spanish', async () => {
		expect(await classForJoinCode(db, '!!')).toEqual({
			ok: false,
			status: 400,
			message: 'A class code has 6 letters and digits, like KX7Q2M. Check it and try again.'
		});
		overwriteGetLocale(() => 'es');
		expect(await classForJoinCode(db, '!!')).toEqual({
			ok: false,
			status: 400,
			message:
				'Un código de clase tiene 6 letras y dígitos, como KX7Q2M. Revísalo e inténtalo de nuevo.'
		});
	});
});
