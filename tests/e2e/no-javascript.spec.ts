import { expect, test, type Page } from '@playwright/test';
import { createAssociation, login, logout, person, register } from './helpers';

test.describe('without JavaScript', () => {
	let page: Page;

	test.beforeEach(async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		page = await context.newPage();
	});

	test.afterEach(async () => {
		await page.context().close();
	});

	test('registering, logging out and in, and creating an association all work', async () => {
		const carla = person('Carla');
		await register(page, carla);
		await expect(page).toHaveURL('/');
		await expect(page.getByRole('heading', { level: 1, name: 'Mis asociaciones' })).toBeVisible();

		await logout(page);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Minka: decidir juntos en la asociación' })
		).toBeVisible();

		await login(page, carla);
		await expect(page).toHaveURL('/');
		await expect(page.getByRole('heading', { level: 1, name: 'Mis asociaciones' })).toBeVisible();

		const association = await createAssociation(page, 'Quinueros');
		await expect(page.getByRole('region', { name: 'Directiva' })).toContainText(carla.displayName);
		await expect(
			page.getByText('1 miembros activos, 1 con derecho a voto, 0 sin cuenta en Minka.')
		).toBeVisible();

		await page.goto('/');
		await expect(page.getByRole('link', { name: association.name })).toHaveAttribute(
			'href',
			`/a/${association.slug}`
		);
	});

	test('a taken or malformed username comes back with the message and what was typed', async ({
		browser
	}) => {
		const taken = person('Dora');
		const other = await browser.newContext();
		await register(await other.newPage(), taken);
		await other.close();

		await page.goto('/register');
		await page.getByLabel('Nombre de usuario').fill(taken.username);
		await page.getByLabel('Tu nombre').fill('Otra Dora');
		await page.getByLabel('Contraseña', { exact: true }).fill('otra frase bastante larga');
		await page.getByRole('button', { name: 'Crear mi cuenta' }).click();

		await expect(page).toHaveURL('/register');
		const username = page.getByLabel('Nombre de usuario');
		await expect(username).toHaveValue(taken.username);
		await expect(username).toHaveAttribute('aria-invalid', 'true');
		await expect(username).toHaveAccessibleDescription(
			/Ese nombre de usuario ya existe\. Elige otro\./
		);
		await expect(page.getByText('Ese nombre de usuario ya existe. Elige otro.')).toBeVisible();
		await expect(page.getByLabel('Tu nombre')).toHaveValue('Otra Dora');
		await expect(page.getByLabel('Contraseña', { exact: true })).toHaveValue('');
		await expect(page.getByRole('button', { name: 'Salir' })).toHaveCount(0);

		await username.fill('dora con espacios');
		await page.getByLabel('Contraseña', { exact: true }).fill('otra frase bastante larga');
		await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
		await expect(page.getByLabel('Nombre de usuario')).toHaveValue('dora con espacios');
		await expect(
			page.getByText('Usa de 3 a 32 letras o números, sin espacios (puede llevar . _ o -).')
		).toBeVisible();
	});

	test('a short password is refused by the server too, in Spanish, keeping the username', async () => {
		const gaby = person('Gaby');
		await page.goto('/register');
		await page.getByLabel('Nombre de usuario').fill(gaby.username);
		await page.getByLabel('Tu nombre').fill(gaby.displayName);
		const password = page.getByLabel('Contraseña', { exact: true });
		await password.fill('corta');
		// An old browser that does not check `minlength` sends it anyway.
		await password.evaluate((input) => input.removeAttribute('minlength'));
		await page.getByRole('button', { name: 'Crear mi cuenta' }).click();

		await expect(page.getByText('La contraseña debe tener al menos 10 caracteres.')).toBeVisible();
		await expect(password).toHaveAttribute('aria-invalid', 'true');
		await expect(password).toHaveValue('');
		await expect(page.getByLabel('Nombre de usuario')).toHaveValue(gaby.username);
		await expect(page.getByLabel('Tu nombre')).toHaveValue(gaby.displayName);
		await expect(page.getByRole('button', { name: 'Salir' })).toHaveCount(0);
	});

	test('a wrong password at login keeps the username and says so in Spanish', async ({
		browser
	}) => {
		const eva = person('Eva');
		const other = await browser.newContext();
		await register(await other.newPage(), eva);
		await other.close();

		await page.goto('/login');
		await page.getByLabel('Nombre de usuario').fill(eva.username);
		await page.getByLabel('Contraseña', { exact: true }).fill('no es la contraseña');
		await page.getByRole('button', { name: 'Entrar', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
		await expect(page.getByLabel('Nombre de usuario')).toHaveValue(eva.username);
		await expect(page.getByRole('button', { name: 'Salir' })).toHaveCount(0);
	});
});

test('what someone types before the scripts arrive is kept once they do', async ({ page }) => {
	// A slow phone: the page is on screen and typed into well before its scripts have loaded.
	let scriptsArrive!: () => void;
	const held = new Promise<void>((resolve) => (scriptsArrive = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/register', { waitUntil: 'domcontentloaded' });
	const ines = person('Ines');
	await page.getByLabel('Nombre de usuario').fill(ines.username);
	await page.getByLabel('Tu nombre').fill(ines.displayName);
	await page.getByLabel('Contraseña', { exact: true }).fill(ines.password);

	scriptsArrive();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Nombre de usuario')).toHaveValue(ines.username);
	await expect(page.getByLabel('Tu nombre')).toHaveValue(ines.displayName);

	const sent = page.waitForRequest((r) => r.method() === 'POST');
	await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
	// Sent by the enhanced form, so the page had come alive before the click.
	expect((await sent).headers()['x-sveltekit-action']).toBe('true');
	await expect(page.getByRole('heading', { level: 1, name: 'Mis asociaciones' })).toBeVisible();
});
