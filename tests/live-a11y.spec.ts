import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { answerWrongly } from './fixtures/answer';
import { withE2eDatabase } from './fixtures/db';
import {
	accountWithCookie,
	classWith,
	liveLesson,
	liveQuestions,
	sessionFor
} from './fixtures/live';

// Every live review page and every state of the student's, host's and projector's views, with axe, in the
// light and the dark theme.

async function expectNoAxeViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function visit(page: Page, path: string, label = path) {
	const response = await page.goto(path);
	expect(response?.status(), `${path} status`).toBe(200);
	await expectNoAxeViolations(page, label);
}

async function pageAs(
	browser: Browser,
	baseURL: string,
	colorScheme: 'light' | 'dark',
	token: string | null
) {
	const context = await browser.newContext({ baseURL, colorScheme });
	if (token) await context.addCookies([{ name: sessionCookieName, value: token, url: baseURL }]);
	return { context, page: await context.newPage() };
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

for (const colorScheme of ['light', 'dark'] as const) {
	test(`live review pages in every state, ${colorScheme} theme`, async ({ browser, baseURL }) => {
		test.setTimeout(120_000);
		const origin = baseURL!;
		const [teacher, student] = await Promise.all([
			accountWithCookie('teacher', 'a11y-host'),
			accountWithCookie('student', 'a11y-student')
		]);
		await classWith(teacher, [student]);
		// an earlier session, so the teacher's list of recent sessions has a row
		await sessionFor(teacher.id);
		const session = await sessionFor(teacher.id);
		const question = liveQuestions[0]!;

		// /live for each audience, and the start form refusing a choice
		const host = await pageAs(browser, origin, colorScheme, teacher.token);
		await visit(host.page, '/live', '/live as a teacher');
		await expect(heading(host.page, 'Your recent sessions')).toBeVisible();
		await host.page.getByRole('radio', { name: 'Custom' }).check();
		await host.page.getByRole('button', { name: 'Create the session' }).click();
		await expect(host.page.getByRole('alert').first()).toBeVisible();
		await expectNoAxeViolations(host.page, '/live with a refused start form');

		const visitor = await pageAs(browser, origin, colorScheme, null);
		await visit(visitor.page, '/live', '/live as a visitor');
		const member = await pageAs(browser, origin, colorScheme, student.token);
		await visit(member.page, '/live', '/live as a student');

		// the join page: a guest's nickname form, refused once, and a signed-in student's button
		await visit(visitor.page, `/live/${session.code}`, 'the join page for a guest');
		await visitor.page.getByLabel('Nickname').fill('Shithead');
		await visitor.page.getByRole('button', { name: 'Join', exact: true }).click();
		await expect(visitor.page.getByRole('alert')).toBeVisible();
		await expectNoAxeViolations(visitor.page, 'the join page with a refused nickname');
		await visitor.page.getByLabel('Nickname').fill('Guest Ana');
		await visitor.page.getByRole('button', { name: 'Join', exact: true }).click();
		await expect(heading(visitor.page, 'Waiting for your teacher to start')).toBeVisible();

		await visit(member.page, `/live/${session.code}`, 'the join page for a signed-in student');
		await member.page.getByRole('button', { name: /^Join as / }).click();
		await expect(heading(member.page, 'Waiting for your teacher to start')).toBeVisible();
		await expectNoAxeViolations(member.page, 'the student’s lobby');

		// the host's controls and their confirm steps, and the projector, in the lobby
		const hostUrl = `/live/host/${session.id}`;
		await visit(host.page, hostUrl, 'the host page in the lobby');
		const [guestPlayer] = await withE2eDatabase((db) =>
			db.read
				.select({ id: db.tables.livePlayers.id })
				.from(db.tables.livePlayers)
				.where(eq(db.tables.livePlayers.nickname, 'Guest Ana'))
		);
		await visit(host.page, `${hostUrl}?player=${guestPlayer!.id}`, 'renaming a player');
		await visit(host.page, `${hostUrl}?remove=${guestPlayer!.id}`, 'removing a player');
		await visit(host.page, `${hostUrl}?end`, 'ending the session');
		const projector = await host.context.newPage();
		await visit(projector, `${hostUrl}/projector`, 'the projector in the lobby');
		await expect(projector.getByText('2 players have joined')).toBeVisible();

		// a question
		await host.page.goto(hostUrl);
		await host.page.getByRole('button', { name: 'Start the first question' }).click();
		await expect(host.page.getByText(/Question 1 of \d+ is open/)).toBeVisible();
		await expectNoAxeViolations(host.page, 'the host page with a question open');
		await expect(projector.getByRole('heading', { level: 1, name: question.prompt })).toBeVisible();
		await expectNoAxeViolations(projector, 'the projector with a question open');
		const group = member.page.getByRole('group', { name: question.prompt });
		await expect(group).toBeVisible();
		await expectNoAxeViolations(member.page, 'the student’s question');

		// answer received
		await answerWrongly(group, question);
		await member.page.getByRole('button', { name: 'Send answer' }).click();
		await expect(
			member.page.getByRole('status').filter({ hasText: 'Answer received' })
		).toBeVisible();
		await expectNoAxeViolations(member.page, 'the student’s answer received');
		await expect(projector.getByText('1 of 2 players answered')).toBeVisible();

		// the reveal
		await host.page.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(heading(member.page, /: the answer$/)).toBeVisible();
		await expect(member.page.getByRole('heading', { level: 3, name: 'Not quite' })).toBeVisible();
		await expectNoAxeViolations(member.page, 'the student’s reveal');
		await expect(projector.getByText(question.explanation)).toBeVisible();
		await expectNoAxeViolations(projector, 'the projector’s reveal');
		await expect(host.page.getByText(/Question 1 of \d+ revealed/)).toBeVisible();
		await expectNoAxeViolations(host.page, 'the host page with an answer revealed');

		// the end and the report
		await host.page.goto(`${hostUrl}?end`);
		await host.page.getByRole('button', { name: 'End the session now' }).click();
		await expect(host.page.getByRole('link', { name: 'See the report' })).toBeVisible();
		await expectNoAxeViolations(host.page, 'the host page after the end');
		await expect(heading(projector, 'Final summary')).toBeVisible();
		await expectNoAxeViolations(projector, 'the projector’s final summary');
		await expect(heading(member.page, 'The review session has ended')).toBeVisible();
		await expectNoAxeViolations(member.page, 'the student’s end of session');
		await visit(visitor.page, `/live/${session.code}`, 'the guest’s end of session');
		await visit(host.page, `${hostUrl}/report`, 'the report');
		await expect(heading(host.page, `Report: ${liveLesson.title}`)).toBeVisible();

		for (const context of [host.context, visitor.context, member.context]) await context.close();
	});
}
