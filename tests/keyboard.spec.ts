import { expect, test, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { Rating } from 'ts-fsrs';
import { questionTypes, type Question, type QuestionType } from '../src/lib/quiz/registry';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { scheduleCard } from '../src/lib/server/scheduling/cards';
import type { LessonContent } from '../src/lib/server/content';
import { studyLessons } from './fixtures/content';
import { createClassWorld } from './fixtures/classes';
import { signInContext, withE2eDatabase } from './fixtures/db';
import {
	accountWithCookie,
	answerTile,
	liveQuestions,
	sessionAtStage,
	sessionFor,
	tileName
} from './fixtures/live';
import { holdBackAppScripts } from './fixtures/slow-network';

// Keyboard-only journeys: the learner's pages are driven with page.keyboard alone (Tab, Shift+Tab, Space,
// Enter, arrow keys and typing); locators only check where focus is and what the page says. The teacher
// who hosts the live session uses the mouse.

const types = Object.keys(questionTypes) as QuestionType[];

const inQuiz = (lesson: LessonContent, type: QuestionType) =>
	lesson.quizIds.findIndex((id) => lesson.questions.find((q) => q.id === id)?.type === type);

/** The lesson whose end-of-lesson quiz has the most question types: the one the journeys read and practise. */
const everyTypeLesson = [...studyLessons].sort(
	(a, b) =>
		types.filter((type) => inQuiz(b, type) >= 0).length -
		types.filter((type) => inQuiz(a, type) >= 0).length
)[0]!;

/** For each question type, the first quiz question of that type, in the lesson whose quiz has one. */
const firstOfEachType = types.map((type) => {
	const lesson = [everyTypeLesson, ...studyLessons].find((l) => inQuiz(l, type) >= 0)!;
	const index = inQuiz(lesson, type);
	return { lesson, index, question: lesson.questions.find((q) => q.id === lesson.quizIds[index])! };
});

/** What is focused, for failure messages. */
const focusedElement = (page: Page) =>
	page.evaluate(() => {
		const active = document.activeElement;
		if (!active || active === document.body) return 'the page itself';
		const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40);
		return `${active.tagName.toLowerCase()} “${name}”`;
	});

