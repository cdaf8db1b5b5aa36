import { expect, test } from '@playwright/test';
import { axeViolations } from './fixtures/axe';
import { signInContext } from './fixtures/db';

// The account pages in Spanish (/es/…): signing up and in without JavaScript, a form error in Spanish,
// the switcher keeping the page, the remembered choice opening unprefixed addresses in Spanish, and axe.

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('a student signs up, signs out and signs in in Spanish; a wrong password is refused in Spanish', async ({
		page
	}) => {
		const username = `sofia-es-${Date.now().toString(36)}`;
		const password = 'una contraseña bastante larga';

		await page.goto('/es/signup');
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crear una cuenta');
		await page.getByLabel('Tu nombre').fill('Sofía Estudiante');
		await page.getByLabel('Nombre de usuario', { exact: true }).fill(username);
		await page.getByLabel('Contraseña').fill(password);
		await page.getByRole('button', { name: 'Crear cuenta' }).click();
		await expect(page).toHaveURL(/\/es\/learn$/);

		await page.getByRole('button', { name: 'Cerrar sesión' }).click();
		await expect(page).toHaveURL(/\/es\/?$/);
		await page.getByRole('link', { name: 'Iniciar sesión' }).click();
		await expect(page).toHaveURL(/\/es\/signin$/);

		const login = page.getByLabel('Correo electrónico o nombre de usuario');
		await login.fill(username);
		await page.getByLabel('Contraseña').fill('no es la contraseña');
		await page.getByRole('button', { name: 'Iniciar sesión' }).last().click();
		await expect(page.getByRole('alert')).toHaveText(
			'Ese correo electrónico o nombre de usuario y esa contraseña no coinciden con ninguna cuenta. Revisa ambos y vuelve a intentarlo.'
		);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');

		await login.fill(username);
		await page.getByLabel('Contraseña').fill(password);
		await page.getByRole('button', { name: 'Iniciar sesión' }).last().click();
		await expect(page).toHaveURL(/\/es\/learn$/);
		// signing in on a Spanish page remembers Spanish: an address without a language opens in it
		await page.goto('/account');
		await expect(page).toHaveURL(/\/es\/account$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu cuenta');
	});
});

test('the switcher keeps the page, and the chosen language opens unprefixed addresses', async ({
	page,
	context,
	baseURL
}) => {
	await signInContext(context, baseURL!, 'student');
	await page.goto('/lessons');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Español' }).click();
	await expect(page).toHaveURL(/\/es\/lessons$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/lessons$/);
	await expect(page).not.toHaveURL(/\/es\//);

	await page.getByRole('button', { name: 'Español' }).click();
	await expect(page).toHaveURL(/\/es\/lessons$/);
	await page.goto('/learn');
	await expect(page).toHaveURL(/\/es\/learn$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');

	// the account page shows the saved choice and changes it
	await page.goto('/es/account');
	await expect(page.getByRole('definition').filter({ hasText: 'Español' })).toBeVisible();
	await page.getByLabel('Mostrar Evidencia en').selectOption('en');
	await page.getByRole('button', { name: 'Cambiar idioma', exact: true }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page).not.toHaveURL(/\/es\//);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
});

test('/es/signin and /es/account are in Spanish and axe-clean', async ({
	page,
	context,
	baseURL
}) => {
	await page.goto('/es/signin');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle('Iniciar sesión · Evidencia');
	expect(await axeViolations(page)).toEqual([]);

	await signInContext(context, baseURL!, 'teacher');
	await page.goto('/es/account');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { name: 'Cambia tu contraseña' })).toBeVisible();
	await expect(page.getByText('Tipo de cuenta')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
});
