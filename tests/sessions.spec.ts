import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createAccount } from '../src/lib/server/auth/accounts';
import { createGuest } from '../src/lib/server/auth/guests';
import {
	createSession,
	generateSessionToken,
	sessionCookieName,
	validateSessionToken
} from '../src/lib/server/auth/session';
import { createTestAccount, withE2eDatabase } from './fixtures/db';
import { startSqliteServer } from './fixtures/live-servers';
import { spareE2ePorts } from './fixtures/paths.js';

async function signIn(page: Page, login: string, password: string) {
	await page.goto('/signin');
	await page.getByLabel('Email or username').fill(login);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

const sessionCookie = async (page: Page) =>
	(await page.context().cookies()).find((c) => c.name === sessionCookieName)?.value;

test('signing in replaces a session token planted beforehand and ends it (no fixation)', async ({
	page,
	context,
	baseURL
}) => {
	// a guest session the attacker holds the token of, planted in the victim's browser
	const plantedToken = generateSessionToken();
	await withE2eDatabase(async (db) => createSession(db, plantedToken, await createGuest(db)));
	await context.addCookies([{ name: sessionCookieName, value: plantedToken, url: baseURL! }]);

	const victim = await createTestAccount('teacher', 'victim');
	await signIn(page, victim.username, victim.password);
	await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();

	const afterSignIn = await sessionCookie(page);
	expect(afterSignIn).toMatch(/^[a-z2-7]{32}$/);
	expect(afterSignIn).not.toBe(plantedToken);
	await withE2eDatabase(async (db) => {
		expect((await validateSessionToken(db, plantedToken)).user).toBeNull();
		expect((await validateSessionToken(db, afterSignIn!)).user?.username).toBe(victim.username);
	});
});

test('signing in twice gives two different tokens', async ({ browser }) => {
	const account = await createTestAccount('student', 'twice');
	const tokens: (string | undefined)[] = [];
	for (let i = 0; i < 2; i++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, account.username, account.password);
		await expect(page).toHaveURL(/\/learn$/);
		tokens.push(await sessionCookie(page));
		await context.close();
	}
	expect(tokens[0]).toMatch(/^[a-z2-7]{32}$/);
	expect(tokens[1]).toMatch(/^[a-z2-7]{32}$/);
	expect(tokens[0]).not.toBe(tokens[1]);
});

for (const javaScriptEnabled of [true, false]) {
	test(`sign out everywhere ends every session of the account, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
		browser
	}) => {
		const account = await createTestAccount('teacher', 'devices');
		const other = await createTestAccount('teacher', 'bystander');
		const laptop = await browser.newContext({ javaScriptEnabled });
		const phone = await browser.newContext({ javaScriptEnabled });
		const bystander = await browser.newContext({ javaScriptEnabled });
		const laptopPage = await laptop.newPage();
		const phonePage = await phone.newPage();
		const bystanderPage = await bystander.newPage();
		await signIn(laptopPage, account.username, account.password);
		await signIn(phonePage, account.username, account.password);
		await signIn(bystanderPage, other.username, other.password);

		await laptopPage.goto('/account');
		await expect(laptopPage.getByText(/signed in on 2 devices or browsers/)).toBeVisible();
		await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
		await expect(laptopPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		await expect(laptopPage.getByRole('status')).toHaveText(/signed out on every device/);

		// the phone's next request finds its session gone
		await phonePage.goto('/account');
		await expect(phonePage).toHaveURL(/\/signin\?redirectTo=%2Faccount/);
		// someone else's session is untouched
		await bystanderPage.goto('/account');
		await expect(
			bystanderPage.getByRole('heading', { level: 1, name: 'Your account' })
		).toBeVisible();

		const remaining = await withE2eDatabase(async (db) => {
			const sessions = await db.read
				.select({ username: db.tables.users.username })
				.from(db.tables.sessions)
				.innerJoin(db.tables.users, eq(db.tables.sessions.userId, db.tables.users.id));
			return sessions.map((s) => s.username);
		});
		expect(remaining).not.toContain(account.username);
		expect(remaining).toContain(other.username);
		await Promise.all([laptop, phone, bystander].map((c) => c.close()));
	});
}

test.describe('behind HTTPS (ORIGIN https://…)', () => {
	const port = spareE2ePorts[0]!;
	const origin = 'https://evidencia.example';

	test('the session cookie is Secure, HSTS is sent, and every log line of a request carries its id', async () => {
		const servers = await startSqliteServer(port, { env: { ORIGIN: origin } });
		try {
			const password = 'a long enough password';
			await servers.withDatabase((db) =>
				createAccount(db, {
					username: 'https-teacher',
					email: 'https-teacher@example.org',
					displayName: 'Https Teacher',
					role: 'teacher',
					password
				})
			);
			const response = await fetch(`http://127.0.0.1:${port}/signin`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ login: 'https-teacher', password })
			});
			expect(response.status).toBe(303);
			const setCookie = response.headers
				.getSetCookie()
				.find((c) => c.startsWith(sessionCookieName));
			expect(setCookie).toMatch(/;\s*Secure/i);
			expect(setCookie).toMatch(/;\s*HttpOnly/i);
			expect(response.headers.get('strict-transport-security')).toContain('max-age=');

			const requestId = response.headers.get('x-request-id');
			expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
			// the server writes its log lines once per turn of its event loop: they may trail the response
			const linesOfRequest = () =>
				servers
					.server(port)
					.output()
					.split('\n')
					.filter((line) => line.includes(requestId!))
					.map((line) => JSON.parse(line) as Record<string, unknown>);
			await expect
				.poll(linesOfRequest)
				.toContainEqual(
					expect.objectContaining({ message: 'request', path: '/signin', status: 303, requestId })
				);
			const parsed = linesOfRequest();
			for (const line of parsed) expect(line.requestId).toBe(requestId);
		} finally {
			await servers.close();
		}
	});
});
