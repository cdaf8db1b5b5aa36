import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { runRoute, type RouteRequest } from '../test-route';
import { createAccount } from './accounts';
import { changePasswordForm, signInForm, studentSignUpForm } from './forms';
import { waitInWords } from './rate-limit';

// The account forms' schemas are built once, when their module loads; their messages must still be said in
// the language of the request that sent the form.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};
const inSpanish = () => overwriteGetLocale(() => 'es');
afterEach(() => overwriteGetLocale(() => baseLocale));

describe('account form messages', () => {
	it('are English on an English request', () => {
		expect(parseForm(signInForm, form({ login: '', password: '' }))).toMatchObject({
			ok: false,
			fieldErrors: {
				login: 'Email or username is required.',
				password: 'Password is required.'
			}
		});
	});

	it('are Spanish on a Spanish request, from the same schemas', () => {
		inSpanish();
		expect(parseForm(signInForm, form({ login: '', password: '' }))).toMatchObject({
			ok: false,
			fieldErrors: {
				login: 'El campo «Correo electrónico o nombre de usuario» es obligatorio.',
				password: 'El campo «Contraseña» es obligatorio.'
			}
		});
		const signUp = parseForm(
			studentSignUpForm,
			form({ name: 'Ana\u200b', username: 'Ana Pérez', password: 'short' })
		);
		expect(signUp).toMatchObject({
			ok: false,
			fieldErrors: {
				name: 'El campo «Tu nombre» tiene caracteres invisibles (como un espacio de ancho cero). Vuelve a escribirlo a mano.',
				username: expect.stringMatching(/^El nombre de usuario solo puede tener letras minúsculas/),
				password: 'El campo «Contraseña» debe tener al menos 10 caracteres.'
			}
		});
		const change = parseForm(
			changePasswordForm,
			form({ currentPassword: 'x', newPassword: 'a long new password', confirmPassword: 'other' })
		);
		expect(change).toMatchObject({
			ok: false,
			fieldErrors: { confirmPassword: 'Las dos contraseñas nuevas no coinciden.' }
		});
	});

	it('say how long to wait in the reader’s language, one and many', () => {
		expect([waitInWords(30), waitInWords(600)]).toEqual(['1 minute', '10 minutes']);
		inSpanish();
		expect([waitInWords(1), waitInWords(61)]).toEqual(['1 minuto', '2 minutos']);
	});
});

describeOnEachEngine('signing in in Spanish', (getDb) => {
	it('says a wrong password in Spanish, and the same refusal in English on an English request', async () => {
		// Arrange
		current = getDb();
		await createAccount(current, {
			username: 'ana.es',
			displayName: 'Ana',
			role: 'student',
			password: 'the right password'
		});
		const wrong: RouteRequest = {
			method: 'POST',
			path: '/signin',
			user: null,
			body: {
				kind: 'form',
				fields: [
					['login', 'ana.es'],
					['password', 'a wrong password']
				]
			}
		};
		// Act
		const english = await runRoute(wrong);
		inSpanish();
		const spanish = await runRoute({ ...wrong, address: '10.0.0.2' });
		// Assert
		expect(english).toMatchObject({
			status: 400,
			message:
				'That email or username and password don’t match an account. Check both and try again.'
		});
		expect(spanish).toMatchObject({
			status: 400,
			message:
				'Ese correo electrónico o nombre de usuario y esa contraseña no coinciden con ninguna cuenta. Revisa ambos y vuelve a intentarlo.'
		});
	});
});
