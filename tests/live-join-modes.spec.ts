import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { withE2eDatabase } from './fixtures/db';
import { classWith, liveLesson, signInAs, type Account } from './fixtures/live';

// Issue #17: the teacher chooses who can join a live review session and how its players are named.

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

const modeLabels = {
	open: 'Students and guests pick nicknames',
	members: 'Class members only (they sign in)',
	generated: 'Generated names only, like “Brave Otter”'
} as const;

/** Fills the start form as a teacher would and returns the new session's row. */
async function startSession(
	host: Page,
	choice: { mode: keyof typeof modeLabels; className?: string; language?: 'English' | 'Spanish' }
) {
	await host.goto('/live');
	await host.getByLabel('Lesson', { exact: true }).selectOption(liveLesson.slug);
	if (choice.className) {
		await host.getByLabel('Class', { exact: true }).selectOption({ label: choice.className });
	}
	await expect(host.getByRole('radio', { name: modeLabels.open })).toBeChecked();
	await host.getByRole('radio', { name: modeLabels[choice.mode] }).check();
	if (choice.language) {
		await host
			.getByLabel('Random names in')
			.selectOption(choice.language === 'English' ? 'en' : 'es');
	}
	await host.getByRole('button', { name: 'Create the session' }).click();
	await expect(host).toHaveURL(/\/live\/host\/[^/?]+$/);
	const sessionId = new URL(host.url()).pathname.split('/').at(-1)!;
	return withE2eDatabase(async (db) => {
		const [row] = await db.read
			.select()
			.from(db.tables.liveSessions)
			.where(eq(db.tables.liveSessions.id, sessionId));
		return row!;
	});
}

const playersOf = (sessionId: string) =>
	withE2eDatabase((db) =>
		db.read
			.select({ nickname: db.tables.livePlayers.nickname, userId: db.tables.livePlayers.userId })
			.from(db.tables.livePlayers)
			.where(eq(db.tables.livePlayers.sessionId, sessionId))
	);

test('members and guests pick nicknames by default, as before', async ({ browser, baseURL }) => {
	const origin = baseURL!;
	const teacherContext = await browser.newContext({ baseURL: origin });
	await signInAs(teacherContext, origin, 'teacher');
	const host = await teacherContext.newPage();
	const session = await startSession(host, { mode: 'open' });
	expect(session).toMatchObject({ joinMode: 'open', nicknameLanguage: 'en' });
	await expect(host.getByText('Students and guests join with nicknames they pick.')).toBeVisible();

	const guest = await (await browser.newContext({ baseURL: origin })).newPage();
	await guest.goto(`/live/${session.code}`);
	await guest.getByLabel('Nickname').fill('Comet');
	await guest.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(heading(guest, 'Waiting for your teacher to start')).toBeVisible();
	expect(await playersOf(session.id)).toEqual([{ nickname: 'Comet', userId: null }]);
});

