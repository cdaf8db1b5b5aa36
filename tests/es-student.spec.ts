import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { answerField } from '../src/lib/quiz/fields';
import type { Question } from '../src/lib/quiz/registry';
import { lessons, studyLessons } from './fixtures/content';
import { signInContext, withE2eDatabase } from './fixtures/db';

// A student in Spanish (/es/…): a lesson's inline check, the end-of-lesson quiz and /review, with
// JavaScript on and off. Answers are given by the form's values (the same ids in both languages), so the
// Spanish question texts need not be known here; what the app itself says is asserted in Spanish.

/** Fills in the right (or a wrong) answer by the values the form posts, whatever the language. */
async function answerByValue(scope: Locator, question: Question, right = true) {
	const field = (part?: string) => scope.locator(`[name="${answerField(question.id, part)}"]`);
	switch (question.type) {
		case 'single-choice': {
			const option = right
				? question.answer
				: question.options.find((o) => o.id !== question.answer)!.id;
			await field()
				.and(scope.locator(`[value="${option}"]`))
				.check();
			break;
		}
		case 'true-false':
			await field()
				.and(scope.locator(`[value="${String(right ? question.answer : !question.answer)}"]`))
				.check();
			break;
		case 'multiple-select':
			for (const option of question.options) {
				const box = field().and(scope.locator(`[value="${option.id}"]`));
				if (question.answers.includes(option.id)) await box.check();
				else await box.uncheck();
			}
			break;
		case 'ordering':
			for (const [index, itemId] of question.answer.entries())
				await field(itemId).selectOption(String(index + 1));
			break;
		case 'classification':
			for (const item of question.items) await field(item.id).selectOption(item.category);
			break;
		case 'numeric':
			await field().fill(String(question.answer));
			break;
		case 'written':
			await field().fill(
				'El artículo es de Truthout, un medio financiado por sus lectores (p01, p33).'
			);
			break;
	}
}

/** lang="es", and (axe needs scripts to run in the page) no axe violation when JavaScript is on. */
async function expectSpanishAndAxeClean(page: Page, label: string, axe = true) {
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	if (!axe) return;
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	const violations = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(violations, `axe violations on ${label}`).toEqual([]);
}

/** A numbered lesson with a single-choice check, and its end-of-lesson quiz. */
const lesson = studyLessons.find((l) =>
	l.checkIds.some((id) => l.questions.find((q) => q.id === id)?.type === 'single-choice')
)!;
const check = lesson.questions.find(
	(q) => lesson.checkIds.includes(q.id) && q.type === 'single-choice'
)!;
const quizQuestions = lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
const scoredCount = quizQuestions.filter((q) => q.type !== 'written').length;

for (const javaScriptEnabled of [true, false]) {
	test.describe(`a student in Spanish, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('inline check, quiz and review speak Spanish and pass axe', async ({
			page,
			context,
			baseURL
		}) => {
			// with JavaScript off every answer is a form post; axe (a script) runs on the same pages when it is on
			const expectSpanish = (label: string) =>
				expectSpanishAndAxeClean(page, label, javaScriptEnabled);
			test.setTimeout(120_000);
			const account = await signInContext(context, baseURL!, 'student');

			// the lesson: its chrome, and an inline check answered wrong, then right
			await page.goto(`/es/lessons/${lesson.slug}`);
			await expect(
				page.getByRole('link', { name: 'Lecciones', exact: true }).first()
			).toBeVisible();
			await expect(page.getByText(/min de ruta básica/).first()).toBeVisible();
			const section = page.locator(`#question-${check.id}`);
			await expect(
				section.getByRole('heading', { name: 'Comprueba lo que entendiste' })
			).toBeVisible();
			await answerByValue(section, check, false);
			await section.getByRole('button', { name: 'Comprobar respuesta' }).click();
			await expect(section.getByRole('heading', { name: 'No del todo' })).toBeVisible();
			await expect(section.getByText('Respuesta correcta:')).toBeVisible();
			await expect(section.getByText('Por qué:')).toBeVisible();
			await expect(page).toHaveURL(new RegExp(`/es/lessons/${lesson.slug}`));
			await expectSpanish('the lesson with a check answered wrong');
			await answerByValue(section, check, true);
			await section.getByRole('button', { name: 'Comprobar de nuevo' }).click();
			await expect(section.getByRole('heading', { name: 'Correcto' })).toBeVisible();

			// the quiz: refused while incomplete, in Spanish; then submitted and reviewed
			await page.goto(`/es/lessons/${lesson.slug}/quiz?mode=quiz`);
			await expect(page.getByRole('heading', { level: 1 })).toContainText('Cuestionario:');
			await expect(page.getByRole('button', { name: 'Enviar el cuestionario' })).toBeVisible();
			await expectSpanish('the quiz');
			await page.getByRole('button', { name: 'Enviar el cuestionario' }).click();
			await expect(page.getByRole('alert')).toContainText(
				/necesitan? una respuesta antes de enviar/
			);
			for (const question of quizQuestions)
				await answerByValue(page.locator(`#question-${question.id}`), question);
			await page.getByRole('button', { name: 'Enviar el cuestionario' }).click();
			await expect(page).toHaveURL(new RegExp(`/es/lessons/${lesson.slug}/quiz/attempts/`));
			await expect(page.getByRole('heading', { level: 1 })).toContainText(
				'Revisión del cuestionario:'
			);
			await expect(
				page.getByText(`${scoredCount.toFixed(1)} de ${quizQuestions.length} puntos`)
			).toBeVisible();
			await expect(page.getByRole('heading', { name: 'Correcto' })).toHaveCount(scoredCount);
			await expectSpanish('the quiz attempt');

			// review: the missed check comes due (its first learning step skipped), answered in Spanish
			await withE2eDatabase(async (db) => {
				const { users, reviewCards } = db.tables;
				const [user] = await db.read
					.select({ id: users.id })
					.from(users)
					.where(eq(users.username, account.username));
				await db.write((tx) =>
					tx
						.update(reviewCards)
						.set({ due: new Date(Date.now() - 1000) })
						.where(eq(reviewCards.userId, user!.id))
				);
			});
			await page.goto('/es/review');
			await expect(page.getByRole('heading', { level: 1, name: 'Repaso' })).toBeVisible();
			await expect(page.getByText(/^Tienes \d+ preguntas? pendientes?\.$/)).toBeVisible();
			const card = page.locator(`#question-${check.id}`);
			await expect(card.getByText(/^De la lección “/)).toBeVisible();
			await expectSpanish('review');
			await answerByValue(card, check, true);
			await card.getByRole('button', { name: 'Comprobar respuesta' }).click();
			await expect(card.getByRole('heading', { name: 'Correcto' })).toBeVisible();
			await expect(card.getByText(/Esta pregunta vuelve el/)).toBeVisible();
		});
	});
}

test('every lesson with questions lists its count in Spanish', async ({ page }) => {
	await page.goto('/es/lessons');
	await expect(page.getByRole('heading', { level: 2, name: 'Las lecciones' })).toBeVisible();
	const withQuestions = lessons.length;
	await expect(page.getByText(/\d+ preguntas?$/)).toHaveCount(withQuestions);
	await expectSpanishAndAxeClean(page, 'the lesson list');
});
