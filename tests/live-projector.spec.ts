import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import type { Database } from '../src/lib/server/db/database';
import { submitLiveAnswer } from '../src/lib/server/live/answers';
import { joinLiveSession } from '../src/lib/server/live/players';
import { end, pause, reveal, startOrNext, type LiveResult } from '../src/lib/server/live/sessions';
import { rightForm, wrongForm } from '../src/lib/server/live/test-live';
import type { LiveOptions } from '../src/lib/server/live/types';
import { tapChoices, toPublicQuestion, type Question } from '../src/lib/quiz/registry';
import { content, lessons } from './fixtures/content';
import { withE2eDatabase } from './fixtures/db';
import {
	accountWithCookie,
	joinOverHttp,
	lessonSessionIn,
	liveLesson,
	liveQuestions,
	rightFields
} from './fixtures/live';

// Issue #17: the projector is the presenter. Every phase fits a 1920×1080 and a 1280×720 screen without
// scrolling, and the teacher runs the whole session from it with the keyboard alone.

const sizes = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

const firstNames = ['Valentina', 'Maximiliano', 'Guadalupe', 'Sebastián', 'Alejandra', 'Fernando'];
const lastNames = ['Rodríguez', 'Hernández', 'Castellanos', 'Villanueva', 'Domínguez'];
/** Long, distinct nicknames (up to 20 characters), as a class of 30 would type them. */
const nicknames = (n: number) =>
	Array.from({ length: n }, (_, i) => {
		const name = `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}`;
		return `${name.slice(0, 17)} ${Math.floor(i / 30) || ''}`.trim().slice(0, 20);
	});

/** The content's single-choice question with the longest prompt: the hardest question to fit. */
const longest = content.lessonsInOrder
	.flatMap((lesson) => lesson.questions.map((question) => ({ lesson, question })))
	.filter(({ question }) => question.type === 'single-choice')
	.sort((a, b) => b.question.prompt.length - a.question.prompt.length)[0]!;

const trueFalse = liveQuestions.find((question) => question.type === 'true-false')!;

type Stage =
	| 'lobby'
	| 'question-long'
	| 'question-true-false'
	| 'paused'
	| 'reveal-leaderboard'
	| 'reveal-accuracy'
	| 'ended-podium'
	| 'ended-accuracy';

const stages: Stage[] = [
	'lobby',
	'question-long',
	'question-true-false',
	'paused',
	'reveal-leaderboard',
	'reveal-accuracy',
	'ended-podium',
	'ended-accuracy'
];

async function must<T extends object>(result: Promise<LiveResult<T>>): Promise<T> {
	const outcome = await result;
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome;
}

/** Puts these questions first in the session, in this order (the rest of the lesson's follow). */
async function askFirst(db: Database, sessionId: string, first: Question[]) {
	const { liveSessions } = db.tables;
	const [row] = await db.read.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
	const ids = first.map((question) => question.id);
	const lessonOf = (question: Question) =>
		content.lessonsInOrder.find((lesson) => lesson.questions.includes(question))!.slug;
	const questions = [
		...first.map((question) => ({ questionId: question.id, lessonSlug: lessonOf(question) })),
		...row!.questions.filter((ref) => !ids.includes(ref.questionId))
	];
	await db.write((tx) =>
		tx.update(liveSessions).set({ questions }).where(eq(liveSessions.id, sessionId))
	);
}

/** A session of 30 players taken to a stage with the functions the buttons call. */
function sessionAt(stage: Stage, teacherId: string) {
	return withE2eDatabase(async (db) => {
		const accuracy = stage.endsWith('accuracy');
		const options: Partial<LiveOptions> = {
			timerSeconds: 90,
			scoring: accuracy ? 'accuracy' : 'speed',
			showLeaderboard: true
		};
		const session = await lessonSessionIn(db, teacherId, null, options);
		const asked =
			stage === 'question-true-false' || stage === 'paused' ? trueFalse : longest.question;
		await askFirst(db, session.id, [asked]);
		const players = [];
		for (const nickname of nicknames(30)) {
			players.push(await must(joinLiveSession(db, { code: session.code, user: null, nickname })));
		}
		const ref = { sessionId: session.id, teacherId };
		if (stage === 'lobby') return session;
		await must(startOrNext(db, ref));
		// two in three answer; every third of them wrongly
		for (const [index, { player }] of players.entries()) {
			if (index % 3 === 2) continue;
			const form = index % 3 === 1 ? wrongForm(asked) : rightForm(asked);
			await must(
				submitLiveAnswer(db, content, {
					sessionId: session.id,
					playerId: player.id,
					questionIndex: 0,
					form
				})
			);
		}
		if (stage === 'paused') await must(pause(db, ref));
		if (stage.startsWith('reveal') || stage.startsWith('ended')) await must(reveal(db, ref));
		if (stage.startsWith('ended')) await must(end(db, ref));
		return session;
	});
}

