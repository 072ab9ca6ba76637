import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	register,
	person
} from './helpers';

/** A leader with an association, and a second person who joined it with `role`. */
async function twoPeople(browser: Browser, role: string) {
	const leader = await newPerson(browser, 'Lidia');
	const association = await createAssociation(leader.page);
	const { link } = await createInvitation(leader.page, association.slug, role);
	const other = await newPerson(browser, 'Marco');
	await other.page.goto(link);
	await other.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(other.page).toHaveURL(`/a/${association.slug}`);
	return { leader, other, association };
}

async function createPlan(page: Page, slug: string, title: string): Promise<string> {
	await page.goto(`/a/${slug}/drafts`);
	await page.getByLabel('Tipo de documento').selectOption({ label: 'Plan de inversiones' });
	await page.getByLabel('Título', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page).toHaveURL(new RegExp(`/a/${slug}/drafts/\\d+$`));
	return page.url();
}

async function openEditor(page: Page, url: string) {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: /Guardado|solo lectura/ })).toBeVisible();
}

test('two people write the plan together and see each other’s text, budget and presence', async ({
	browser
}) => {
	const { leader, other, association } = await twoPeople(browser, 'Facilitador/a técnico/a');
	const url = await createPlan(leader.page, association.slug, 'Plan de inversiones 2027');
	await openEditor(leader.page, url);
	await openEditor(other.page, url);

	// Presence: each sees the other.
	const presenceOf = (page: Page) => page.getByRole('region', { name: 'Quién está aquí' });
	await expect(presenceOf(leader.page)).toContainText(other.who.displayName);
	await expect(presenceOf(other.page)).toContainText(leader.who.displayName);

	// Text typed by one appears for the other.
	const body = (page: Page) => page.getByRole('textbox', { name: 'Texto' });
	await body(leader.page).click();
	await leader.page.keyboard.type('Meta: leche enfriada de mejor calidad.');
	await expect(body(other.page)).toContainText('Meta: leche enfriada de mejor calidad.');
	await body(other.page).click();
	await other.page.keyboard.press('End');
	await other.page.keyboard.type(' Con tanque de frío.');
	await expect(body(leader.page)).toContainText('de mejor calidad. Con tanque de frío.');

	// A budget line added by the facilitator totals live for the leader.
	await other.page.getByRole('button', { name: 'Agregar una línea' }).click();
	await other.page.getByLabel('Inversión').fill('Tanque de enfriamiento 2.000 L');
	await other.page.getByLabel('Precio unitario (Bs)').fill('96.000');
	await other.page.getByLabel('Aporte PAR (Bs)').fill('84.000');
	await other.page.getByLabel('Asociación en efectivo (Bs)').fill('12000');
	await other.page.getByLabel('Asociación en efectivo (Bs)').blur();
	await expect(leader.page.getByTestId('budget-total')).toHaveText('Bs 96.000,00');
	await expect(leader.page.getByLabel('Inversión')).toHaveValue('Tanque de enfriamiento 2.000 L');
	await expect(
		leader.page.getByText('La contraparte de la asociación es 12,5 %', { exact: false })
	).toBeVisible();
	await expect(leader.page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();

	// The title is live too, and the list of drafts follows it.
	await expect(other.page.getByLabel('Título', { exact: true })).toHaveValue(
		'Plan de inversiones 2027'
	);
	await other.page
		.getByLabel('Título', { exact: true })
		.fill('Plan de inversiones 2027 (revisado)');
	await expect(leader.page.getByLabel('Título', { exact: true })).toHaveValue(
		'Plan de inversiones 2027 (revisado)'
	);
	const list = await browser.newPage({ storageState: await leader.page.context().storageState() });
	await expect(async () => {
		await list.goto(`/a/${association.slug}/drafts`);
		await expect(
			list.getByRole('link', { name: 'Plan de inversiones 2027 (revisado)' })
		).toBeVisible({ timeout: 500 });
	}).toPass({ timeout: 15_000 });
	await list.close();

	// What was written is stored: a fresh visit shows it.
	await leader.page.reload();
	await expect(body(leader.page)).toContainText('Con tanque de frío.');
	await expect(leader.page.getByTestId('budget-total')).toHaveText('Bs 96.000,00');
});

test('a plain member follows the plan live but cannot write', async ({ browser }) => {
	const { leader, other, association } = await twoPeople(browser, 'Socio/a');
	const url = await createPlan(leader.page, association.slug, 'Plan para mirar');
	// Members find the drafts being written on their association's home page.
	await other.page.goto(`/a/${association.slug}`);
	await other.page
		.getByRole('region', { name: 'Documentos en redacción' })
		.getByRole('link', { name: 'Plan para mirar' })
		.click();
	await expect(other.page).toHaveURL(url);
	await openEditor(leader.page, url);
	await openEditor(other.page, url);
	await expect(
		other.page.getByRole('status').filter({ hasText: 'En vivo · solo lectura' })
	).toBeVisible();

	await leader.page.getByRole('textbox', { name: 'Texto' }).click();
	await leader.page.keyboard.type('Solo los dirigentes escriben aquí.');
	// A member reads the document itself, kept live: no editor, no box to type in.
	await expect(
		other.page.getByRole('article').filter({ hasText: 'Solo los dirigentes escriben aquí.' })
	).toBeVisible();
	await expect(other.page.getByRole('textbox', { name: 'Texto' })).toHaveCount(0);
	await expect(other.page.getByRole('button', { name: 'Agregar una línea' })).toHaveCount(0);
	await expect(other.page.getByLabel('Título', { exact: true })).toHaveCount(0);
	await expect(other.page.getByText('La edición en vivo necesita JavaScript.')).toHaveCount(0);
	await expectAccessible(other.page, 'a member reading a draft live');
});

test('without JavaScript the draft page says live editing needs it', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await register(page, person('Nora'));
	const association = await createAssociation(page);
	const url = await createPlan(page, association.slug, 'Plan sin JavaScript');
	await page.goto(url);
	await expect(page.getByRole('heading', { level: 1, name: 'Plan sin JavaScript' })).toBeVisible();
	await expect(
		page.getByText('La edición en vivo necesita JavaScript.', { exact: false })
	).toBeVisible();
	await context.close();
});
