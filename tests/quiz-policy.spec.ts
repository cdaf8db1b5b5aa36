import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { gradedByTeacher, type Question } from '../src/lib/quiz/registry';
import { rightForm } from '../src/lib/server/live/test-live';
import { quizQuestions } from '../src/lib/server/quiz/answers';
import { answerCorrectly } from './fixtures/answer';
import { quizLesson, requestAs, type Person } from './fixtures/classes';
import { fingerprint, secretsOf } from './fixtures/content';
import { databaseSnapshot } from './fixtures/db';
import {
	classWithAssignedQuiz,
	moveDeadline,
	quizAttemptsOf,
	setExtraTime,
	setQuizPolicy,
	signIn,
	type PolicyWrites
} from './fixtures/quiz-policy';

// Issue #16: an assigned quiz means what the teacher chose. The student starts it from a card, has one
// clock, submits once per attempt allowed, may not practise its questions while it is open, and sees its
// answers (and score) only when the policy shows them. The rules are proven in
// src/lib/server/quiz/assigned.test.ts; this is the wiring, with JavaScript on and off where it is a form.

const questions = quizQuestions(quizLesson);
const quizPage = `/lessons/${quizLesson.slug}/quiz`;
// Fri, Dec 4 2099, 3:30 PM in Los Angeles (the class's zone)
const farDue = new Date('2099-12-04T23:30:00.000Z');
const dueText = 'Fri, Dec 4, 2099, 3:30 PM Pacific Time';
const hour = 3600_000;

async function studentPage(
	browser: Browser,
	baseURL: string,
	who: Person,
	javaScriptEnabled = true
) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	await signIn(context, baseURL, who);
	return { context, page: await context.newPage() };
}

async function setUp(browser: Browser, baseURL: string, policy: PolicyWrites) {
	const teacher = await browser.newContext({ baseURL });
	const world = await classWithAssignedQuiz(await teacher.newPage(), baseURL, policy);
	await teacher.close();
	return world;
}

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

// a written answer in the student's own words: the demo's right answer is the model answer, a key
const ownWords = 'Truthout is funded by its readers, so I would read laterally about it.';
const fieldsOf = (question: Question): [string, string][] =>
	gradedByTeacher(question)
		? [[question.id, ownWords]]
		: [...rightForm(question)].map(([name, value]) => [name, String(value)]);

/** A form post as a browser without JavaScript sends it; redirects are not followed. */
function postForm(context: APIRequestContext, path: string, fields: [string, string][] = []) {
	return context.post(path, {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams(fields).toString(),
		maxRedirects: 0
	});
}

/** Starts and submits the student's attempt over HTTP, every answer right; the review page's path. */
async function startAndSubmit(baseURL: string, student: Person): Promise<string> {
	const context = await requestAs(baseURL, student);
	const started = await postForm(context, `${quizPage}?/start`);
	expect(started.status(), await started.text()).toBe(303);
	const submitted = await postForm(context, `${quizPage}?/submit`, questions.flatMap(fieldsOf));
	expect(submitted.status(), await submitted.text()).toBe(303);
	const location = submitted.headers()['location'] ?? '';
	expect(location).toMatch(new RegExp(`^${quizPage}/attempts/[^/]+$`));
	await context.dispose();
	return location;
}

/** The secrets of the quiz's questions that are in `body`. */
function secretsIn(body: string): string[] {
	const received = fingerprint(body);
	return questions.flatMap((question) =>
		secretsOf(question)
			.filter((secret) => fingerprint(secret).length >= 20)
			.filter((secret) => received.includes(fingerprint(secret)))
	);
}

