import { expect, test, type Page } from '@playwright/test';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { holdBackAppScripts } from './fixtures/slow-network';
import { and, eq } from 'drizzle-orm';
import { countRows, createTestAccount, signInContext, withE2eDatabase } from './fixtures/db';
import { offSiteTargets } from './fixtures/off-site-redirects';

/** Gives the test address back an allowance a spec spent on purpose, so later specs are unaffected. */
function forgetAddressAttempts(scope: string) {
	return withE2eDatabase((db) => {
		const { limitedAttempts } = db.tables;
		return db.write((tx) =>
			tx
				.delete(limitedAttempts)
				.where(and(eq(limitedAttempts.scope, scope), eq(limitedAttempts.key, '127.0.0.1')))
		);
	});
}

const failedSignIn = /don’t match an account/;

async function signUpStudent(page: Page, username: string, password: string) {
	await page.goto('/signup');
	await page.getByLabel('Your name').fill('Rosa Student');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Create account' }).click();
}

async function signIn(page: Page, login: string, password: string) {
	await page.getByLabel('Email or username').fill(login);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`accounts with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('a student signs up, signs out, types a wrong password, signs in, and is no teacher', async ({
			page
		}) => {
			const username = `rosa-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now().toString(36)}`;
			const password = 'a long enough password';

			await signUpStudent(page, username, password);
			await expect(page).toHaveURL(/\/learn$/);

			await page.getByRole('button', { name: 'Sign out' }).click();
			await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
			await page.goto('/learn');
			await expect(page).toHaveURL(/\/signin\?redirectTo=%2Flearn/);

			await signIn(page, username, 'not the password');
			await expect(page.getByRole('alert')).toHaveText(failedSignIn);

			await signIn(page, username, password);
			await expect(page).toHaveURL(/\/learn$/);
			expect((await page.goto('/teacher-guide'))?.status()).toBe(403);
		});

		test('an invited teacher makes an account from the link, which then works no more', async ({
			page,
			browser,
			baseURL
		}) => {
			await signInContext(page.context(), baseURL!, 'admin');
			await page.goto('/invites');
			const note = `Ms. Ortega, history (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`;
			await page.getByLabel('Note (optional)').fill(note);
			await page.getByRole('button', { name: 'Create invite link' }).click();
			const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
			expect(link).toMatch(new RegExp(`^${baseURL}/invite/[a-z2-7]{32}$`));
			const listed = page
				.getByRole('region', { name: 'All invites' })
				.getByRole('listitem')
				.filter({ hasText: note });
			await expect(listed).toContainText('Open until');
			await expect(listed.getByRole('button', { name: /^Withdraw/ })).toBeVisible();

			const invitee = await browser.newContext({ javaScriptEnabled });
			const invited = await invitee.newPage();
			await invited.goto(link);
			await expect(invited.getByRole('heading', { level: 1 })).toHaveText(
				'Create your teacher account'
			);
			const email = `ortega-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@school.org`;
			await invited.getByLabel('Your name').fill('Inés Ortega');
			await invited.getByLabel('Email').fill(email);
			await invited.getByLabel('Password').fill('a long enough password');
			await invited.getByRole('button', { name: 'Create account' }).click();
			await expect(invited.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
			await invitee.close();

			const again = await browser.newContext({ javaScriptEnabled });
			const second = await again.newPage();
			await second.goto(link);
			await expect(second.getByRole('alert')).toHaveText(/already been used/);
			await again.close();
		});

		test('an unknown account gets the same message as a wrong password', async ({ page }) => {
			await page.goto('/signin');
			await signIn(page, `nobody-${Date.now()}@school.org`, 'whatever password');
			await expect(page.getByRole('alert')).toHaveText(failedSignIn);
		});

		test('sign-up explains what is wrong and keeps what was typed', async ({ page }) => {
			await page.goto('/signup');
			await page.getByLabel('Your name').fill('Short Password');
			await page.getByLabel('Username').fill('short-pw');
			await page.getByLabel('Password').fill('short');
			// skip the browser's own minlength check so the server's answer is what we see
			await page.locator('main form').evaluate((form) => form.setAttribute('novalidate', ''));
			await page.getByRole('button', { name: 'Create account' }).click();
			await expect(
				page.getByText('Password must be at least 10 characters.').first()
			).toBeVisible();
			await expect(page.getByLabel('Username')).toHaveValue('short-pw');
		});
	});
}

test('open sign-up makes no teacher: a teacher sign-up is refused and the new account reads no key', async ({
	request,
	baseURL
}) => {
	const email = `would-be-teacher-${Date.now()}@example.org`;
	const before = await countRows('users');
	const asTeacher = await request.post('/signup', {
		form: { kind: 'teacher', name: 'Mallory', email, password: 'a long enough password' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(asTeacher.status()).toBe(403);
	expect(await asTeacher.text()).toContain('Teacher accounts are made by invitation');
	expect(await countRows('users')).toBe(before);

	// the old form's fields alone: whatever it makes can't open the teacher guide
	const plain = await request.post('/signup', {
		form: {
			name: 'Mallory',
			username: `mallory-${Date.now()}`,
			password: 'a long enough password'
		},
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(plain.status()).toBe(303);
	expect(plain.headers()['location']).toBe('/learn');
	// a data request answers 200 and carries the load's refusal inside
	const guide = await (await request.get('/teacher-guide/__data.json')).text();
	expect(guide).toContain('This page is for teachers.');
	expect(guide).not.toMatch(/rubric|explanation/i);
});

test('teachers see Invite only when the admin allows it, and then invite teachers only', async ({
	browser,
	baseURL
}) => {
	const admin = await browser.newContext();
	await signInContext(admin, baseURL!, 'admin');
	const teacher = await browser.newContext();
	await signInContext(teacher, baseURL!, 'teacher');
	const teacherPage = await teacher.newPage();
	const adminPage = await admin.newPage();
	try {
		await teacherPage.goto('/classes');
		await expect(teacherPage.getByRole('link', { name: 'Invite' })).toHaveCount(0);
		expect((await teacherPage.goto('/invites'))?.status()).toBe(403);

		await adminPage.goto('/admin');
		await adminPage.getByLabel('Teachers may invite other teachers').check();
		await adminPage.getByRole('button', { name: 'Save settings' }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Settings saved.');

		await teacherPage.goto('/classes');
		await teacherPage.getByRole('link', { name: 'Invite' }).click();
		await expect(teacherPage.getByRole('heading', { level: 1 })).toHaveText('Invite teachers');
		await expect(teacherPage.getByRole('radio')).toHaveCount(0);
		const asAdmin = await teacherPage.request.post('/invites?/create', {
			form: { role: 'admin' },
			headers: { origin: baseURL! }
		});
		expect(asAdmin.status()).toBe(403);
	} finally {
		await adminPage.goto('/admin');
		await adminPage.getByLabel('Teachers may invite other teachers').uncheck();
		await adminPage.getByRole('button', { name: 'Save settings' }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Settings saved.');
		await admin.close();
		await teacher.close();
	}
});

test('signed in, no redirect target leaves the site, however it is written', async ({
	page,
	context,
	baseURL
}) => {
	await signInContext(context, baseURL!, 'student');
	for (const target of offSiteTargets) {
		await page.goto(`/signin?redirectTo=${encodeURIComponent(target)}`);
		expect(new URL(page.url()).origin, target).toBe(new URL(baseURL!).origin);
	}
});

test('40 parallel sign-ins to one account verify 5 passwords; the right one as guess 9 gets 429', async ({
	request,
	baseURL
}) => {
	const account = await createTestAccount('teacher', 'burst');
	await forgetAddressAttempts('sign-in:address');
	const responses = await Promise.all(
		Array.from({ length: 40 }, (_, i) =>
			request.post('/signin', {
				form: { login: account.username, password: i === 8 ? account.password : `guess ${i}` },
				headers: { origin: baseURL! },
				maxRedirects: 0
			})
		)
	);
	const statuses = responses.map((response) => response.status());
	expect(statuses.filter((status) => status === 429).length).toBe(35);
	expect(statuses.filter((status) => status !== 429).length).toBe(5);
	for (const response of responses.filter((r) => r.status() === 429)) {
		expect(Number(response.headers()['retry-after'])).toBeGreaterThan(800);
	}
	// the burst spent this address's sign-in allowance too: give it back for the specs that follow
	await forgetAddressAttempts('sign-in:address');
});

test('the 61st sign-up from one address within an hour gets 429 with Retry-After', async ({
	request,
	baseURL
}) => {
	await withE2eDatabase((db) =>
		db.write((tx) =>
			tx.insert(db.tables.limitedAttempts).values(
				Array.from({ length: 60 }, (_, i) => ({
					id: `signup-fill-${Date.now()}-${i}`,
					scope: 'sign-up:address',
					key: '127.0.0.1',
					attemptedAt: new Date()
				}))
			)
		)
	);
	try {
		const before = await countRows('users');
		const response = await request.post('/signup', {
			form: {
				name: 'One Too Many',
				username: `too-many-${Date.now()}`,
				password: 'a long enough password'
			},
			headers: { origin: baseURL! },
			maxRedirects: 0
		});
		expect(response.status()).toBe(429);
		expect(Number(response.headers()['retry-after'])).toBeGreaterThan(3500);
		expect(await response.text()).toContain('Too many accounts were created from this network');
		expect(await countRows('users')).toBe(before);
	} finally {
		await forgetAddressAttempts('sign-up:address');
	}
});

test('what is typed into the sign-up form before the page comes alive is kept', async ({
	page
}) => {
	const release = await holdBackAppScripts(page);
	await page.goto('/signup', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Your name').fill('Early Typist');
	await page.getByLabel('Username').fill(`early-${Date.now()}`);
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Your name')).toHaveValue('Early Typist');
	await expect(page.getByLabel('Username')).toHaveValue(/^early-\d+$/);
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
	expect(Number(sixth.headers()['retry-after'])).toBeGreaterThan(800);
	expect(await sixth.text()).toMatch(
		/Too many failed sign-in attempts\. Try again in 15 minutes\./
	);
	// even the right password waits now
	expect((await post(account.password)).status()).toBe(429);
});

test('the database never holds the session token in the clear', async ({ page, context }) => {
	await signUpStudent(page, `cookie-${Date.now()}`, 'a long enough password');
	await expect(page).toHaveURL(/\/learn$/);

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
