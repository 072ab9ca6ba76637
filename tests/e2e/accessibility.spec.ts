import { expect, test, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	person,
	register,
	watchErrors
} from './helpers';

// The same walk over every page also listens to the browser: a script or style refused by the
// CSP, or any other error, shows up in the console.
const consoleErrors = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
	consoleErrors.set(page, watchErrors(page));
});
test.afterEach(({ page }) => {
	// A 404 or 403 page is meant to fail its request; the browser logs that as an error.
	const unexpected = (consoleErrors.get(page) ?? []).filter((e) => !/status of 40[34]/.test(e));
	expect(unexpected).toEqual([]);
});

test('the pages of an anonymous visitor are accessible', async ({ page, browser }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page, 'landing');

	await page.goto('/login');
	await expectAccessible(page, 'login');

	await page.goto('/register');
	await expectAccessible(page, 'register');

	const taken = person('Vera');
	const other = await browser.newContext();
	const leader = await other.newPage();
	await register(leader, taken);
	const association = await createAssociation(leader);
	const { link } = await createInvitation(leader, association.slug);
	await other.close();

	// The register page showing a form error, a field error and a hint on the same field.
	await page.getByLabel('Nombre de usuario').fill(taken.username);
	await page.getByLabel('Tu nombre').fill('Otra Vera');
	await page.getByLabel('Contraseña', { exact: true }).fill(taken.password);
	await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(page.getByText('Ese nombre de usuario ya existe. Elige otro.')).toBeVisible();
	await expectAccessible(page, 'register with errors');

	await page.goto(`/a/${association.slug}`);
	await expect(page.getByText('Estás viendo la página pública de la asociación.')).toBeVisible();
	await expectAccessible(page, 'association home, anonymous');

	await page.goto(link);
	await expect(
		page.getByText('Para unirte necesitas una cuenta en Minka.', { exact: false })
	).toBeVisible();
	await expectAccessible(page, 'join page, logged out');

	expect((await page.goto('/a/no-existe-nada'))?.status()).toBe(404);
	await expectAccessible(page, '404 page');
});

