// Two instances on one PostgreSQL database behind nginx (scripts/e2e-instances.js): two leaders,
// their live-editing sockets on different instances, co-edit a plan, vote in secret and read the
// same register.
import { expect, test, type Page } from '@playwright/test';
import { createAssociation, createInvitation, newPerson, uniqueId } from '../e2e/helpers';
import { E2E_PORT } from '../e2e/origin';

const instances = process.env.E2E_INSTANCE_PORTS
	? process.env.E2E_INSTANCE_PORTS.split(',').map(Number)
	: [E2E_PORT + 10, E2E_PORT + 20];

/** Open live-editing sockets on each instance, read from each one's /healthz. */
async function socketsPerInstance(page: Page): Promise<number[]> {
	return Promise.all(
		instances.map(async (port) => {
			const r = await page.request.get(`http://127.0.0.1:${port}/healthz`);
			const body = (await r.json()) as { live: { connections: number } | null };
			return body.live?.connections ?? 0;
		})
	);
}

test('two leaders on two instances co-edit live, vote, and see the same register', async ({
	browser
}) => {
	const lidia = await newPerson(browser, 'Lidia');
	const association = await createAssociation(lidia.page);
	const { link } = await createInvitation(lidia.page, association.slug, 'Dirigente');
	const marco = await newPerson(browser, 'Marco');
	await marco.page.goto(link);
	await marco.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(marco.page).toHaveURL(`/a/${association.slug}`);

	// A plan, opened by both: nginx sends each live socket to the instance holding fewer.
	await lidia.page.goto(`/a/${association.slug}/drafts`);
	await lidia.page.getByLabel('Tipo de documento').selectOption({ label: 'Plan de inversiones' });
	await lidia.page.getByLabel('Título', { exact: true }).fill('Plan de ordeño 2027');
	await lidia.page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(lidia.page).toHaveURL(new RegExp(`/a/${association.slug}/drafts/\\d+$`));
	const plan = lidia.page.url();
	const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Guardado' });
	await lidia.page.goto(plan);
	await expect(saved(lidia.page)).toBeVisible();
	await expect
		.poll(async () => (await socketsPerInstance(lidia.page)).reduce((a, b) => a + b))
		.toBe(1);
	await marco.page.goto(plan);
	await expect(saved(marco.page)).toBeVisible();
	await expect.poll(() => socketsPerInstance(lidia.page)).toEqual([1, 1]);

	// Presence and text cross instances both ways.
	const presenceOf = (page: Page) => page.getByRole('region', { name: 'Quién está aquí' });
	await expect(presenceOf(lidia.page)).toContainText(marco.who.displayName);
	await expect(presenceOf(marco.page)).toContainText(lidia.who.displayName);
	const body = (page: Page) => page.getByRole('textbox', { name: 'Texto' });
	await body(lidia.page).click();
	await lidia.page.keyboard.type('Meta: ordeño mecánico.');
	await expect(body(marco.page)).toContainText('Meta: ordeño mecánico.');
	await body(marco.page).click();
	await marco.page.keyboard.press('End');
	await marco.page.keyboard.type(' Dos máquinas.');
	await expect(body(lidia.page)).toContainText('Meta: ordeño mecánico. Dos máquinas.');
	await expect(saved(lidia.page)).toBeVisible();
	await expect(saved(marco.page)).toBeVisible();

	// A secret vote: each casts (page requests spread over both instances), Lidia closes it.
	const title = `¿Compramos las ordeñadoras? ${uniqueId()}`;
	await lidia.page.goto(`/a/${association.slug}/votes`);
	await lidia.page.getByRole('link', { name: 'Nueva votación' }).click();
	await lidia.page.getByLabel('Pregunta o título').fill(title);
	await lidia.page.getByLabel('Voto secreto').check();
	await lidia.page.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(lidia.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await lidia.page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(lidia.page.getByRole('status')).toHaveText('La votación está abierta.');
	const vote = lidia.page.url().split('?')[0];
	const receipts: string[] = [];
	for (const [page, answer] of [
		[lidia.page, 'Sí'],
		[marco.page, 'No']
	] as const) {
		await page.goto(vote);
		await page.getByRole('radio', { name: answer }).check();
		await page.getByRole('button', { name: 'Votar' }).click();
		await expect(page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');
		receipts.push((await page.locator('.receipt .code').textContent())!.trim());
	}
	await lidia.page.goto(vote);
	await expect(lidia.page.getByText('Votaron 2 de 2')).toBeVisible();
	await lidia.page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await lidia.page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(lidia.page.getByRole('heading', { name: 'Resultado', exact: true })).toBeVisible();

	// Both read the same register, from whichever instance answers, and find their receipts.
	for (const [i, page] of [lidia.page, marco.page].entries()) {
		for (let n = 0; n < 2; n++) {
			await page.goto(`/a/${association.slug}/decisions`);
			await expect(page.getByRole('link', { name: title })).toBeVisible();
		}
		await page.goto(vote);
		await expect(page.getByRole('heading', { name: 'Comprobantes contados' })).toBeVisible();
		await page.getByLabel('Tu código de comprobante').fill(receipts[i]);
		await page.getByRole('button', { name: 'Buscar mi comprobante' }).click();
		await expect(
			page.getByText('Tu comprobante está en la lista: tu voto se contó.')
		).toBeVisible();
	}
});
