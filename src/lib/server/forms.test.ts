import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { signInForm, staffAccountForm, studentSignUpForm } from './auth/forms';
import { addStudentsForm, createClassForm, renameClassForm } from './classes/forms';
import { joinWithAccountForm } from './classes/join';
import { checkNickname } from './live/nicknames';
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
			staffAccountForm,
			formData({ name: '  Ana Ruiz ', email: 'Ana@School.ORG', password: 'long enough pw' })
		);
		expect(result).toEqual({
			ok: true,
			data: { name: 'Ana Ruiz', email: 'ana@school.org', password: 'long enough pw' }
		});
	});

	it('names each missing field', () => {
		const result = parseForm(staffAccountForm, formData({}));
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
			staffAccountForm,
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
				staffAccountForm,
				formData({ name: value, email: 'a@b.org', password: 'long enough pw' })
			);
		const hidden = 'Your name has invisible or control characters. Type it again by hand.';
		const invisible =
			'Your name has invisible characters (such as a zero-width space). Type it again by hand.';
		expect(name('Ana\u0007')).toMatchObject({ ok: false, fieldErrors: { name: hidden } });
		expect(name('Ana\nRuiz')).toMatchObject({ ok: false, fieldErrors: { name: hidden } });
		expect(name('\u202eanA')).toMatchObject({ ok: false, fieldErrors: { name: invisible } });
		expect(name('\u200b\u2060\ufeff')).toMatchObject({
			ok: false,
			fieldErrors: { name: 'Your name has no visible characters.' }
		});
		for (const fine of ['Zoë 🌟', 'سارة', 'דנה', 'Ana\tRuiz', '<b>Ana</b>', "O'Brien; --"]) {
			expect(name(fine)).toMatchObject({ ok: true, data: { name: fine } });
		}
	});

	it('refuses a format character (Unicode Cf) anywhere in a name, so two names that look the same are one', () => {
		const name = (value: string) =>
			parseForm(
				staffAccountForm,
				formData({ name: value, email: 'a@b.org', password: 'long enough pw' })
			);
		const invisible =
			'Your name has invisible characters (such as a zero-width space). Type it again by hand.';
		for (const sneaky of [
			'Plain\u200B Student', // zero-width space
			'Plain Student\u200F', // right-to-left mark, at the end (trim keeps it)
			'\u200EPlain Student', // left-to-right mark, at the start
			'Pla\u00ADin Student', // soft hyphen
			'Plain\u2060Student', // word joiner
			'Plain\uFEFFStudent', // zero-width no-break space
			'Plain\u200DStudent', // a zero-width joiner between letters
			'Plain\u200CStudent', // zero-width non-joiner
			'Plain Student\u{E0041}', // a tag character
			'\u2066Plain\u2069 Student' // direction isolates
		]) {
			expect(name(sneaky), JSON.stringify(sneaky)).toMatchObject({
				ok: false,
				fieldErrors: { name: invisible }
			});
		}
		// a joiner between emoji draws one emoji, and flags are pairs of letters, not format characters
		for (const fine of ['👩\u200D🏫 Ms Ruiz', '👨🏽\u200D💻 Leo', 'Ana 🇲🇽']) {
			expect(name(fine), JSON.stringify(fine)).toMatchObject({ ok: true, data: { name: fine } });
		}
	});

	it('stores names in NFC: a letter and a combining accent become one character', () => {
		const decomposed = 'Jose\u0301 Zoe\u0308';
		const result = parseForm(
			staffAccountForm,
			formData({ name: decomposed, email: 'a@b.org', password: 'long enough pw' })
		);
		expect(result).toMatchObject({ ok: true, data: { name: 'Jos\u00e9 Zo\u00eb' } });
		if (result.ok) expect(result.data.name).toHaveLength(8);
		// the length limit counts the NFC form: 100 decomposed é (200 code units) fit in 100
		expect(
			parseForm(
				staffAccountForm,
				formData({ name: 'e\u0301'.repeat(100), email: 'a@b.org', password: 'long enough pw' })
			)
		).toMatchObject({ ok: true, data: { name: '\u00e9'.repeat(100) } });
	});

	it('refuses a malformed email and a short password', () => {
		const result = parseForm(
			staffAccountForm,
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

describe('every name field', () => {
	const student = { username: 'plain.student', password: 'long enough pw' };
	const joining = { ...student, code: 'KX7Q2M', confirmPassword: 'long enough pw' };
	/** Each form that takes a person's or a class's name: the name it keeps, or the message it gives. */
	const fields: [string, (name: string) => string][] = [
		['sign-up', (name) => outcome(parseForm(studentSignUpForm, formData({ ...student, name })))],
		[
			'staff account',
			(name) =>
				outcome(
					parseForm(
						staffAccountForm,
						formData({ name, email: 'a@b.org', password: 'long enough pw' })
					)
				)
		],
		[
			'joining a class',
			(name) => outcome(parseForm(joinWithAccountForm, formData({ ...joining, name })))
		],
		[
			'new class',
			(name) => outcome(parseForm(createClassForm, formData({ name, timeZone: 'UTC' })))
		],
		['renamed class', (name) => outcome(parseForm(renameClassForm, formData({ name })))],
		[
			'class roster',
			(name) => outcome(parseForm(addStudentsForm, formData({ names: `Ana\n${name}` })), 1)
		],
		[
			'live nickname',
			(name) => {
				const checked = checkNickname(name);
				return checked.ok ? checked.nickname : checked.message;
			}
		]
	];

	function outcome(result: ReturnType<typeof parseForm<z.ZodType>>, index?: number): string {
		if (!result.ok) return Object.values(result.fieldErrors)[0] ?? result.message;
		const data = result.data as { name?: string; names?: string[] };
		return index === undefined ? String(data.name) : String(data.names?.[index]);
	}

	it('refuses "Plain\\u200B Student" and "Plain Student\\u200F" beside "Plain Student", and stores NFC', () => {
		for (const [form, keep] of fields) {
			expect(keep('Plain Student'), form).toBe('Plain Student');
			for (const sneaky of ['Plain\u200B Student', 'Plain Student\u200F', 'Pla\u2060in Student']) {
				expect(keep(sneaky), `${form}: ${JSON.stringify(sneaky)}`).toMatch(
					/invisible (or control )?characters.* Type it again by hand\.$/
				);
			}
			// "e" and a combining acute accent are kept as the one character é
			expect(keep('Jose\u0301 Zoe\u0308'), form).toBe('Jos\u00e9 Zo\u00eb');
		}
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
