import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { answerCorrectly } from './fixtures/answer';
import {
	createPerson,
	createSharedStudent,
	quizLesson,
	requestAs,
	type Person
} from './fixtures/classes';
import { signInContext, withE2eDatabase } from './fixtures/db';
import { gradedByTeacher, scoreAnswer } from '../src/lib/quiz/registry';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createAssignment } from '../src/lib/server/classes/assignments';
import { addMember, createClass as createClassRow } from '../src/lib/server/classes/classes';
import { quizQuestions, recordQuizAttempt } from '../src/lib/server/quiz/answers';
import { rightAnswer } from '../src/lib/server/seed';

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
	await page.getByRole('radio', { name: /^Quiz:/ }).check();
	await page.getByLabel('Due date').fill('2099-06-01');
	await page.getByRole('button', { name: 'Assign' }).click();
	await expect(page.getByRole('status')).toContainText('is assigned to the class');
}

async function takeAssignedQuiz(page: Page) {
	await page.goto('/learn');
	await expect(page.getByRole('heading', { name: 'Your assignments' })).toBeVisible();
	await page
		.getByRole('link', { name: `Take the quiz for “${quizLesson.title}”`, exact: true })
		.click();
	// an assigned quiz opens with its card: the questions come once the attempt is started
	await page.getByRole('button', { name: 'Start the quiz' }).click();
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
		// the overview at the top lists the answered questions and links to each one's chart
		await teacher.page.getByRole('link', { name: 'Quiz question 1', exact: true }).click();
		await expect(firstQuestion).toBeInViewport();
		await expect(firstQuestion).toContainText('Too few students to tell');
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

async function pageAs(browser: Browser, baseURL: string, who: Person) {
	const context = await browser.newContext({ baseURL });
	await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
	return { context, page: await context.newPage() };
}

test('a student of teacher A who joins stranger B’s class stays A’s: B can’t take over the account or see or score their work', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const world = await createSharedStudent();
	const b = await pageAs(browser, baseURL!, world.teacherB);
	const classB = `/classes/${world.classB.id}`;

	// the password reset is refused on the page, and the student stays signed in
	await b.page.goto(`${classB}/students`);
	await b.page
		.getByRole('button', { name: `Reset password for ${world.student.displayName}` })
		.click();
	await expect(b.page.getByRole('alert')).toHaveText(
		'This student is also in another teacher’s class, so only they or an admin can reset the password. Ask the student to change it on their Account page, or ask your Evidencia admin.'
	);
	await expect(b.page.getByRole('heading', { name: /New password for/ })).toHaveCount(0);
	const asB = await requestAs(baseURL!, world.teacherB);
	const reset = await asB.post(`${classB}/students?/resetPassword`, {
		form: { studentId: world.student.id }
	});
	expect(reset.status()).toBe(403);
	const asStudent = await requestAs(baseURL!, world.student);
	expect((await asStudent.get('/learn')).status()).toBe(200);

	// B's grading queue, dashboard, statistics and exports show the student but none of A's quiz
	await b.page.goto(`${classB}/grading`);
	await expect(b.page.getByText('No written answers are waiting.')).toBeVisible();
	await expect(b.page.getByText(world.writtenAnswer)).toHaveCount(0);
	await b.page.goto(classB);
	const row = b.page.getByRole('row', { name: new RegExp(world.student.displayName) });
	await expect(row).toContainText('Not started');
	await expect(row).not.toContainText('%');
	await b.page.goto(`${classB}/questions`);
	await expect(b.page.getByText('No one in this class has answered a question yet.')).toBeVisible();
	const responses = await (await asB.get(`${classB}/export/responses.csv`)).text();
	expect(responses).toContain('Name,Username,Lesson');
	expect(responses).not.toContain(world.student.username);
	const grades = await (await asB.get(`${classB}/export/grades.csv`)).text();
	expect(grades).toContain(world.student.username);
	expect(grades).not.toMatch(/quiz|practice/);

	// B can't score the answer, and A's grading page shows it unscored
	const graded = await asB.post(`${classB}/grading?/grade`, {
		form: { responseId: world.writtenResponseId, level: '0', comment: 'B was here' }
	});
	expect(graded.status()).toBe(404);
	const storedGrades = await withE2eDatabase((db) =>
		db.read
			.select()
			.from(db.tables.responseGrades)
			.where(eq(db.tables.responseGrades.responseId, world.writtenResponseId))
	);
	expect(storedGrades).toEqual([]);
	const a = await pageAs(browser, baseURL!, world.teacherA);
	await a.page.goto(`/classes/${world.classA.id}/grading`);
	const answer = a.page.getByRole('article', { name: world.student.displayName });
	await expect(answer).toContainText(world.writtenAnswer);
	await expect(answer).not.toContainText('Current score');
	await expect(a.page.getByText('Nothing scored yet.')).toBeVisible();

	await asB.dispose();
	await asStudent.dispose();
	await a.context.close();
	await b.context.close();
});

