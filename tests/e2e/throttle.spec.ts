import { expect, test, type Page } from '@playwright/test';
import { login, person, register, type Person } from './helpers';

async function attempt(page: Page, username: string, password: string) {
	await page.getByLabel('Nombre de usuario').fill(username);
	await page.getByLabel('Contraseña', { exact: true }).fill(password);
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
	await answered;
}

test('ten wrong passwords lock the account, but not other accounts on the same browser', async ({
	page,
	browser
}) => {
	const victim = person('Teo');
	const neighbour: Person = person('Uma');
	for (const who of [victim, neighbour]) {
		const context = await browser.newContext();
		await register(await context.newPage(), who);
		await context.close();
	}

	await page.goto('/login');
	for (let i = 1; i <= 10; i++) {
		await attempt(page, victim.username, `contraseña equivocada ${i}`);
		await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
	}

	await attempt(page, victim.username, victim.password);
	await expect(page.getByRole('alert')).toHaveText(
		/^Demasiados intentos fallidos\. Espera 1?\d minutos y vuelve a intentar\.$/
	);
	await expect(page.getByRole('button', { name: 'Salir' })).toHaveCount(0);

	await login(page, neighbour);
	await expect(page.getByRole('heading', { level: 1, name: 'Mis asociaciones' })).toBeVisible();
});
