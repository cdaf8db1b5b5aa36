import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { answerCorrectly } from './fixtures/answer';
import { studyLessons } from './fixtures/content';
import { createTestAccount, signInContext, withE2eDatabase } from './fixtures/db';

const lesson = studyLessons[0]!;
const quizQuestions = lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
const firstThree = quizQuestions.filter((q) => q.type !== 'written').slice(0, 3);

test('a guest answers three questions, signs up, and finds those answers in their account', async ({
	page
}) => {
	await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
	for (const question of firstThree) {
		const section = page.locator(`#question-${question.id}`);
		await answerCorrectly(section, question);
		await section.getByRole('button', { name: 'Check answer' }).click();
		await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
	}

	const username = `guest-${Date.now()}`;
	await page.goto('/signup');
	await page.getByLabel('Your name').fill('Former Guest');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill('a long enough password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/learn$/);

	await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
	for (const question of firstThree) {
		await expect(
			page.locator(`#question-${question.id}`).getByRole('heading', { name: 'Correct' })
		).toBeVisible();
	}
	const stored = await withE2eDatabase(async (db) => {
		const t = db.tables;
		const [user] = await db.read.select().from(t.users).where(eq(t.users.username, username));
		return user
			? await db.read.select().from(t.responses).where(eq(t.responses.userId, user.id))
			: [];
	});
	expect(stored.map((r) => r.questionId).sort()).toEqual(firstThree.map((q) => q.id).sort());
});

test('a guest who signs in to an existing account brings their answers along', async ({ page }) => {
	const account = await createTestAccount('student', 'returning');
	const question = firstThree[0]!;
	await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
	const section = page.locator(`#question-${question.id}`);
	await answerCorrectly(section, question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();

	await page.goto(`/signin?redirectTo=${encodeURIComponent(`/lessons/${lesson.slug}/quiz`)}`);
	await page.getByLabel('Email or username').fill(account.username);
	await page.getByLabel('Password').fill(account.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(
		page.locator(`#question-${question.id}`).getByRole('heading', { name: 'Correct' })
	).toBeVisible();
});

test('a student downloads only their own data, then deletes the account for good', async ({
	page,
	context,
	baseURL
}) => {
	const other = await createTestAccount('student', 'bystander');
	const account = await signInContext(context, baseURL!, 'student');
	const question = firstThree[0]!;
	await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
	const section = page.locator(`#question-${question.id}`);
	await answerCorrectly(section, question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();

	const exported = await context.request.get('/account/export');
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-disposition']).toContain('attachment');
	const data = await exported.json();
	expect(data.account.username).toBe(account.username);
	expect(data.responses.map((r: { questionId: string }) => r.questionId)).toEqual([question.id]);
	expect(JSON.stringify(data)).not.toContain(other.username);
	expect(JSON.stringify(data)).not.toContain('argon2');

	const userId = await withE2eDatabase(async (db) => {
		const t = db.tables;
		const [user] = await db.read
			.select()
			.from(t.users)
			.where(eq(t.users.username, account.username));
		return user?.id ?? '';
	});
	expect(userId).not.toBe('');
	await page.goto('/account');
	await page.getByLabel('Type your username to confirm').fill('not my name');
	await page.getByRole('button', { name: 'Delete my account and all my data' }).click();
	await expect(page.getByRole('alert')).toContainText('type your username');
	await page.getByLabel('Type your username to confirm').fill(account.username);
	await page.getByRole('button', { name: 'Delete my account and all my data' }).click();
	await expect(page).toHaveURL(/\/\?deleted=1$/);

	await page.goto('/signin');
	await page.getByLabel('Email or username').fill(account.username);
	await page.getByLabel('Password').fill(account.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(/don’t match an account/);
	const remaining = await withE2eDatabase(async (db) => {
		const t = db.tables;
		const users = await db.read.select().from(t.users).where(eq(t.users.id, userId));
		const answers = await db.read.select().from(t.responses).where(eq(t.responses.userId, userId));
		return { users: users.length, answers: answers.length };
	});
	expect(remaining).toEqual({ users: 0, answers: 0 });
});

test('guests are sent to sign in for account pages', async ({ page }) => {
	await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
	const question = firstThree[0]!;
	const section = page.locator(`#question-${question.id}`);
	await answerCorrectly(section, question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
	await page.goto('/account');
	await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount/);
});
