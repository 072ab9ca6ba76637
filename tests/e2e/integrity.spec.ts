import { expect, test, type Page } from '@playwright/test';
import { createAssociation, login, person, register } from './helpers';
import { ORIGIN } from './origin';

/** As a leader: a yes/no question, created and opened; returns the vote page's URL. */
async function openQuestion(page: Page, slug: string, title: string) {
	await page.goto(`/a/${slug}/votes/new`);
	await page.getByLabel('Pregunta o título').fill(title);
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('status')).toHaveText('La votación está abierta.');
	return page.url().split('?')[0];
}

test('closing or cancelling a vote asks first, with the consequence in words, without JavaScript too', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const leader = person('Benigna');
	await register(page, leader);
	const association = await createAssociation(page);
	const url = await openQuestion(page, association.slug, '¿Compramos la picadora?');

	const closeBox = page.getByRole('checkbox', {
		name: 'Entiendo que la votación se cierra ahora con 0 de 1 votos y que nadie más podrá votar.'
	});
	await expect(closeBox).toBeVisible();
	await expect(
		page.getByRole('checkbox', {
			name: 'Entiendo que la votación se anula para siempre y que los votos emitidos no se contarán.'
		})
	).toBeVisible();
	// One tap is not enough: the browser asks for the box…
	const before = page.url();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page).toHaveURL(before);
	await expect(page.getByRole('button', { name: 'Cerrar la votación ahora' })).toBeVisible();
	// …and the server refuses a form sent without it, whatever sent it.
	for (const action of ['close', 'cancel']) {
		const response = await page.request.post(`${url}?/${action}`, {
			form: { _form: action },
			headers: { origin: ORIGIN, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('Marca la casilla para confirmar');
	}
	await page.reload();
	await expect(page.getByRole('button', { name: 'Cerrar la votación ahora' })).toBeVisible();
	await closeBox.check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('status').first()).toHaveText('La votación está cerrada.');
	await context.close();
});

test('a removed budget line comes back with «Deshacer», for every co-editor; amounts say their limit', async ({
	browser,
	page
}) => {
	const leader = person('Eusebia');
	await register(page, leader);
	const association = await createAssociation(page);
	await page.goto(`/a/${association.slug}/drafts`);
	await page.getByLabel('Título', { exact: true }).fill('Plan 2028');
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await page.getByRole('button', { name: 'Agregar una línea' }).click();
	await page.getByLabel('Inversión').last().fill('Picadora de forraje');
	const price = page.getByLabel('Precio unitario (Bs)').last();
	await price.fill('12.000');
	await price.blur();
	await expect(page.getByTestId('budget-total')).toHaveText('Bs 12.000,00');

	// Nonsense is refused in words, with the limit, and changes nothing.
	await price.fill('-300');
	await price.blur();
	await expect(page.getByText('El precio no puede ser negativo.')).toBeVisible();
	await price.fill('99999999999999999');
	await price.blur();
	await expect(page.getByText('Máximo Bs 100.000.000,00.')).toBeVisible();
	await expect(page.getByTestId('budget-total')).toHaveText('Bs 12.000,00');
	await price.fill('12.000');
	await price.blur();

	// A second window of the same author sees the line, then its removal and its return.
	const other = await (await browser.newContext()).newPage();
	await login(other, leader);
	await other.goto(page.url());
	const line = (p: Page) => p.getByRole('heading', { name: /Picadora de forraje/ });
	await expect(line(other)).toBeVisible();
	await page.getByRole('button', { name: 'Quitar la línea' }).click();
	await expect(line(other)).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'Quitaste la línea' })).toContainText(
		'Picadora de forraje'
	);
	await page.getByRole('button', { name: 'Deshacer' }).click();
	await expect(line(other)).toBeVisible();
	await expect(other.getByTestId('budget-total')).toHaveText('Bs 12.000,00');
	// Ctrl+Z brings it back as well, once the focus has left the fields.
	await page.getByRole('button', { name: 'Quitar la línea' }).click();
	await expect(line(other)).toHaveCount(0);
	await page.keyboard.press('ControlOrMeta+z');
	await expect(line(other)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Quitaste la línea' })).toHaveCount(0);
	await other.context().close();
});