test('grading shows a question once with its students’ answers beneath; Next to score, j and a save move on to the answers to score', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const teacher = await createPerson('teacher', 'grader');
	const ana = await createPerson('student', 'Ana');
	const zoe = await createPerson('student', 'Zoe');
	const classId = await withE2eDatabase(async (db) => {
		const classRow = await createClassRow(db, teacher.id, 'Grading by question');
		await createAssignment(db, {
			classId: classRow.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: null
		});
		for (const [student, text] of [
			[zoe, 'Zoe: the outlet is Truthout (p01).'],
			[ana, 'Ana: readers fund it (p33).']
		] as const) {
			await addMember(db, classRow.id, student.id);
			const graded = questions.map((question) => {
				const answer = gradedByTeacher(question) ? text : rightAnswer(question);
				return { question, answer, score: scoreAnswer(answer, question) };
			});
			await recordQuizAttempt(db, quizLesson, student.id, graded, new Date());
		}
		return classRow.id;
	});
	const { context, page } = await pageAs(browser, baseURL!, teacher);
	await page.goto(`/classes/${classId}/grading`);
	await page.waitForLoadState('networkidle');

	// the question and its rubric once, both answers beneath it, by name
	await expect(page.getByText('2 answers to score, in 1 question.')).toBeVisible();
	await expect(page.getByRole('heading', { name: written.prompt, exact: true })).toHaveCount(1);
	const question = page.getByRole('region', { name: written.prompt, exact: true });
	await expect(question.getByRole('heading', { name: 'Rubric' })).toHaveCount(1);
	await expect(question).toContainText('2 to score');
	const answers = question.getByRole('article');
	await expect(answers).toHaveCount(2);
	await expect(answers.nth(0)).toHaveAccessibleName(ana.displayName);
	await expect(answers.nth(0)).toContainText('Ana: readers fund it (p33).');
	await expect(answers.nth(1)).toHaveAccessibleName(zoe.displayName);
	const anaAnswer = question.getByRole('article', { name: ana.displayName });
	const zoeAnswer = question.getByRole('article', { name: zoe.displayName });

	// the skip link leads to the first answer to score; j goes on to the next, then round again
	await page.getByRole('link', { name: 'Next to score' }).click();
	await expect(page).toHaveURL(new RegExp(`#response-`));
	await expect(anaAnswer).toBeInViewport();
	await page.keyboard.press('j');
	await expect(anaAnswer.getByRole('radio', { name: /^Level 0 – / })).toBeFocused();
	await page.keyboard.press('j');
	await expect(zoeAnswer.getByRole('radio', { name: /^Level 0 – / })).toBeFocused();
	await page.keyboard.press('j');
	await expect(anaAnswer.getByRole('radio', { name: /^Level 0 – / })).toBeFocused();
	// in a comment, j is a letter
	const comment = anaAnswer.getByLabel(`Comment for ${ana.displayName} (optional)`);
	await comment.focus();
	await page.keyboard.press('j');
	await expect(comment).toBeFocused();
	await expect(comment).toHaveValue('j');
	await page.keyboard.press('Control+j');
	await expect(comment).toBeFocused();

	// a save moves the focus to the next answer to score; the scored one follows it
	await anaAnswer.getByRole('radio', { name: /^Level 2 – / }).check();
	await anaAnswer.getByRole('button', { name: 'Save score' }).click();
	await expect(page.getByRole('status')).toContainText('Score saved: Level 2');
	await expect(zoeAnswer.getByRole('radio', { name: /^Level 0 – / })).toBeFocused();
	await expect(page.getByText('1 answer to score, in 1 question.')).toBeVisible();
	await expect(answers.nth(0)).toHaveAccessibleName(zoe.displayName);
	await expect(answers.nth(1)).toContainText('Current score: Level 2 – ');

	await context.close();
});