async function teacherPage(
	browser: Browser,
	baseURL: string,
	token: string,
	size: (typeof sizes)[0]
) {
	const context = await browser.newContext({ baseURL, viewport: size });
	await context.addCookies([{ name: sessionCookieName, value: token, url: baseURL }]);
	return { context, page: await context.newPage() };
}

/** The document is no taller or wider than the window: nothing to scroll. */
async function expectNoScrolling(page: Page, what: string) {
	const size = await page.evaluate(() => ({
		scrollHeight: document.documentElement.scrollHeight,
		scrollWidth: document.documentElement.scrollWidth,
		innerHeight,
		innerWidth
	}));
	expect(size.scrollHeight, `${what}: height`).toBeLessThanOrEqual(size.innerHeight);
	expect(size.scrollWidth, `${what}: width`).toBeLessThanOrEqual(size.innerWidth);
}

/** No box on the projector hides part of its text (fitText shrank it instead), and no box scrolls. */
async function expectNothingCut(page: Page, what: string) {
	const cut = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('.projector *')]
			.filter((element) => {
				// text for screen readers only is a 1-pixel box on purpose
				if (element.closest('.visually-hidden')) return false;
				const style = getComputedStyle(element);
				if (style.overflowY === 'visible' && style.overflowX === 'visible') return false;
				return (
					element.scrollHeight > element.clientHeight + 1 ||
					element.scrollWidth > element.clientWidth + 1
				);
			})
			.map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
	);
	expect(cut, `${what}: boxes whose content is cut off`).toEqual([]);
	// and nothing was shrunk past reading from the back of the room
	const tiny = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('.projector *')]
			.filter((element) => !element.closest('.visually-hidden, kbd'))
			.filter((element) =>
				[...element.childNodes].some((node) => node.nodeType === 3 && node.textContent!.trim())
			)
			.filter((element) => parseFloat(getComputedStyle(element).fontSize) < 12)
			.map((element) => `${element.tagName.toLowerCase()}: ${element.textContent!.slice(0, 30)}`)
	);
	expect(tiny, `${what}: text under 12 px`).toEqual([]);
}

/** Each of these is on the screen, whole. */
async function expectInView(page: Page, locator: Locator, what: string) {
	const count = await locator.count();
	expect(count, `${what}: how many`).toBeGreaterThan(0);
	const viewport = page.viewportSize()!;
	for (let index = 0; index < count; index++) {
		const box = await locator.nth(index).boundingBox();
		expect(box, `${what} ${index + 1}: shown`).not.toBeNull();
		expect(box!.x, `${what} ${index + 1}: left`).toBeGreaterThanOrEqual(0);
		expect(box!.y, `${what} ${index + 1}: top`).toBeGreaterThanOrEqual(0);
		expect(box!.x + box!.width, `${what} ${index + 1}: right`).toBeLessThanOrEqual(
			viewport.width + 0.5
		);
		expect(box!.y + box!.height, `${what} ${index + 1}: bottom`).toBeLessThanOrEqual(
			viewport.height + 0.5
		);
	}
}

test('the longest prompt is the one the content has', () => {
	expect(longest.question.id).toBe('l2-appropriated-delivered');
	expect(tapChoices(toPublicQuestion(longest.question))).toHaveLength(4);
	expect(trueFalse.id).toBe('l2-sales-not-aid');
	expect(liveLesson.slug).toBe('guns-money-and-people');
	expect(lessons.length).toBeGreaterThan(0);
});

