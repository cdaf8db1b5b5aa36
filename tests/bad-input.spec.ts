import { expect, test } from '@playwright/test';
import { countRows } from './fixtures/db';

// Bad input to every form and endpoint is in bad-input-corpus.spec.ts; SvelteKit answers a cross-site
// post before any hook runs, so it is checked here.
test('a cross-site form post is refused', async ({ request }) => {
	const before = await countRows('users');
	const response = await request.post('/signup', {
		form: { name: 'CSRF', email: 'csrf@school.org', password: 'long enough pw' },
		headers: { origin: 'https://evil.example' }
	});
	expect(response.status()).toBe(403);
	expect(await countRows('users')).toBe(before);
});
