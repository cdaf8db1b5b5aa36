import { expect, test, type BrowserContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { addMember, createClass } from '../src/lib/server/classes/classes';
import { axeViolations } from './fixtures/axe';
import { createPerson, type Person } from './fixtures/classes';
import { withE2eDatabase } from './fixtures/db';

// The teacher's class pages in Spanish (/es/classes…): Spanish text, <html lang="es">, axe-clean; the
// class's default language set on its settings page, with JavaScript and without; and a student of that
// class who never chose a language signing in and landing on /es/learn.

const signIn = (context: BrowserContext, who: Person, baseURL: string) =>
	context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);

const classLocale = (classId: string) =>
	withE2eDatabase(async (db) => {
		const { classes } = db.tables;
		const [row] = await db.read
			.select({ locale: classes.defaultLocale })
			.from(classes)
			.where(eq(classes.id, classId));
		return row?.locale;
	});

test('a teacher reads the class pages in Spanish and sets the class to Spanish; its student then reads in Spanish', async ({
	page,
	context,
	browser,
	baseURL
}) => {
	const teacher = await createPerson('teacher', 'es-teacher');
	const student = await createPerson('student', 'es-student');
	const klass = await withE2eDatabase(async (db) => {
		const created = await createClass(db, teacher.id, `Civismo ${Date.now().toString(36)}`);
		await addMember(db, created.id, student.id);
		return created;
	});
	await signIn(context, teacher, baseURL!);

	await page.goto('/es/classes');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle('Tus clases · Evidencia');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tus clases');
	await expect(page.getByRole('heading', { name: 'Crear una clase' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.getByRole('link', { name: klass.name }).click();
	await expect(page).toHaveURL(`/es/classes/${klass.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panel');
	await expect(page.getByText('ven Evidencia en inglés')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Clase' })).toContainText('Tareas asignadas');
	expect(await axeViolations(page)).toEqual([]);

	await page.getByRole('link', { name: 'Cambiar el idioma de la clase' }).click();
	await expect(page).toHaveURL(new RegExp(`/es/classes/${klass.id}/settings`));
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Configuración de la clase');
	const language = page.getByRole('group', {
		name: 'Idioma que ven los estudiantes de forma predeterminada'
	});
	await expect(language.getByLabel('English')).toBeChecked();
	expect(await axeViolations(page)).toEqual([]);

	await language.getByLabel('Español').check();
	await page.getByRole('button', { name: 'Guardar el idioma' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Los estudiantes de esta clase que no han elegido un idioma ahora ven Evidencia en español al iniciar sesión.'
	);
	expect(await classLocale(klass.id)).toBe('es');
	await expect(language.getByLabel('Español')).toBeChecked();

	// the student has never chosen a language and this browser has no cookie: the class's language wins
	const fresh = await browser.newContext();
	const studentPage = await fresh.newPage();
	await studentPage.goto('/signin');
	await studentPage.locator('input[name="login"]').fill(student.username);
	await studentPage.locator('input[name="password"]').fill(student.password);
	await studentPage.locator('input[name="password"]').press('Enter');
	await expect(studentPage).toHaveURL(/\/es\/learn$/);
	// the server renders the page in Spanish (a client-side landing keeps the old lang attribute until
	// a full load: a shared layout issue, reported to the lead)
	await studentPage.reload();
	await expect(studentPage.locator('html')).toHaveAttribute('lang', 'es');
	await fresh.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a class made on /es/classes starts in Spanish, and its settings form refuses a bad language in Spanish', async ({
		page,
		context,
		baseURL
	}) => {
		const teacher = await createPerson('teacher', 'es-nojs');
		await signIn(context, teacher, baseURL!);
		await page.goto('/es/classes');
		await expect(page.getByText('Sus estudiantes ven Evidencia en español')).toBeVisible();
		await page.getByLabel('Nombre de la clase').fill('Historia, 2.º periodo');
		await page.getByRole('button', { name: 'Crear la clase' }).click();
		await expect(page).toHaveURL(/\/es\/classes\/[^/]+\/students$/);
		const classId = /\/classes\/([^/]+)\/students$/.exec(page.url())![1]!;
		expect(await classLocale(classId)).toBe('es');

		await page.goto(`/es/classes/${classId}/settings`);
		await expect(page.getByLabel('Español')).toBeChecked();
		// a tampered choice: the server's refusal, in Spanish
		await page
			.getByLabel('English')
			.evaluate((input) => ((input as HTMLInputElement).value = 'fr'));
		await page.getByLabel('English').check();
		await page.getByRole('button', { name: 'Guardar el idioma' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Elige English o Español como el idioma que ven los estudiantes de forma predeterminada.'
		);
		expect(await classLocale(classId)).toBe('es');
		// axe needs JavaScript in the page: the same settings page is checked in the test above
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');

		await page.getByLabel('English').check();
		await page.getByRole('button', { name: 'Guardar el idioma' }).click();
		await expect(page.getByRole('status')).toContainText('ven Evidencia en inglés');
		expect(await classLocale(classId)).toBe('en');
	});
});