for (const stage of stages) {
	test(`projector, ${stage}: fits 1920×1080 and 1280×720 without scrolling`, async ({
		browser,
		baseURL
	}) => {
		const teacher = await accountWithCookie('teacher', `projector-${stage}`);
		const session = await sessionAt(stage, teacher.id);
		for (const size of sizes) {
			const what = `${stage} at ${size.width}×${size.height}`;
			const { context, page } = await teacherPage(browser, baseURL!, teacher.token, size);
			await page.goto(`/live/host/${session.id}/projector`);
			await page.waitForLoadState('networkidle');
			// the control bar runs the session from here
			await expectInView(page, page.getByRole('navigation', { name: 'Session controls' }), what);

			if (stage === 'lobby') {
				await expect(page.getByText('30 players have joined')).toBeVisible();
				const code = `${session.code.slice(0, 3)} ${session.code.slice(3)}`;
				await expectInView(page, page.getByText(code, { exact: true }), `${what}, code`);
				await expectInView(page, page.getByRole('img', { name: /QR code/ }), `${what}, QR`);
				const chips = page.getByRole('list', { name: 'Players' }).getByRole('listitem');
				await expectInView(page, chips, `${what}, nickname chips`);
				const shown = await chips.allTextContents();
				const more = shown.find((text) => /^\+\d+ more$/.test(text));
				const named = shown.filter((text) => text !== more);
				// every player is either on a chip or counted in "+N more"
				expect(named.length + Number(more?.replace(/\D/g, '') ?? 0)).toBe(30);
			}

			if (stage.startsWith('question') || stage === 'paused') {
				const question = stage === 'question-long' ? longest.question : trueFalse;
				await expect(page.getByRole('heading', { level: 1, name: question.prompt })).toBeVisible();
				const tiles = page.getByRole('list', { name: 'Answers' }).getByRole('listitem');
				await expect(tiles).toHaveCount(stage === 'question-long' ? 4 : 2);
				await expectInView(page, tiles, `${what}, answer tiles`);
				await expectInView(page, page.getByText('20 of 30 players answered'), what);
				if (stage === 'paused') {
					await expectInView(page, page.getByText('Paused', { exact: true }), what);
				} else await expectInView(page, page.getByRole('timer'), `${what}, timer`);
			}

			if (stage.startsWith('reveal')) {
				const bars = page.locator('.projector-chart .bar-row');
				await expect(bars).toHaveCount(4);
				await expectInView(page, bars, `${what}, chart rows`);
				const chart = await page.locator('.projector-chart').boundingBox();
				// the chart spans the screen, not half of it
				expect(chart!.width, `${what}, chart width`).toBeGreaterThan(size.width * 0.8);
				await expectInView(page, page.getByText(/^✓ Right answer: /), `${what}, right answer`);
				await expectInView(page, page.getByText(/^Why:/), `${what}, why`);
				const top = page.getByRole('table', { name: 'Leaderboard: top 5' });
				await expect(top.getByRole('row')).toHaveCount(1 + 5);
				await expectInView(page, top.getByRole('row'), `${what}, top 5`);
				const scoreHeader = stage === 'reveal-accuracy' ? 'Right answers' : 'Points';
				await expect(top.getByRole('columnheader').nth(2)).toHaveText(scoreHeader);
				if (stage === 'reveal-accuracy') {
					// 10 of the 20 answers were right
					await expectInView(page, page.getByText('right: 10 of 20 answers'), what);
					await expect(page.getByText(/^50%\s*right: 10 of 20 answers$/)).toBeVisible();
				}
			}

			if (stage === 'ended-podium') {
				const steps = page
					.getByRole('list', { name: 'Podium: the top three' })
					.getByRole('listitem');
				await expect(steps).toHaveCount(3);
				await expectInView(page, steps, `${what}, podium`);
				// in order of place, drawn 2nd, 1st, 3rd
				const [first, second, third] = (await Promise.all(
					[0, 1, 2].map((index) =>
						steps
							.nth(index)
							.boundingBox()
							.then((box) => box!)
					)
				)) as [Box, Box, Box];
				// 2nd, 1st, 3rd from left to right
				expect(second.x).toBeLessThan(first.x);
				expect(first.x).toBeLessThan(third.x);
			}

			if (stage === 'ended-accuracy') {
				await expect(page.getByRole('list', { name: 'Podium: the top three' })).toHaveCount(0);
				// 10 right of the 30 answers that could have been given
				await expectInView(page, page.getByText('10 of 30 (33%)', { exact: true }), what);
				await expectInView(page, page.getByText('1 of 15', { exact: true }), what);
			}

			await expectNoScrolling(page, what);
			await expectNothingCut(page, what);
			await context.close();
		}
	});
}

