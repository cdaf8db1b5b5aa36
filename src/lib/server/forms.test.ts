import { describe, expect, it } from 'vitest';
import { signInForm, signUpForm } from './auth/forms';
import { safeRedirectTarget } from './auth/guards';
import { parseForm } from './forms';

function formData(entries: Record<string, string | Blob>) {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
}

describe('parseForm', () => {
	it('accepts a good sign-up, trimming the name and lower-casing the email', () => {
		const result = parseForm(
			signUpForm,
			formData({ name: '  Ana Ruiz ', email: 'Ana@School.ORG', password: 'long enough pw' })
		);
		expect(result).toEqual({
			ok: true,
			data: { name: 'Ana Ruiz', email: 'ana@school.org', password: 'long enough pw' }
		});
	});

	it('names each missing field', () => {
		const result = parseForm(signUpForm, formData({}));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.fieldErrors).toEqual({
			name: 'Your name must be text.',
			email: 'Email must be text.',
			password: 'Password must be text.'
		});
	});

	it('refuses a 1 MB name with the limit in the message', () => {
		const result = parseForm(
			signUpForm,
			formData({ name: 'x'.repeat(1024 * 1024), email: 'a@b.org', password: 'long enough pw' })
		);
		expect(result).toMatchObject({
			ok: false,
			fieldErrors: { name: 'Your name can be at most 100 characters.' }
		});
	});

	it('refuses a file where text belongs', () => {
		const result = parseForm(signInForm, formData({ login: new Blob(['x']), password: 'pw' }));
		expect(result).toMatchObject({
			ok: false,
			fieldErrors: { login: 'Email or username must be text.' }
		});
	});

	it('refuses a malformed email and a short password', () => {
		const result = parseForm(
			signUpForm,
			formData({ name: 'A', email: 'not-an-email', password: 'short' })
		);
		expect(result).toMatchObject({
			ok: false,
			fieldErrors: {
				email: 'Enter an email address like name@school.org.',
				password: 'Password must be at least 10 characters.'
			}
		});
	});
});

describe('safeRedirectTarget', () => {
	it('follows same-site paths only', () => {
		expect(safeRedirectTarget('/classes?x=1')).toBe('/classes?x=1');
		expect(safeRedirectTarget('//evil.example/')).toBe('/');
		expect(safeRedirectTarget('/\\evil.example')).toBe('/');
		expect(safeRedirectTarget('https://evil.example/')).toBe('/');
		expect(safeRedirectTarget(null, '/lessons')).toBe('/lessons');
	});
});