test('class members only: it needs a class, a guest is sent to sign in, a member joins', async ({
	browser,
	baseURL
}) => {
	const origin = baseURL!;
	const teacherContext = await browser.newContext({ baseURL: origin });
	const teacher = await signInAs(teacherContext, origin, 'teacher');
	const memberContext = await browser.newContext({ baseURL: origin });
	const member: Account = await signInAs(memberContext, origin, 'student');
	const klass = await classWith(teacher, [member]);
	const host = await teacherContext.newPage();

	// without a class the form says so at the choice, and nothing is made
	await host.goto('/live');
	await host.getByLabel('Lesson', { exact: true }).selectOption(liveLesson.slug);
	await host.getByRole('radio', { name: modeLabels.members }).check();
	await host.getByRole('button', { name: 'Create the session' }).click();
	const needsClass = 'Choose the class whose students may join, or let anyone join.';
	await expect(host.getByRole('alert')).toHaveText(needsClass);
	await expect(host.getByRole('group', { name: 'Who can join' })).toContainText(needsClass);
	await expect(host.getByRole('radio', { name: modeLabels.members })).toBeChecked();
	await expect(host).toHaveURL(/\/live(\?.*)?$/);

	const session = await startSession(host, { mode: 'members', className: klass.name });
	expect(session).toMatchObject({ joinMode: 'members', classId: klass.id });
	await expect(host.getByText('Only signed-in students of the class can join.')).toBeVisible();

	// a guest sees a sign-in button instead of a nickname box, and a forced post is refused
	const guestContext = await browser.newContext({ baseURL: origin });
	const guest = await guestContext.newPage();
	await guest.goto(`/live/${session.code}`);
	await expect(
		guest.getByText(
			'Only students of this class can join this session. Sign in with your student account.'
		)
	).toBeVisible();
	await expect(guest.getByLabel('Nickname')).toHaveCount(0);
	await expect(guest.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0);
	await expect(guest.getByRole('link', { name: 'Sign in to join' })).toHaveAttribute(
		'href',
		`/signin?redirectTo=${encodeURIComponent(`/live/${session.code}`)}`
	);
	const forced = await guestContext.request.post(`/live/${session.code}?/join`, {
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		form: { nickname: 'Sneaky' }
	});
	const refusal = await forced.json();
	expect(refusal).toMatchObject({ type: 'failure', status: 403 });
	expect(JSON.stringify(refusal)).toContain(
		'Only students of this class can join this session. Sign in with your student account to join.'
	);

	// a signed-in student of another teacher's class is refused too
	const outsiderContext = await browser.newContext({ baseURL: origin });
	const outsider = await signInAs(outsiderContext, origin, 'student');
	const outsiderPage = await outsiderContext.newPage();
	await outsiderPage.goto(`/live/${session.code}`);
	await expect(
		outsiderPage.getByText(
			`Only students of this class can join this session, and you are signed in as ${outsider.displayName}.`
		)
	).toBeVisible();
	await expect(outsiderPage.getByLabel('Nickname')).toHaveCount(0);
	expect(await playersOf(session.id)).toEqual([]);

	// the class's student picks a nickname (real names are not shown) and joins
	const memberPage = await memberContext.newPage();
	await memberPage.goto(`/live/${session.code}`);
	await memberPage.getByLabel('Nickname').fill('Rocket');
	await memberPage.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(heading(memberPage, 'Waiting for your teacher to start')).toBeVisible();
	expect(await playersOf(session.id)).toEqual([{ nickname: 'Rocket', userId: member.id }]);
	const players = host.getByRole('region', { name: /Players/ });
	await expect(players.getByText(`(${member.displayName})`)).toBeVisible();
});

test('generated names: a guest joins with one click under a random name, on the phone and the host', async ({
	browser,
	baseURL
}) => {
	const origin = baseURL!;
	const teacherContext = await browser.newContext({ baseURL: origin });
	await signInAs(teacherContext, origin, 'teacher');
	const host = await teacherContext.newPage();
	const session = await startSession(host, { mode: 'generated', language: 'English' });
	expect(session).toMatchObject({ joinMode: 'generated', nicknameLanguage: 'en' });
	await expect(
		host.getByText('Players get random names; you can rename them below.')
	).toBeVisible();

	// without JavaScript too: one button, no box to type in
	const phone = await (
		await browser.newContext({ baseURL: origin, javaScriptEnabled: false })
	).newPage();
	await phone.goto(`/live/${session.code}`);
	await expect(
		phone.getByText(
			'You get a random name like “Brave Otter”. Everyone in the room sees it on the screen.'
		)
	).toBeVisible();
	await expect(phone.getByLabel('Nickname')).toHaveCount(0);
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(heading(phone, 'Waiting for your teacher to start')).toBeVisible();

	const [player] = await playersOf(session.id);
	expect(player?.userId).toBeNull();
	const name = player!.nickname;
	expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/);
	await expect(
		phone.getByRole('paragraph').filter({ hasText: `Playing as ${name}` })
	).toBeVisible();
	// the teacher sees the same name in the player list, and may rename it
	await expect(
		host.getByRole('region', { name: /Players/ }).getByRole('link', { name: `Rename ${name}` })
	).toBeVisible();
});
