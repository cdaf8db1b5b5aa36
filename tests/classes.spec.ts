import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerCorrectly } from './fixtures/answer';
import { quizLesson } from './fixtures/classes';
import { signInContext } from './fixtures/db';
import { quizQuestions } from '../src/lib/server/quiz/answers';

const questions = quizQuestions(quizLesson);
const written = questions.find((q) => q.type === 'written')!;

async function createClass(page: Page, name: string): Promise<string> {
	await page.goto('/classes');
	await page.getByLabel('Class name').fill(name);
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
	return (await page.locator('.join-code code').innerText()).trim();
}

async function assignQuizLesson(page: Page, classUrl: string) {
	await page.goto(`${classUrl}/assignments`);
	await page.getByLabel('What to assign').selectOption({ label: quizLesson.title });
	await page.getByRole('radio', { name: /^Quiz: submitted once/ }).check();
	await page.getByLabel('Due date').fill('2099-06-01');
	await page.getByRole('button', { name: 'Assign' }).click();
	await expect(page.getByRole('status')).toContainText('is assigned to the class');
}

async function takeAssignedQuiz(page: Page) {
	await page.goto('/learn');
	await expect(page.getByRole('heading', { name: 'Your assignments' })).toBeVisible();
	await page.getByRole('link', { name: `Take the quiz for “${quizLesson.title}”` }).click();
	for (const question of questions)
		await answerCorrectly(page.locator(`#question-${question.id}`), question);
	await page.getByRole('button', { name: 'Submit the quiz' }).click();
	await expect(page).toHaveURL(/\/quiz\/attempts\//);
}

async function newPage(browser: Browser, baseURL: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	return { context, page: await context.newPage() };
}

for (const javaScriptEnabled of [true, false]) {
	test(`a class from join code to scored written answer, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(180_000);
		const teacher = await newPage(browser, baseURL!, javaScriptEnabled);
		await signInContext(teacher.context, baseURL!, 'teacher');
		const className = `Period ${javaScriptEnabled ? 2 : 5}, Ms. “Ruiz”, civics`;
		const code = await createClass(teacher.page, className);
		expect(code).toMatch(/^[CDFGHJKMNPQRTVWXYZ234679]{6}$/);
		await expect(
			teacher.page.getByRole('img', { name: /QR code for the join link/ })
		).toBeVisible();
		const classUrl = new URL(teacher.page.url()).pathname.replace(/\/students$/, '');
		await assignQuizLesson(teacher.page, classUrl);

		// the student has no email and no account yet: the code, a name, a username and a password
		const student = await newPage(browser, baseURL!, javaScriptEnabled);
		await student.page.goto(`/join?code=${code.toLowerCase()}`);
		await expect(student.page.getByLabel('Class code')).toHaveValue(/.+/);
		const username = `mara-${Date.now().toString(36)}-${javaScriptEnabled ? 'js' : 'nojs'}`;
		await student.page.getByLabel('Your name').fill('Mara Quintero');
		await student.page.getByLabel('Username').fill(username);
		await student.page.getByLabel('Password', { exact: true }).fill('a long enough password');
		await student.page.getByLabel('Confirm password').fill('a long enough password');
		await student.page.getByRole('button', { name: 'Create account and join class' }).click();
		await expect(student.page).toHaveURL(/\/learn\?joined=/);
		await expect(student.page.getByRole('status').filter({ hasText: 'You joined' })).toContainText(
			className
		);
		await takeAssignedQuiz(student.page);
		await expect(student.page.getByText(/your teacher will score/i).first()).toBeVisible();
		const attemptUrl = student.page.url();

		// the teacher sees the student on the roster, their score on the dashboard, the item statistics
		await teacher.page.goto(`${classUrl}/students`);
		await expect(teacher.page.getByRole('cell', { name: username })).toBeVisible();
		const autoScored = questions.length - 1;
		await teacher.page.goto(classUrl);
		const row = teacher.page.getByRole('row', { name: /Mara Quintero/ });
		await expect(row).toContainText(`${autoScored}/${autoScored} (100%) + 1 written to score`);
		await teacher.page.goto(`${classUrl}/questions`);
		const firstQuestion = teacher.page.getByRole('article', {
			name: `Quiz question 1: ${questions[0]!.prompt}`
		});
		await expect(firstQuestion).toContainText('Facility');
		await expect(firstQuestion).toContainText('100%');
		const grades = await teacher.context.request.get(`${classUrl}/export/grades.csv`);
		expect(grades.headers()['content-type']).toContain('text/csv');
		expect(await grades.text()).toContain(username);

		await teacher.page.goto(`${classUrl}/grading`);
		const answer = teacher.page.getByRole('article', { name: 'Mara Quintero' });
		await expect(answer).toContainText('Truthout, an outlet funded by readers');
		await answer.getByRole('radio', { name: /^Level 2 – / }).check();
		await answer
			.getByLabel('Comment for Mara Quintero (optional)')
			.fill('Good sourcing, add a second source.');
		await answer.getByRole('button', { name: 'Save score' }).click();
		await expect(teacher.page.getByRole('status')).toContainText('Score saved: Level 2');

		// the student sees the score and the comment on their attempt
		await student.page.goto(attemptUrl);
		await expect(student.page.getByText(/Your teacher's score: Level 2 – /)).toBeVisible();
		await expect(student.page.getByText('Good sourcing, add a second source.')).toBeVisible();
		await expect(student.page.getByText(written.prompt).first()).toBeVisible();
		await teacher.page.goto(classUrl);
		await expect(teacher.page.getByRole('row', { name: /Mara Quintero/ })).not.toContainText(
			'written to score'
		);

		await teacher.context.close();
		await student.context.close();
	});
}

test('login cards: a teacher adds names, a student signs in with a card, a reset replaces it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const teacher = await newPage(browser, baseURL!);
	await signInContext(teacher.context, baseURL!, 'teacher');
	await createClass(teacher.page, 'Cards class');
	await teacher.page
		.getByLabel('Student names, one per line')
		.fill('Ana "Nina" López, Jr.\nBen Okafor\n\n');
	await teacher.page.getByRole('button', { name: 'Create accounts and login cards' }).click();
	await expect(
		teacher.page.getByRole('heading', { name: 'Login cards for 2 students' })
	).toBeVisible();
	const card = teacher.page
		.locator('.login-card, article, li')
		.filter({ hasText: 'Ana "Nina" López, Jr.' })
		.first();
	const codes = await card.locator('code').allInnerTexts();
	const [cardUsername, cardPassword] = codes.map((c) => c.trim());
	expect(cardUsername).toMatch(/^ana-\d{4}$/);

	const student = await newPage(browser, baseURL!);
	await student.page.goto('/signin');
	await student.page.getByLabel('Email or username').fill(cardUsername!);
	await student.page.getByLabel('Password').fill(cardPassword!);
	await student.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(student.page.getByRole('heading', { name: 'Your classes' })).toBeVisible();
	await expect(student.page.getByText('Cards class')).toBeVisible();

	await teacher.page
		.getByRole('button', { name: 'Reset password for Ana "Nina" López, Jr.' })
		.click();
	await expect(teacher.page.getByRole('heading', { name: /New password for/ })).toBeVisible();
	// the old password's session is over
	await student.page.goto('/learn');
	await expect(student.page).toHaveURL(/\/signin/);

	await teacher.context.close();
	await student.context.close();
});
