import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signInContext } from './fixtures/db';
import { e2eOriginOf } from './fixtures/paths.js';

test('pages carry a nonce/hash CSP without unsafe-inline scripts, and the other security headers', async ({
	request
}) => {
	const response = await request.get('/');
	const headers = response.headers();
	const csp = headers['content-security-policy'] ?? '';
	const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
	expect(scriptSrc).toMatch(/'(nonce|sha256)-/);
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(csp).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['x-frame-options']).toBe('DENY');
});

test('GET /healthz answers 200 after checking the database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	const journal = JSON.parse(readFileSync('drizzle/sqlite/meta/_journal.json', 'utf8'));
	expect(await response.json()).toEqual({
		status: 'ok',
		database: 'sqlite',
		migrations: journal.entries.length,
		version: journal.entries.at(-1).tag
	});
});

test('the home page says what Evidencia is and credits the source article', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'US–Mexico security cooperation, read critically'
	);
	await expect(page.getByRole('contentinfo')).toContainText('Truthout');
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lessons' })
	).toBeVisible();
});

test('an unknown page shows the friendly error page with the request id the logs use', async ({
	page
}) => {
	const response = await page.goto('/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/couldn.t find/);
	const requestId = (await response?.headerValue('x-request-id')) ?? '';
	expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
	await expect(page.getByText(/Error id:/).getByRole('code')).toHaveText(requestId);
});

test('each worker talks to its own server, which reads the database this worker arranges', async ({
	page,
	context,
	baseURL
}) => {
	expect(baseURL).toBe(e2eOriginOf(test.info().parallelIndex));
	// a session row written into this worker's database signs the browser in on this worker's server
	const account = await signInContext(context, baseURL!, 'teacher');
	await page.goto('/account');
	await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
	await expect(page.getByText(account.username, { exact: true })).toBeVisible();
});
