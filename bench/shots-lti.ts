import { chromium } from '@playwright/test';
import { createAccount } from '../src/lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	sessionCookieName
} from '../src/lib/server/auth/session';
import { registerPlatform } from '../src/lib/server/lti/platforms';
import { startSqliteServer } from '../tests/fixtures/live-servers';
import { startMockLms } from '../tests/fixtures/mock-lms';

const servers = await startSqliteServer(4610);
const origin = servers.servers[0]!.origin;
const lms = await startMockLms({ toolUrl: origin });
const adminToken = await servers.withDatabase(async (db) => {
	await registerPlatform(db, {
		name: 'Civics Canvas',
		issuer: lms.issuer,
		clientId: lms.clientId,
		authUrl: lms.authUrl,
		tokenUrl: lms.tokenUrl,
		jwksUrl: lms.jwksUrl,
		deploymentIds: [lms.deploymentId]
	});
	const made = await createAccount(db, {
		username: 'admin@example.org',
		email: 'admin@example.org',
		displayName: 'Ada Admin',
		role: 'admin',
		password: 'a long enough password'
	});
	if (!made.ok) throw new Error('no admin');
	const token = generateSessionToken();
	await createSession(db, token, made.user.id);
	return token;
});
const browser = await chromium.launch({
	executablePath: '/usr/lib/chromium/chromium-headless-shell',
	args: ['--no-sandbox']
});
for (const width of [390, 1280, 1920]) {
	for (const scheme of ['light', 'dark'] as const) {
		const tag = `${width}-${scheme}`;
		const context = await browser.newContext({
			viewport: { width, height: 900 },
			colorScheme: scheme
		});
		const page = await context.newPage();
		await page.goto(lms.launchUrl({ user: lms.teacher.sub, message: 'deep-link' }));
		await page.waitForURL(/deep-link/);
		await page.screenshot({ path: `/tmp/shots/dl-pick-${tag}.png`, fullPage: true });
		await page
			.getByRole('radio', { name: /^Its quiz / })
			.first()
			.check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.screenshot({ path: `/tmp/shots/dl-ready-${tag}.png`, fullPage: true });
		const bad = await context.newPage();
		await bad.goto(
			lms.launchUrl({ user: lms.teacher.sub, message: 'deep-link', tamper: 'wrong-aud' })
		);
		await bad.screenshot({ path: `/tmp/shots/refused-${tag}.png`, fullPage: true });
		const adminContext = await browser.newContext({
			viewport: { width, height: 900 },
			colorScheme: scheme
		});
		await adminContext.addCookies([{ name: sessionCookieName, value: adminToken, url: origin }]);
		const admin = await adminContext.newPage();
		await admin.goto(`${origin}/admin/lti`);
		await admin.screenshot({ path: `/tmp/shots/admin-lti-${tag}.png`, fullPage: true });
		if (width === 1280 && scheme === 'light') {
			await admin.goto(`${origin}/es/admin/lti`);
			await admin.screenshot({ path: `/tmp/shots/admin-lti-es-${tag}.png`, fullPage: true });
		}
		await context.close();
		await adminContext.close();
	}
}
await browser.close();
await lms.close();
await servers.close();
