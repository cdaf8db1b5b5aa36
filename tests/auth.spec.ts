import { expect, test, type Page } from '@playwright/test';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { holdBackAppScripts } from './fixtures/slow-network';
import { countRows, createTestAccount, signInContext, withE2eDatabase } from './fixtures/db';

const failedSignIn = /don’t match an account/;

async function signUp(page: Page, email: string, password: string) {
	await page.goto('/signup');
	await page.getByLabel('Your name').fill('Rosa Teacher');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Create account' }).click();
}

async function signIn(page: Page, login: string, password: string) {
	await page.getByLabel('Email or username').fill(login);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`teacher accounts with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('sign up, sign out, a wrong password, sign in, reach the teacher-only page', async ({
			page
		}) => {
			const email = `rosa-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@school.org`;
			const password = 'a long enough password';

			await signUp(page, email, password);
			await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();

			await page.getByRole('button', { name: 'Sign out' }).click();
			await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
			await page.goto('/classes');
			await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fclasses/);

			await signIn(page, email, 'not the password');
			await expect(page.getByRole('alert')).toHaveText(failedSignIn);

			await signIn(page, email, password);
			await expect(page).toHaveURL(/\/classes$/);
			await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
		});

		test('an unknown account gets the same message as a wrong password', async ({ page }) => {
			await page.goto('/signin');
			await signIn(page, `nobody-${Date.now()}@school.org`, 'whatever password');
			await expect(page.getByRole('alert')).toHaveText(failedSignIn);
		});

		test('sign-up explains what is wrong and keeps what was typed', async ({ page }) => {
			await page.goto('/signup');
			await page.getByLabel('Your name').fill('Short Password');
			await page.getByLabel('Email').fill('short@school.org');
			await page.getByLabel('Password').fill('short');
			// skip the browser's own minlength check so the server's answer is what we see
			await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
			await page.getByRole('button', { name: 'Create account' }).click();
			await expect(
				page.getByText('Password must be at least 10 characters.').first()
			).toBeVisible();
			await expect(page.getByLabel('Email')).toHaveValue('short@school.org');
		});
	});
}

test('what is typed into the sign-up form before the page comes alive is kept', async ({
	page
}) => {
	const release = await holdBackAppScripts(page);
	await page.goto('/signup', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Your name').fill('Early Typist');
	await page.getByLabel('Email').fill(`early-${Date.now()}@school.org`);
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Your name')).toHaveValue('Early Typist');
	await expect(page.getByLabel('Email')).toHaveValue(/^early-\d+@school\.org$/);
});

test('a student is refused on a teacher-only page', async ({ page, context, baseURL }) => {
	await signInContext(context, baseURL!, 'student');
	const response = await page.goto('/classes');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/don.t have access/);
	await expect(page.getByText('This page is for teachers.')).toBeVisible();
});

test('a teacher changes their password and keeps working', async ({ page, context, baseURL }) => {
	const account = await signInContext(context, baseURL!, 'teacher');
	await page.goto('/account');
	await page.getByLabel('Current password').fill(account.password);
	await page.getByLabel('New password', { exact: true }).fill('a brand new password');
	await page.getByLabel('New password again').fill('a brand new password');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByRole('status')).toHaveText(/password was changed/);
	await page.goto('/classes');
	await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
});

test('the 6th wrong password for one account within 15 minutes gets 429', async ({
	request,
	baseURL
}) => {
	const account = await createTestAccount('teacher', 'limited');
	const post = (password: string) =>
		request.post('/signin', {
			form: { login: account.username, password },
			headers: { origin: baseURL! },
			maxRedirects: 0
		});
	for (let attempt = 1; attempt <= 5; attempt++) {
		expect((await post(`wrong ${attempt}`)).status()).toBe(400);
	}
	const sixth = await post('wrong 6');
	expect(sixth.status()).toBe(429);
	expect(await sixth.text()).toMatch(
		/Too many failed sign-in attempts\. Try again in 15 minutes\./
	);
	// even the right password waits now
	expect((await post(account.password)).status()).toBe(429);
});

test('the database never holds the session token in the clear', async ({ page, context }) => {
	const email = `cookie-${Date.now()}@school.org`;
	await signUp(page, email, 'a long enough password');
	await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();

	const cookie = (await context.cookies()).find((c) => c.name === 'evidencia_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	const token = cookie?.value ?? '';
	expect(token).toMatch(/^[a-z2-7]{32}$/);

	const storedIds = await withE2eDatabase(async (db) =>
		(await db.read.select({ id: db.tables.sessions.id }).from(db.tables.sessions)).map((s) => s.id)
	);
	expect(storedIds).not.toContain(token);
	expect(storedIds.some((id) => id.includes(token))).toBe(false);
	expect(storedIds).toContain(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
});

test('signing out deletes the session row', async ({ page, context, baseURL }) => {
	await signInContext(context, baseURL!, 'teacher');
	const before = await countRows('sessions');
	await page.goto('/classes');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	expect(await countRows('sessions')).toBe(before - 1);
	expect((await context.cookies()).find((c) => c.name === 'evidencia_session')).toBeUndefined();
});
