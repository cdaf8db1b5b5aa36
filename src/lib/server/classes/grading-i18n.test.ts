import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { parseForm } from '../forms';
import { assignmentForm, createAssignmentForm, gradeForm, policyForm } from './forms';
import { discriminationVerdict } from './item-statistics';
import { levelName } from './grading';
import { answerReleaseChoices, policyInWords } from './policy-text';

// The assignment, policy and grading forms refuse in the request's language, and the policy's words, the
// rubric's level names and the discrimination verdicts follow it: built at request time, not at load.

const englishLocale = getLocale;
afterEach(() => overwriteGetLocale(englishLocale));

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

const quiz = {
	behaviour: 'quiz' as const,
	attemptsAllowed: 2,
	answersShown: 'after-due' as const,
	scoreShown: false,
	timeLimitMinutes: 20,
	gradingMethod: 'best' as const,
	dueAt: null
};

describe('grading-area words in the request’s language', () => {
	it('refuses a bad due date, policy and score in English, then in Spanish', () => {
		const bad = { lesson: 'module', behaviour: 'practice', dueDate: '2026-02-31', dueTime: '' };
		const english = parseForm(createAssignmentForm, form(bad));
		expect(english.ok ? null : english.fieldErrors.dueDate).toBe(
			'Enter a real due date, like 2026-03-15, or leave it empty.'
		);

		overwriteGetLocale(() => 'es');
		const spanish = parseForm(createAssignmentForm, form(bad));
		expect(spanish.ok ? null : spanish.fieldErrors.dueDate).toBe(
			'Escribe una fecha de entrega real, como 2026-03-15, o déjala vacía.'
		);
		const policy = parseForm(
			policyForm,
			form({ attempts: '11', answersShown: 'never', timeLimit: '0', gradingMethod: 'best' })
		);
		expect(policy.ok ? null : policy.fieldErrors).toEqual({
			attempts: 'Elige de 1 a 10 intentos, o ilimitados.',
			timeLimit:
				'Escribe un límite de tiempo de 1 a 480 minutos, o déjalo vacío para no poner ninguno.'
		});
		const grade = parseForm(gradeForm, form({ responseId: 'r1', level: '4' }));
		expect(grade.ok ? null : grade.message).toBe('Elige un nivel de la rúbrica del 0 al 3.');
		const which = parseForm(assignmentForm, form({ assignmentId: '' }));
		expect(which.ok ? null : which.message).toBe('Elige una tarea asignada.');
	});

	it('words a quiz policy, its choices, a level and a verdict in Spanish', () => {
		expect(policyInWords(quiz)).toEqual([
			'2 attempts',
			'Counts the best attempt',
			'Answers after the due date (there is none: release them yourself)',
			'Score shown with the answers',
			'20-minute limit'
		]);
		overwriteGetLocale(() => 'es');
		expect(policyInWords(quiz)).toEqual([
			'2 intentos',
			'Cuenta el mejor intento',
			'Respuestas después de la fecha de entrega (no hay ninguna: publícalas tú)',
			'Puntuación visible con las respuestas',
			'Límite de 20 minutos'
		]);
		expect(policyInWords({ ...quiz, attemptsAllowed: 1 })[0]).toBe('1 intento');
		expect(answerReleaseChoices()['on-release']).toBe('Cuando yo las publique');
		expect(levelName(2, 'En desarrollo')).toBe('Nivel 2 – En desarrollo');
		expect(discriminationVerdict({ responses: 2, discrimination: null }).text).toBe(
			'Muy pocos estudiantes para saberlo: necesita 10 respuestas y tiene 2.'
		);
	});
});
