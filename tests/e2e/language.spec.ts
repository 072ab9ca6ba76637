import { expect, test, type Page } from '@playwright/test';
import { person, register } from './helpers';

async function switchLanguage(page: Page, label: string, language: string, apply: string) {
	const footer = page.getByRole('contentinfo');
	await footer.getByLabel(label).selectOption({ label: language });
	await footer.getByRole('button', { name: apply }).click();
}

test('switching to English changes the page and survives a reload', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Entrar' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');

	await switchLanguage(page, 'Idioma', 'English', 'Cambiar idioma');
	await expect(page).toHaveURL('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Password', { exact: true })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();

	await switchLanguage(page, 'Language', 'Español', 'Change language');
	await expect(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' })).toBeVisible();
});

test("a logged-in user's language is remembered on their next login, on another device", async ({
	page,
	browser
}) => {
	const who = person('Sara');
	await register(page, who);
	await expect(page.getByRole('heading', { level: 1, name: 'Mis asociaciones' })).toBeVisible();
	await switchLanguage(page, 'Idioma', 'English', 'Cambiar idioma');
	await expect(page.getByRole('heading', { level: 1, name: 'My associations' })).toBeVisible();
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Log in' })
	).toBeVisible();

	// A fresh browser knows nothing of the choice until the user logs in.
	const other = await browser.newContext();
	const phone = await other.newPage();
	await phone.goto('/login');
	await expect(phone.getByRole('heading', { level: 1, name: 'Entrar' })).toBeVisible();
	await phone.getByLabel('Nombre de usuario').fill(who.username);
	await phone.getByLabel('Contraseña', { exact: true }).fill(who.password);
	await phone.getByRole('button', { name: 'Entrar', exact: true }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'My associations' })).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Log out' })).toBeVisible();
	await other.close();
});