for (const javaScriptEnabled of [true, false]) {
	const js = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

	test(`an assigned quiz opens with its card, is started and submitted once, and refuses a second attempt, ${js}`, async ({
		browser,
		baseURL
	}) => {
		const { student } = await setUp(browser, baseURL!, { dueAt: farDue });
		const { context, page } = await studentPage(browser, baseURL!, student, javaScriptEnabled);
		await page.goto(`${quizPage}?mode=quiz`);
		const card = page.getByRole('region', { name: 'Assigned quiz' });
		await expect(card).toContainText(/Attempts\s*1 of 1 left/);
		await expect(card).toContainText(/Time limit\s*None/);
		await expect(card).toContainText(dueText);
		await expect(card).toContainText(
			`Answers and explanations are shown after the due date, ${dueText}.`
		);
		await expect(page.locator('.quiz-question')).toHaveCount(0);
		if (javaScriptEnabled) await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Start the quiz' }).click();
		await expect(page.locator('.quiz-question')).toHaveCount(questions.length);
		await expect(card).toContainText('You have started this quiz.');
		for (const question of questions)
			await answerCorrectly(page.locator(`#question-${question.id}`), question);
		await page.getByRole('button', { name: 'Submit the quiz' }).click();
		await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);

		// the score is out at once; the answers after the due date
		await expect(page.locator('.score-summary')).toContainText('Score:');
		await expect(
			page.getByText(`Answers and explanations are shown after the due date, ${dueText}.`)
		).toBeVisible();
		await expect(page.getByText('Why:')).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Take the quiz again' })).toHaveCount(0);
		if (javaScriptEnabled) await expectNoAxeViolations(page);

		await page.goto(`${quizPage}?mode=quiz`);
		await expect(card).toContainText(/Attempts\s*None left \(1 submitted\)/);
		await expect(card).toContainText(
			'You have used your attempt at this quiz. Ask your teacher if you need another.'
		);
		await expect(page.getByRole('button', { name: 'Start the quiz' })).toHaveCount(0);
		const direct = await postForm(await requestAs(baseURL!, student), `${quizPage}?/start`);
		expect(direct.status()).toBe(409);
		expect(await direct.text()).toContain('You have used your attempt at this quiz.');
		expect(await quizAttemptsOf(student.id)).toHaveLength(1);
		await context.close();
	});

	test(`practice on an open quiz’s questions is closed, saying when it opens, ${js}`, async ({
		browser,
		baseURL
	}) => {
		const { student } = await setUp(browser, baseURL!, { dueAt: farDue });
		const { context, page } = await studentPage(browser, baseURL!, student, javaScriptEnabled);
		await page.goto(`${quizPage}?mode=practice`);
		await expect(page.getByRole('heading', { name: 'Practice is closed for now' })).toBeVisible();
		await expect(
			page.getByText(`Practice on these questions opens after the quiz closes, ${dueText}.`)
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
		if (javaScriptEnabled) await expectNoAxeViolations(page);

		const question = questions.find((q) => q.type !== 'written')!;
		const before = await databaseSnapshot();
		const refused = await postForm(await requestAs(baseURL!, student), `${quizPage}?/answer`, [
			['questionId', question.id],
			...fieldsOf(question)
		]);
		expect(refused.status()).toBe(403);
		const body = await refused.text();
		expect(body).toContain(`Practice on these questions opens after the quiz closes, ${dueText}.`);
		expect(secretsIn(body)).toEqual([]);
		expect(await databaseSnapshot()).toEqual(before);
		await context.close();
	});
}

const released = new Date(Date.now() - hour);
const cases: { shown: PolicyWrites['answersShown']; then: PolicyWrites | null }[] = [
	{ shown: 'after-due', then: { dueAt: released } },
	{ shown: 'on-release', then: { answersReleasedAt: released } },
	{ shown: 'never', then: { dueAt: released } },
	{ shown: 'immediately', then: null }
];

for (const { shown, then } of cases) {
	const title =
		shown === 'immediately'
			? 'the review page and its data show the key at once'
			: `the review page and its data hold no key before then${shown === 'never' ? ', nor after the due date' : ', and show it after'}`;
	test(`answers shown ${shown}: ${title}`, async ({ browser, baseURL }) => {
		const { student, assignmentId } = await setUp(browser, baseURL!, {
			dueAt: farDue,
			answersShown: shown
		});
		const review = await startAndSubmit(baseURL!, student);
		const asStudent = await requestAs(baseURL!, student);
		const bodies = async () =>
			(
				await Promise.all(
					[review, `${review}/__data.json`].map(async (path) => {
						const response = await asStudent.get(path);
						expect(response.status(), path).toBe(200);
						return response.text();
					})
				)
			).join('\n');

		const first = await bodies();
		// the positive control: these bodies do carry the student's own work
		expect(fingerprint(first)).toContain(fingerprint(quizLesson.title));
		if (shown === 'immediately') expect(secretsIn(first)).not.toEqual([]);
		else expect(secretsIn(first)).toEqual([]);

		if (then) {
			await setQuizPolicy(assignmentId, then);
			const after = await bodies();
			if (shown === 'never') expect(secretsIn(after)).toEqual([]);
			else expect(secretsIn(after)).not.toEqual([]);
		}
		await asStudent.dispose();
	});
}

