import { expect, test, type APIRequestContext } from '@playwright/test';
import { countRows } from './fixtures/db';

const megabyte = 'x'.repeat(1024 * 1024);

const cases: {
	name: string;
	path: string;
	body: () => Pick<
		NonNullable<Parameters<APIRequestContext['post']>[1]>,
		'form' | 'multipart' | 'data'
	>;
	headers?: Record<string, string>;
	status: number;
	message: RegExp;
}[] = [
	{
		name: 'sign-up with every field missing',
		path: '/signup',
		body: () => ({ form: {} }),
		status: 400,
		message: /Your name must be text\./
	},
	{
		name: 'sign-up with an empty name',
		path: '/signup',
		body: () => ({ form: { name: '  ', email: 'a@school.org', password: 'long enough pw' } }),
		status: 400,
		message: /Your name is required\./
	},
	{
		name: 'sign-up with a 1 MB name',
		path: '/signup',
		body: () => ({ form: { name: megabyte, email: 'big@school.org', password: 'long enough pw' } }),
		status: 400,
		message: /Your name can be at most 100 characters\./
	},
	{
		name: 'sign-up with a 1 MB password',
		path: '/signup',
		body: () => ({ form: { name: 'Big', email: 'bigpw@school.org', password: megabyte } }),
		status: 400,
		message: /Password can be at most 200 characters\./
	},
	{
		name: 'sign-up with a file where the email belongs',
		path: '/signup',
		body: () => ({
			multipart: {
				name: 'File Sender',
				email: { name: 'email.txt', mimeType: 'text/plain', buffer: Buffer.from('a@b.org') },
				password: 'long enough pw'
			}
		}),
		status: 400,
		message: /Email must be text\./
	},
	{
		name: 'sign-up with a script for a name and a bad email',
		path: '/signup',
		body: () => ({
			form: { name: '<script>alert(1)</script>', email: 'not-an-email', password: 'long enough pw' }
		}),
		status: 400,
		message: /Enter an email address like name@school\.org\./
	},
	{
		name: 'sign-up sent as JSON',
		path: '/signup',
		body: () => ({
			data: JSON.stringify({ name: 'J', email: 'j@school.org', password: 'long enough pw' })
		}),
		headers: { 'content-type': 'application/json' },
		status: 415,
		message: /form-encoded/
	},
	{
		name: 'sign-in with the password missing',
		path: '/signin',
		body: () => ({ form: { login: 'someone' } }),
		status: 400,
		message: /Password must be text\./
	},
	{
		name: 'sign-in with a 1 MB login',
		path: '/signin',
		body: () => ({ form: { login: megabyte, password: 'pw' } }),
		status: 400,
		message: /Email or username can be at most 254 characters\./
	},
	{
		name: 'sign-in with a 3 MB body',
		path: '/signin',
		body: () => ({ form: { login: 'x'.repeat(3 * 1024 * 1024), password: 'pw' } }),
		status: 413,
		message: /too large/
	}
];

for (const badInput of cases) {
	test(`${badInput.name}: ${badInput.status} with a clear message, nothing stored`, async ({
		request,
		baseURL
	}) => {
		const before = await Promise.all([
			countRows('users'),
			countRows('sessions'),
			countRows('failedSignIns')
		]);
		const response = await request.post(badInput.path, {
			...badInput.body(),
			headers: { origin: baseURL!, ...badInput.headers },
			maxRedirects: 0
		});
		const text = await response.text();
		expect(response.status()).toBe(badInput.status);
		expect(text).toMatch(badInput.message);
		expect(text).not.toContain('<script>alert(1)</script>');
		expect(response.headers()['set-cookie'] ?? '').not.toContain('evidencia_session=');
		const after = await Promise.all([
			countRows('users'),
			countRows('sessions'),
			countRows('failedSignIns')
		]);
		expect(after).toEqual(before);
	});
}

test('a cross-site form post is refused', async ({ request }) => {
	const before = await countRows('users');
	const response = await request.post('/signup', {
		form: { name: 'CSRF', email: 'csrf@school.org', password: 'long enough pw' },
		headers: { origin: 'https://evil.example' }
	});
	expect(response.status()).toBe(403);
	expect(await countRows('users')).toBe(before);
});