test('projector lobby: more players than fit end in “+N more”, and the list still fits', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'projector-crowd');
	const session = await withE2eDatabase(async (db) => {
		const created = await lessonSessionIn(db, teacher.id, null);
		for (const nickname of nicknames(90)) {
			await must(joinLiveSession(db, { code: created.code, user: null, nickname }));
		}
		return created;
	});
	const { context, page } = await teacherPage(browser, baseURL!, teacher.token, sizes[1]!);
	await page.goto(`/live/host/${session.id}/projector`);
	await expect(page.getByText('90 players have joined')).toBeVisible();
	const chips = page.getByRole('list', { name: 'Players' }).getByRole('listitem');
	const more = chips.filter({ hasText: /^\+\d+ more$/ });
	await expect(more).toHaveCount(1);
	const shown = (await chips.count()) - 1;
	expect(shown).toBeGreaterThan(5);
	await expect(more).toHaveText(`+${90 - shown} more`);
	await expectInView(page, chips, 'chips');
	await expectNoScrolling(page, 'a crowded lobby');
	await expectNothingCut(page, 'a crowded lobby');
	await context.close();
});

test('a whole session run from the projector with the keyboard alone', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const origin = baseURL!;
	const teacher = await accountWithCookie('teacher', 'projector-keys');
	const session = await withE2eDatabase(async (db) => {
		const created = await lessonSessionIn(db, teacher.id, null, { scoring: 'speed' });
		// two questions: the session's end comes soon
		const { liveSessions } = db.tables;
		await db.write((tx) =>
			tx
				.update(liveSessions)
				.set({ questions: created.questions.slice(0, 2) })
				.where(eq(liveSessions.id, created.id))
		);
		return created;
	});
	const player = await joinOverHttp(origin, session.code, 'Keyboard Kim');
	const answerOverHttp = async (index: number) => {
		const response = await fetch(`${origin}/live/${session.code}?/answer`, {
			method: 'POST',
			headers: {
				origin,
				cookie: player,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(rightFields(liveQuestions[index]!, index)),
			redirect: 'manual'
		});
		expect(response.status, await response.text()).toBe(303);
	};

	const { context, page } = await teacherPage(browser, origin, teacher.token, sizes[1]!);
	const opened = page.waitForRequest(/\/events$/);
	await page.goto(`/live/host/${session.id}/projector`);
	await opened;
	await expect(page.getByText('1 player has joined')).toBeVisible();
	const status = page.getByRole('status');
	// the shortcuts are on screen, with the buttons they press
	const bar = page.getByRole('navigation', { name: 'Session controls' });
	await expect(bar.getByRole('button', { name: 'Start the first question' })).toHaveAttribute(
		'aria-keyshortcuts',
		'n ArrowRight'
	);
	await expect(bar.getByText('N', { exact: true })).toBeVisible();

	// a key presses its button once the button is there and the last press has been answered
	const press = async (key: string, button: string) => {
		await expect(bar.getByRole('button', { name: button })).toBeEnabled();
		await page.keyboard.press(key);
	};

	// a modifier leaves the key to the browser
	await page.keyboard.press('Alt+n');
	await expect(status).toHaveText('In the lobby.');

	// N starts
	await press('n', 'Start the first question');
	await expect(status).toHaveText('Question 1 open.');
	await expect(
		page.getByRole('heading', { level: 1, name: liveQuestions[0]!.prompt })
	).toBeVisible();
	await answerOverHttp(0);
	await expect(page.getByText('1 of 1 player answered')).toBeVisible();

	// R reveals
	await press('r', 'Reveal the answer');
	await expect(status).toHaveText('Question 1: answer revealed.');
	await expect(page.getByRole('table', { name: 'Answers to question 1' })).toBeAttached();
	await expect(page.getByText(/^✓ Right answer: /)).toBeVisible();

	// → goes on
	await press('ArrowRight', 'Next question');
	await expect(status).toHaveText('Question 2 open.');

	// P pauses and resumes
	await press('p', 'Pause');
	await expect(status).toHaveText('Question 2 paused.');
	await expect(page.getByText('Paused', { exact: true })).toBeVisible();
	await press('p', 'Resume');
	await expect(status).toHaveText('Question 2 open.');

	// Tab reaches the buttons too: Enter on "Reveal the answer"
	await answerOverHttp(1);
	const revealButton = bar.getByRole('button', { name: 'Reveal the answer' });
	for (let presses = 0; presses < 30 && !(await isFocused(revealButton)); presses++) {
		await page.keyboard.press('Tab');
	}
	await expect(revealButton).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(status).toHaveText('Question 2: answer revealed.');

	// E asks first; Escape keeps the session going
	await page.keyboard.press('e');
	await expect(page.getByRole('heading', { name: 'End the session?' })).toBeVisible();
	await expect(page).toHaveURL(/\?end$/);
	await page.keyboard.press('Escape');
	await expect(page.getByRole('heading', { name: 'End the session?' })).toHaveCount(0);
	await expect(status).toHaveText('Question 2: answer revealed.');

	// E, then Enter ends it
	await page.keyboard.press('e');
	await expect(page.getByRole('button', { name: 'End the session now' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(status).toHaveText('The session has ended.');
	await expect(page.getByRole('heading', { level: 1, name: 'Final summary' })).toBeVisible();
	await expect(
		page.getByRole('list', { name: 'Podium: the top three' }).getByRole('listitem')
	).toHaveText([/Rank 1: Keyboard Kim/]);
	const [row] = await withE2eDatabase((db) =>
		db.read
			.select({ phase: db.tables.liveSessions.phase })
			.from(db.tables.liveSessions)
			.where(eq(db.tables.liveSessions.id, session.id))
	);
	expect(row?.phase).toBe('ended');
	await context.close();
});

test('without JavaScript the projector’s buttons and its end confirmation still work', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'projector-nojs');
	const session = await withE2eDatabase((db) => lessonSessionIn(db, teacher.id, null));
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	await context.addCookies([{ name: sessionCookieName, value: teacher.token, url: baseURL! }]);
	const page = await context.newPage();
	await page.goto(`/live/host/${session.id}/projector`);
	await page.getByRole('button', { name: 'Start the first question' }).click();
	await expect(page).toHaveURL(`/live/host/${session.id}/projector`);
	await expect(page.getByText('Question 1 of 15', { exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'End the session' }).click();
	await expect(page.getByRole('heading', { name: 'End the session?' })).toBeVisible();
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(page.getByRole('heading', { name: 'End the session?' })).toHaveCount(0);
	await page.getByRole('link', { name: 'End the session' }).click();
	await page.getByRole('button', { name: 'End the session now' }).click();
	await expect(page).toHaveURL(`/live/host/${session.id}/projector`);
	await expect(page.getByRole('heading', { level: 1, name: 'Final summary' })).toBeVisible();
	await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
	test(`the end confirmation on the projector is axe-clean (${colorScheme})`, async ({
		browser,
		baseURL
	}) => {
		const teacher = await accountWithCookie('teacher', `projector-end-${colorScheme}`);
		const session = await sessionAt('question-long', teacher.id);
		const context = await browser.newContext({ baseURL, colorScheme, viewport: sizes[1] });
		await context.addCookies([{ name: sessionCookieName, value: teacher.token, url: baseURL! }]);
		const page = await context.newPage();
		await page.goto(`/live/host/${session.id}/projector?end`);
		await expect(page.getByRole('button', { name: 'End the session now' })).toBeFocused();
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
			.analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
		).toEqual([]);
		await expectNoScrolling(page, 'the end confirmation');
		await context.close();
	});
}

type Box = { x: number; y: number; width: number; height: number };

async function isFocused(locator: Locator) {
	return locator.evaluate((element) => element === document.activeElement).catch(() => false);
}
