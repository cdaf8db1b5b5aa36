import { describe, expect, it } from 'vitest';
import { signInForm, signUpForm } from './auth/forms';
import { safeRedirectTarget } from './auth/guards';
import { parseForm } from './forms';
import { readForm } from './request';

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

	it('refuses names with control characters, direction overrides or nothing visible', () => {
		const name = (value: string) =>
			parseForm(
				signUpForm,
				formData({ name: value, email: 'a@b.org', password: 'long enough pw' })
			);
		const hidden = 'Your name has invisible or control characters. Type it again by hand.';
		expect(name('Ana\u0007')).toMatchObject({ ok: false, fieldErrors: { name: hidden } });
		expect(name('Ana\nRuiz')).toMatchObject({ ok: false, fieldErrors: { name: hidden } });
		expect(name('\u202eanA')).toMatchObject({ ok: false, fieldErrors: { name: hidden } });
		expect(name('\u200b\u2060\ufeff')).toMatchObject({
			ok: false,
			fieldErrors: { name: 'Your name has no visible characters.' }
		});
		for (const fine of ['Zoë 🌟', 'سارة', 'דנה', 'Ana\tRuiz', '<b>Ana</b>', "O'Brien; --"]) {
			expect(name(fine)).toMatchObject({ ok: true, data: { name: fine } });
		}
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

	it('reads the target as a browser would: a tab or line break does not make it another site', () => {
		expect(safeRedirectTarget('/\t/evil.example/')).toBe('/');
		expect(safeRedirectTarget('/\n/evil.example/')).toBe('/');
		expect(safeRedirectTarget('/\r\n/evil.example')).toBe('/');
		// what goes into the Location header is always plain ASCII
		expect(safeRedirectTarget('/lessons/€?q=ñ#top')).toBe('/lessons/%E2%82%AC?q=%C3%B1#top');
		expect(safeRedirectTarget('/a\u0000b')).toBe('/a%00b');
	});
});

describe('readForm', () => {
	const post = (body: string, type = 'application/x-www-form-urlencoded') =>
		new Request('http://x.invalid/', { method: 'POST', headers: { 'content-type': type }, body });

	it('reads a form', async () => {
		expect((await readForm(post('name=Ana+Ruiz'))).get('name')).toBe('Ana Ruiz');
	});

	it('refuses a body that is no form, and a NUL in any name or value, with a 400', async () => {
		for (const request of [
			post('--x\r\nbroken', 'multipart/form-data; boundary=y'),
			post('name=Ana%00'),
			post('na%00me=Ana')
		]) {
			await expect(readForm(request)).rejects.toMatchObject({
				status: 400,
				body: { message: expect.stringMatching(/^The form /) }
			});
		}
	});
});