test("a leader's pages are accessible", async ({ page }) => {
	await register(page, person('Wilma'));
	await expectAccessible(page, 'my associations (empty)');

	await page.goto('/a/new');
	await expectAccessible(page, 'new association');

	const association = await createAssociation(page);
	await expectAccessible(page, 'association home, leader');

	await page.goto('/');
	await expect(page.getByRole('link', { name: association.name })).toBeVisible();
	await expectAccessible(page, 'my associations');

	await page.goto('/account');
	await expectAccessible(page, 'account');

	await page.goto('/logout');
	await expect(page.getByRole('button', { name: 'Salir de mi cuenta' })).toBeVisible();
	await expectAccessible(page, 'logout');

	await createInvitation(page, association.slug);
	await expectAccessible(page, 'invitation');

	const memberName = `Ximena Flores ${Date.now()}`;
	await page.goto(`/a/${association.slug}/members`);
	const add = page.getByRole('region', { name: 'Registrar a un socio sin cuenta' });
	await add.getByLabel('Nombre completo').fill(memberName);
	await add.getByRole('button', { name: 'Registrar socio/a' }).click();
	await expect(add.getByRole('status')).toBeVisible();
	await expectAccessible(page, 'members, leader (with an open invitation and a notice)');

	await page.getByRole('link', { name: memberName }).click();
	await expect(page.getByRole('heading', { level: 1, name: memberName })).toBeVisible();
	await expectAccessible(page, 'member detail');

	await page.getByRole('button', { name: 'Suspender' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await expectAccessible(page, 'member detail, suspended, with a notice');

	await page.goto(`/a/${association.slug}/audit`);
	await expect(page.getByRole('listitem').first()).toBeVisible();
	await expectAccessible(page, 'audit');
});

test("a plain member's pages are accessible, the 403 page included", async ({ page, browser }) => {
	const leader = await newPerson(browser, 'Yola');
	const association = await createAssociation(leader.page);
	const { link } = await createInvitation(leader.page, association.slug);
	await leader.page.goto(`/a/${association.slug}/members`);
	const leaderPage = await leader.page
		.getByRole('link', { name: leader.who.displayName })
		.getAttribute('href');
	await leader.page.context().close();

	await register(page, person('Zoe'));
	await page.goto(link);
	await expect(page.getByRole('button', { name: 'Unirme a la asociación' })).toBeVisible();
	await expectAccessible(page, 'join page, logged in');

	await page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	await expectAccessible(page, 'association home, member');

	await page.goto(`/a/${association.slug}/members`);
	await expectAccessible(page, 'members, plain member');

	await page.goto(`/a/${association.slug}/audit`);
	await expectAccessible(page, 'audit, plain member');

	expect((await page.goto(leaderPage!))?.status()).toBe(403);
	await expectAccessible(page, '403 page');

	await page.goto(link);
	await expect(page.getByText('Ya eres miembro de esta asociación.')).toBeVisible();
	await expectAccessible(page, 'join page, already a member');
});

test('the drafting pages are accessible: list, live editor with its budget, versions, comparison', async ({
	page
}) => {
	await register(page, person('Yola'));
	const association = await createAssociation(page);
	await page.goto(`/a/${association.slug}/drafts`);
	await expectAccessible(page, 'drafts list, empty');
	await page.getByLabel('Título', { exact: true }).fill('Plan accesible');
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Texto' }).click();
	await page.keyboard.type('Un texto.');
	await page.getByRole('button', { name: 'Agregar una línea' }).click();
	await page.getByLabel('Inversión').fill('Picadora de forraje');
	await page.getByLabel('Precio unitario (Bs)').fill('9.500');
	await page.getByLabel('Precio unitario (Bs)').blur();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await expectAccessible(page, 'live editor with a budget line and warnings');

	const versions = page.getByRole('region', { name: 'Versiones' });
	for (const label of ['Uno', 'Dos']) {
		await versions.getByLabel('Nombre de la versión').fill(label);
		await versions.getByRole('button', { name: 'Guardar una versión' }).click();
		await expect(versions.getByRole('link', { name: new RegExp(`: ${label}$`) })).toBeVisible();
	}
	await versions.getByRole('link', { name: 'Versión 2: Dos' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Versión 2: Dos' })).toBeVisible();
	await expectAccessible(page, 'version page');
	await page.getByRole('button', { name: 'Comparar' }).click();
	await expect(page.getByText('Cambios de', { exact: false })).toBeVisible();
	await expectAccessible(page, 'comparison');
	await page.goto(`/a/${association.slug}/drafts`);
	await expectAccessible(page, 'drafts list');
});

test('the voting pages are accessible: rules, list, new vote, preparation, ballot, result', async ({
	page
}) => {
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const base = `/a/${association.slug}`;
	await page.goto(`${base}/settings`);
	await expectAccessible(page, 'rules');
	await page.goto(`${base}/votes/new`);
	await expectAccessible(page, 'new vote');
	await page.getByLabel('Pregunta o título').fill('¿Compramos el tanque de frío?');
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(page.getByRole('button', { name: 'Abrir ahora' })).toBeVisible();
	await expectAccessible(page, 'vote in preparation');
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('radio', { name: 'Sí' })).toBeVisible();
	await expectAccessible(page, 'ballot');
	await page.getByRole('radio', { name: 'Sí' }).check();
	await page.getByRole('button', { name: 'Votar', exact: true }).click();
	await expectAccessible(page, 'receipt');
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('heading', { name: 'Resultado', exact: true })).toBeVisible();
	await expectAccessible(page, 'result and receipts');
	await page.goto(`${base}/votes`);
	await expectAccessible(page, 'votes list');
});