test('a timed quiz counts down and submits itself when the time is up (JavaScript on)', async ({
	browser,
	baseURL
}) => {
	const { student } = await setUp(browser, baseURL!, { dueAt: farDue, timeLimitMinutes: 10 });
	const { context, page } = await studentPage(browser, baseURL!, student);
	await page.goto(`${quizPage}?mode=quiz`);
	await expect(page.getByRole('region', { name: 'Assigned quiz' })).toContainText(
		/Time limit\s*10 minutes/
	);
	await page.getByRole('button', { name: 'Start the quiz' }).click();
	await expect(page.getByRole('timer')).toHaveText(/^(10:00|9:\d\d)$/);
	await expect(page.getByText(/^Submit by .+ Pacific Time\.$/)).toBeVisible();
	await expectNoAxeViolations(page);

	// a ten-minute wait is not a test: the clock is moved to end in a few seconds
	await moveDeadline(student.id, new Date(Date.now() + 8_000));
	await page.reload();
	const [first] = questions;
	await answerCorrectly(page.locator(`#question-${first!.id}`), first!);
	await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/, { timeout: 20_000 });
	await expect(page.getByText('Not answered: the time ran out.')).toHaveCount(questions.length - 1);
	await expect(page.locator('.score-summary')).toContainText(
		`${questions.length - 1} questions left unanswered when the time ran out earn nothing`
	);
	const [attempt] = await quizAttemptsOf(student.id);
	expect(attempt?.submittedAt).not.toBeNull();
	await context.close();
});

test('without JavaScript the deadline is text, and a submission after it is kept, marked over time', async ({
	browser,
	baseURL
}) => {
	const { student } = await setUp(browser, baseURL!, { dueAt: farDue, timeLimitMinutes: 10 });
	const { context, page } = await studentPage(browser, baseURL!, student, false);
	await page.goto(`${quizPage}?mode=quiz`);
	await page.getByRole('button', { name: 'Start the quiz' }).click();
	await expect(page.getByText(/^Submit by .+ Pacific Time\.$/)).toBeVisible();
	await expect(page.getByRole('timer')).toHaveCount(0);

	const deadline = new Date(Date.now() - 5 * 60_000);
	await moveDeadline(student.id, deadline);
	for (const question of questions)
		await answerCorrectly(page.locator(`#question-${question.id}`), question);
	await page.getByRole('button', { name: 'Submit the quiz' }).click();
	await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
	await expect(
		page.getByText(
			'It came in after the time was up. It is kept, and your teacher sees when it was submitted.'
		)
	).toBeVisible();
	const [attempt] = await quizAttemptsOf(student.id);
	expect(attempt?.deadlineAt).toEqual(deadline);
	expect(attempt!.submittedAt!.getTime() - deadline.getTime()).toBeGreaterThan(60_000);
	await context.close();
});

test('an accommodated student gets twice the time; a classmate the class’s', async ({
	browser,
	baseURL
}) => {
	const { student, classmate, classId } = await setUp(browser, baseURL!, {
		dueAt: farDue,
		timeLimitMinutes: 15
	});
	await setExtraTime(classId, student.id, '2');
	const own = await studentPage(browser, baseURL!, student);
	await own.page.goto(`${quizPage}?mode=quiz`);
	await expect(own.page.getByRole('region', { name: 'Assigned quiz' })).toContainText(
		/Time limit\s*30 minutes \(includes your extra time\)/
	);
	const other = await studentPage(browser, baseURL!, classmate);
	await other.page.goto(`${quizPage}?mode=quiz`);
	await expect(other.page.getByRole('region', { name: 'Assigned quiz' })).toContainText(
		/Time limit\s*15 minutes/
	);

	await own.page.getByRole('button', { name: 'Start the quiz' }).click();
	await expect(own.page.getByRole('timer')).toHaveText(/^(30:00|29:\d\d)$/);
	const [attempt] = await quizAttemptsOf(student.id);
	expect(attempt!.deadlineAt!.getTime() - attempt!.startedAt.getTime()).toBe(30 * 60_000);
	await own.context.close();
	await other.context.close();
});