/** Presses Tab until `target` has focus: fails if it never does, so it is reachable. */
async function tabTo(page: Page, target: Locator) {
	// the element found once, not the locator's role query again after every press
	let element = await target.elementHandle();
	for (let presses = 0; presses < 400; presses++) {
		const focus = await element.evaluate((el) =>
			el === document.activeElement ? 'here' : el.isConnected ? 'elsewhere' : 'replaced'
		);
		if (focus === 'here') return;
		if (focus === 'replaced') element = await target.elementHandle();
		else await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}; focus is on ${await focusedElement(page)}`);
}

async function press(page: Page, key: string, times: number) {
	for (let n = 0; n < times; n++) await page.keyboard.press(key);
}

/** From the top of the page: the skip link is the first stop, and it moves focus to the main content. */
async function skipToMain(page: Page) {
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();
}

/** Lets whatever focus change the page has queued happen (SvelteKit's own, after an action). */
const settle = (page: Page) =>
	page.evaluate(async () => {
		for (let n = 0; n < 3; n++) await new Promise((done) => setTimeout(done));
	});

/** `target` gets focus and keeps it once the page has settled. */
async function expectFocusToStay(page: Page, target: Locator) {
	await expect(target).toBeFocused();
	await settle(page);
	await expect(target).toBeFocused({ timeout: 0 });
}

/**
 * After a practice or review answer: once the form is done (its button usable again), focus is on the
 * feedback, so it is read out, and the feedback is inside a live region.
 */
async function expectFeedbackFocusedAndLive(page: Page, section: Locator, verdict: string) {
	const heading = section.getByRole('heading', { name: verdict, exact: true });
	await expect(heading).toBeVisible();
	await expect(section.getByRole('button', { name: /^Check (answer|again)$/ })).toBeEnabled();
	await settle(page);
	const where = await heading.evaluate((element) => {
		const active = document.activeElement;
		const live = element.closest('[aria-live], [role="status"], [role="alert"]');
		return {
			focusInFeedback: !!active && !!live && live.contains(active),
			liveRegion: live ? (live.getAttribute('aria-live') ?? live.getAttribute('role')) : null
		};
	});
	expect(where).toEqual({
		focusInFeedback: true,
		liveRegion: expect.stringMatching(/^(polite|assertive|status|alert)$/)
	});
}

/** Chooses the option at `index` of a radio group: Tab into it, Space picks the first, arrows move on. */
async function chooseRadio(page: Page, group: Locator, index: number) {
	await tabTo(page, group.getByRole('radio').first());
	await page.keyboard.press('Space');
	await press(page, 'ArrowDown', index);
	await expect(group.getByRole('radio').nth(index)).toBeChecked();
}

/** Picks the option at `index` (0 is the "Choose…" prompt) of a closed select with the arrow keys. */
async function chooseInSelect(page: Page, select: Locator, index: number, value: string) {
	await tabTo(page, select);
	await press(page, 'ArrowDown', index);
	await expect(select).toHaveValue(value);
}

const writtenAnswer = 'The article is from Truthout, an outlet funded by readers (p01, p33).';

/** Answers a question inside its fieldset with the keyboard only: right, or wrong where `wrong` is set. */
async function answerByKeyboard(page: Page, group: Locator, question: Question, wrong = false) {
	switch (question.type) {
		case 'single-choice': {
			const right = question.options.findIndex((o) => o.id === question.answer);
			await chooseRadio(page, group, wrong ? (right + 1) % question.options.length : right);
			break;
		}
		case 'true-false':
			await chooseRadio(page, group, question.answer === !wrong ? 0 : 1);
			break;
		case 'multiple-select':
			for (const option of question.options) {
				const box = group.getByRole('checkbox', { name: option.text, exact: true });
				await tabTo(page, box);
				if (question.answers.includes(option.id)) await page.keyboard.press('Space');
				await expect(box).toBeChecked({ checked: question.answers.includes(option.id) });
			}
			break;
		case 'ordering':
			for (const item of question.items) {
				const position = question.answer.indexOf(item.id) + 1;
				const name = `Position of ${item.text}`;
				const select = group.getByRole('combobox', { name, exact: true });
				await chooseInSelect(page, select, position, String(position));
			}
			break;
		case 'classification':
			for (const item of question.items) {
				const category = question.categories.findIndex((c) => c.id === item.category) + 1;
				const select = group.getByRole('combobox', { name: item.text, exact: true });
				await chooseInSelect(page, select, category, item.category);
			}
			break;
		case 'numeric':
			await tabTo(page, group.getByRole('textbox', { name: 'Your answer' }));
			await page.keyboard.type(String(question.answer));
			break;
		case 'written':
			await tabTo(page, group.getByRole('textbox'));
			await page.keyboard.type(writtenAnswer);
			break;
	}
}

/**
 * Tabs from the top of the page to its end: every control on it gets focus (one radio per group), and focus
 * never sticks on one element, so nothing is out of reach and nothing traps the keyboard.
 */
async function expectTabReachesEveryControl(page: Page, label: string) {
	// where focus is after each Tab (its keyup comes once it has moved focus), recorded by the page itself
	await page.evaluate(() => {
		const stops: (Element | null)[] = [];
		(window as unknown as { stops: typeof stops }).stops = stops;
		window.addEventListener(
			'keyup',
			(event) => {
				if (event.key !== 'Tab') return;
				const active = document.activeElement;
				stops.push(!active || active === document.body ? null : active);
			},
			true
		);
	});
	// a date or time field takes a Tab per part (month, day, year): only a longer stay is a trap
	let previous = '';
	let stay = 0;
	// Tabs go in tens, read back at once; the stops after the page's end are not looked at
	let stops = 0;
	for (let end = false; !end;) {
		expect(stops, `${label}: Tab never reached the end of the page`).toBeLessThan(2000);
		for (let n = 0; n < 10; n++) await page.keyboard.press('Tab');
		const next = await page.evaluate(
			(from) =>
				(window as unknown as { stops: (Element | null)[] }).stops
					.slice(from)
					.map((active) =>
						active
							? `${active.outerHTML.slice(0, 120)} at ${active.getBoundingClientRect().top + scrollY}`
							: null
					),
			stops
		);
		// a Tab that took focus out of the page told it nothing: that is the end too
		if (next.length < 10) next.push(null);
		for (const now of next) {
			if (now === null || (stops > 0 && now.includes('Skip to main content'))) {
				end = true;
				break;
			}
			stops++;
			stay = now === previous ? stay + 1 : 0;
			expect(stay, `${label}: focus stuck on ${now}`).toBeLessThan(4);
			previous = now;
		}
	}
	const unreached = await page.evaluate((stops) => {
		const reached = new Set(
			(window as unknown as { stops: (Element | null)[] }).stops.slice(0, stops)
		);
		const reachedGroups = new Set(
			[...reached].map((el) =>
				el instanceof HTMLInputElement && el.type === 'radio' ? el.name : ''
			)
		);
		const controls = document.querySelectorAll<HTMLElement>(
			'a[href], button, input, select, textarea, summary, [tabindex]'
		);
		return [...controls]
			.filter(
				(el) =>
					el.tabIndex >= 0 &&
					!(el as HTMLButtonElement).disabled &&
					!(el instanceof HTMLInputElement && el.type === 'hidden') &&
					el.checkVisibility({ visibilityProperty: true }) &&
					!(el instanceof HTMLInputElement && el.type === 'radio' && reachedGroups.has(el.name)) &&
					!reached.has(el)
			)
			.map((el) => el.outerHTML.slice(0, 120));
	}, stops);
	expect(unreached, `${label}: controls Tab never reached`).toEqual([]);
}

const verdictOf = (question: Question, wrong: boolean) =>
	question.type === 'written'
		? 'Submitted: your teacher will score this'
		: wrong
			? 'Not quite'
			: 'Correct';

test('reading a lesson: the skip link, then marking a section read, then on to the practice quiz', async ({
	page,
	context,
	baseURL
}) => {
	await signInContext(context, baseURL!, 'student');
	await page.goto(`/lessons/${everyTypeLesson.slug}`);
	await page.waitForLoadState('networkidle');
	await skipToMain(page);

	const progress = page.getByRole('region', { name: 'Your progress in this lesson' });
	// the bar's list of sections opens from the keyboard
	await tabTo(page, progress.locator('summary'));
	await page.keyboard.press('Enter');
	const markButtons = progress.getByRole('button', { name: /^Mark as read: “.*”$/ });
	const last = markButtons.last();
	const title = (await last.getAttribute('aria-label'))!.match(/^Mark as read: “(.*)”$/)![1]!;
	await tabTo(page, last);
	await page.keyboard.press('Enter');
	// the button is gone once the section is read: focus stays on that section's row, which says so
	const row = progress.getByRole('listitem').filter({ hasText: title });
	await expectFocusToStay(page, row.getByText('Read ✓'));
	await expect(row.getByRole('button')).toHaveCount(0);

	// Shift+Tab goes back up the checklist, Tab comes back down: focus is not stuck
	await page.keyboard.press('Shift+Tab');
	await expect(row.getByText('Read ✓')).not.toBeFocused();
	const practice = page.getByRole('link', { name: 'Practice: feedback after each question' });
	await tabTo(page, practice);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/quiz\?mode=practice$/);
	await expect(page.getByRole('heading', { level: 1, name: /^Quiz:/ })).toBeVisible();
});

test('practice: one question of every type, answered with the keyboard; feedback takes focus and is announced', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signInContext(context, baseURL!, 'student');
	// a practice page per lesson, its questions in page order, so Tab only goes forward
	expect(new Set(firstOfEachType.map((p) => p.question.type)).size).toBe(types.length);
	for (const lesson of new Set(firstOfEachType.map((p) => p.lesson))) {
		await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
		await page.waitForLoadState('networkidle');
		await skipToMain(page);
		const picked = firstOfEachType
			.filter((p) => p.lesson === lesson)
			.sort((a, b) => a.index - b.index);
		for (const { index, question } of picked) {
			const section = page.getByRole('region', { name: `Question ${index + 1}`, exact: true });
			// every question is a fieldset whose legend is the prompt
			const group = section.getByRole('group', { name: question.prompt, exact: true });
			await expect(group, `${question.type} is a named group`).toBeVisible();
			const wrong = question.type === 'single-choice';
			await answerByKeyboard(page, group, question, wrong);
			await tabTo(page, section.getByRole('button', { name: 'Check answer' }));
			await page.keyboard.press('Enter');
			await expectFeedbackFocusedAndLive(page, section, verdictOf(question, wrong));
		}
	}
});

test('review: a due card answered with the keyboard', async ({ page, context, baseURL }) => {
	const account = await signInContext(context, baseURL!, 'student');
	const question = everyTypeLesson.questions.find(
		(q) => q.type === 'single-choice' && everyTypeLesson.quizIds.includes(q.id)
	)!;
	await withE2eDatabase(async (db) => {
		const [user] = await db.read
			.select({ id: db.tables.users.id })
			.from(db.tables.users)
			.where(eq(db.tables.users.username, account.username));
		// a question missed ten minutes ago, past its first learning step, so it is due now
		await db.write((tx) =>
			scheduleCard(tx, db.tables, {
				userId: user!.id,
				questionId: question.id,
				lessonSlug: everyTypeLesson.slug,
				rating: Rating.Again,
				now: new Date(Date.now() - 10 * 60_000)
			})
		);
	});
	await page.goto('/review');
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('1 question is due.')).toBeVisible();
	await skipToMain(page);

	const card = page.getByRole('region', { name: 'Question 1', exact: true });
	const group = card.getByRole('group', { name: question.prompt, exact: true });
	await answerByKeyboard(page, group, question);
	await tabTo(page, card.getByRole('button', { name: 'Check answer' }));
	await page.keyboard.press('Enter');
	await expectFeedbackFocusedAndLive(page, card, 'Correct');
	await expect(card.getByText(/This question comes back on/)).toBeVisible();
});

test('live: a guest joins by code and nickname and answers with the keyboard; updates are announced', async ({
	page,
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'keyboard-host');
	const session = await sessionFor(teacher.id);
	const question = liveQuestions[0]!;
	const host = await browser.newContext({ baseURL });
	await host.addCookies([{ name: sessionCookieName, value: teacher.token, url: baseURL! }]);
	const hostPage = await host.newPage();
	await hostPage.goto(`/live/host/${session.id}`);

	// the guest: /live, the code, then a nickname
	await page.goto('/live');
	await skipToMain(page);
	await tabTo(page, page.getByRole('textbox', { name: 'Session code' }));
	await page.keyboard.type(session.code);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Join the review session' })).toBeVisible();
	await tabTo(page, page.getByRole('textbox', { name: 'Nickname' }));
	await page.keyboard.type('Keyboard Kim');
	await page.keyboard.press('Enter');

	// one status region (a polite live region) says each change
	const status = page.getByRole('status');
	await expect(status).toHaveText(/You’re in\. Waiting for your teacher to start\./);
	await hostPage.getByRole('button', { name: 'Start the first question' }).click();
	await expect(status).toHaveText(new RegExp(`Question 1 of ${liveQuestions.length} is open`));

	const group = page.getByRole('group', { name: question.prompt, exact: true });
	await expect(group).toBeVisible();
	// one press on the answer's tile: the status says it is on its way, then that it arrived
	await tabTo(page, answerTile(group, question, true));
	await page.keyboard.press('Enter');
	await expect(status).toHaveText(`Sending ${tileName(question, true)}`);
	await expect(status).toHaveText('Answer received');
	// the form is gone: focus moves to the question's heading rather than to the top of the page
	await expectFocusToStay(
		page,
		page.getByRole('heading', { name: `Question 1 of ${liveQuestions.length}`, exact: true })
	);

	await hostPage.getByRole('button', { name: 'Reveal the answer' }).click();
	await expect(status).toHaveText('The answer is revealed');
	await expectFocusToStay(page, page.getByRole('heading', { name: /: the answer$/ }));
	await expect(page.getByRole('heading', { level: 3, name: 'Right' })).toBeVisible();
	await host.close();
});

test('hosting with the keyboard: after each step focus is back at the top of “Now”', async ({
	page,
	context,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'keyboard-host');
	await context.addCookies([{ name: sessionCookieName, value: teacher.token, url: baseURL! }]);
	const session = await sessionFor(teacher.id);
	const opened = page.waitForRequest(/\/events$/);
	await page.goto(`/live/host/${session.id}`);
	await opened;
	const now = page.getByRole('heading', { name: 'Now', exact: true });
	for (const [step, next] of [
		['Start the first question', 'Reveal the answer'],
		['Reveal the answer', 'Next question']
	]) {
		await tabTo(page, page.getByRole('button', { name: step }));
		await page.keyboard.press('Enter');
		// the pressed button is gone; the next step is one Tab away, not at the end of the whole page
		await expectFocusToStay(page, now);
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: next })).toBeFocused();
	}
});

test('what a keyboard user types before the page comes alive is kept', async ({ page }) => {
	const teacher = await accountWithCookie('teacher', 'early-host');
	const session = await sessionFor(teacher.id);
	// the page's scripts wait until the nickname is typed: hydration comes after it
	const release = await holdBackAppScripts(page);
	await page.goto(`/live/${session.code}`, { waitUntil: 'domcontentloaded' });
	await skipToMain(page);
	const nickname = page.getByRole('textbox', { name: 'Nickname' });
	await tabTo(page, nickname);
	await page.keyboard.type('Early Ed');
	release();
	await page.waitForLoadState('networkidle');
	await expect(nickname).toHaveValue('Early Ed');
});

test('Tab reaches every control on the main pages of each role, and no page traps it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const world = await createClassWorld();
	const classUrl = `/classes/${world.ownClass.id}`;
	const live = await sessionAtStage('question', world.teacher.id, {
		id: world.student.id,
		username: world.student.username,
		displayName: 'Tab Tester',
		role: 'student',
		isGuest: false
	});
	const pages: [string, string | null, string][] = [
		['anonymous', null, '/'],
		['anonymous', null, `/lessons/${everyTypeLesson.slug}`],
		['anonymous', null, `/lessons/${everyTypeLesson.slug}/quiz?mode=practice`],
		['anonymous', null, `/lessons/${everyTypeLesson.slug}/quiz?mode=quiz`],
		['anonymous', null, '/signup'],
		['anonymous', null, '/join'],
		['student', world.student.token, '/learn'],
		['student', world.student.token, '/account'],
		['student', world.student.token, `/live/${live.session.code}`],
		['teacher', world.teacher.token, '/classes'],
		['teacher', world.teacher.token, classUrl],
		['teacher', world.teacher.token, `${classUrl}/students`],
		['teacher', world.teacher.token, `${classUrl}/assignments`],
		['teacher', world.teacher.token, `${classUrl}/grading`],
		['teacher', world.teacher.token, '/live'],
		['teacher', world.teacher.token, `/live/host/${live.session.id}`]
	];
	for (const [role, token, path] of pages) {
		const context = await browser.newContext({ baseURL });
		if (token) await context.addCookies([{ name: sessionCookieName, value: token, url: baseURL! }]);
		const page = await context.newPage();
		// Tab only once the page has come alive (its live stream is opened by the running page)
		const streams = /^\/live\/(host\/)?\w+$/.test(path);
		const alive = streams ? page.waitForRequest(/\/events$/) : null;
		await page.goto(path);
		await (alive ?? page.waitForLoadState('networkidle'));
		await expectTabReachesEveryControl(page, `${path} as ${role}`);
		await context.close();
	}
});
