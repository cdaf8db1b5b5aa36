import { expect, test } from '@playwright/test';
import { createAssignment } from '../src/lib/server/classes/assignments';
import { addMember, createClass } from '../src/lib/server/classes/classes';
import { rightForm } from '../src/lib/server/live/test-live';
import { gradeQuizAnswers, quizQuestions, recordQuizAttempt } from '../src/lib/server/quiz/answers';
import { createPerson } from './fixtures/classes';
import { studyLessons } from './fixtures/content';
import { withE2eDatabase } from './fixtures/db';
import { signIn } from './fixtures/quiz-policy';

// three lessons with a quiz: one assigned as a quiz and already submitted, one as a quiz, one to practise
const [done, quiz, practice] = studyLessons.filter((lesson) => quizQuestions(lesson).length > 0);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

async function studentWithThreeAssignments() {
	const teacher = await createPerson('teacher', 'learn-teacher');
	const student = await createPerson('student', 'learn-student');
	await withE2eDatabase(async (db) => {
		const room = await createClass(db, teacher.id, `Period 4 ${student.id.slice(0, 6)}`);
		await addMember(db, room.id, student.id);
		for (const [lesson, behaviour, days] of [
			[done!, 'quiz', 2],
			[quiz!, 'quiz', 3],
			[practice!, 'practice', 5]
		] as const)
			await createAssignment(db, {
				classId: room.id,
				lessonSlug: lesson.slug,
				behaviour,
				dueAt: inDays(days),
				// the score is shown at once, so the finished card can carry it
				policy: { scoreShown: true }
			});
		const form = new FormData();
		for (const question of quizQuestions(done!))
			for (const [name, value] of rightForm(question).entries()) form.append(name, value);
		const graded = gradeQuizAnswers(done!, form).graded;
		await recordQuizAttempt(db, done!, student.id, graded, new Date());
	});
	return student;
}

test('/learn leads with what is due: one main action per assignment, the score once submitted, under three phone screens', async ({
	browser,
	baseURL
}) => {
	const student = await studentWithThreeAssignments();
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await signIn(context, baseURL!, student);
	const page = await context.newPage();
	await page.goto('/learn');

	const cards = page.getByRole('region', { name: 'Your assignments' }).getByRole('listitem');
	const card = (title: string) =>
		page.locator('.assignment').filter({ has: page.getByRole('heading', { name: title }) });
	await expect(
		card(quiz!.title).getByRole('link', { name: `Take the quiz for “${quiz!.title}”`, exact: true })
	).toHaveClass(/\bbutton\b/);
	await expect(
		card(practice!.title).getByRole('link', {
			name: `Start the lesson for “${practice!.title}”`,
			exact: true
		})
	).toHaveClass(/\bbutton\b/);
	// the submitted quiz: its score, and the reading left to finish
	const written = quizQuestions(done!).filter((q) => q.type === 'written').length;
	const scored = quizQuestions(done!).length - written;
	await expect(card(done!.title)).toContainText('Score 100%');
	await expect(card(done!.title)).toContainText(`(${scored} of ${scored} points`);
	await expect(
		card(done!.title).getByRole('link', { name: `Your quiz for “${done!.title}”` })
	).toBeVisible();
	expect(await cards.count()).toBeGreaterThanOrEqual(3);

	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(height).toBeLessThanOrEqual(3 * 844);
	await context.close();
});
