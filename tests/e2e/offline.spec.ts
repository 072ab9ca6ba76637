import { expect, test, type Browser, type Page } from '@playwright/test';
import { createAssociation, createInvitation, newPerson } from './helpers';

async function twoEditors(browser: Browser) {
	const leader = await newPerson(browser, 'Ofelia');
	const association = await createAssociation(leader.page);
	const { link } = await createInvitation(leader.page, association.slug, 'Dirigente');
	const other = await newPerson(browser, 'Pascual');
	await other.page.goto(link);
	await other.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(other.page).toHaveURL(`/a/${association.slug}`);
	await leader.page.goto(`/a/${association.slug}/drafts`);
	await leader.page
		.getByLabel('Tipo de documento')
		.selectOption({ label: 'Reglamento o estatuto' });
	await leader.page.getByLabel('Título', { exact: true }).fill('Reglamento de asambleas');
	await leader.page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(leader.page).toHaveURL(new RegExp(`/a/${association.slug}/drafts/\\d+$`));
	await other.page.goto(leader.page.url());
	for (const page of [leader.page, other.page]) {
		await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	}
	return { leader, other };
}

const body = (page: Page) => page.getByRole('textbox', { name: 'Texto' });

/** How many updates the browser's offline copy of a document (y-indexeddb) holds. */
function offlineUpdates(page: Page, database: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open(name);
				open.onerror = () => resolve(0);
				open.onsuccess = () => {
					const idb = open.result;
					if (!idb.objectStoreNames.contains('updates')) return resolve(0);
					const count = idb.transaction('updates').objectStore('updates').count();
					count.onerror = () => resolve(0);
					count.onsuccess = () => {
						resolve(count.result);
						idb.close();
					};
				};
			}),
		database
	);
}

test('someone who loses the connection keeps writing, and both texts merge on reconnection', async ({
	browser
}) => {
	const { leader, other } = await twoEditors(browser);
	await body(leader.page).click();
	await leader.page.keyboard.type('Artículo 1. La asamblea ordinaria se reúne cada mes.');
	await expect(body(other.page)).toContainText('se reúne cada mes.');

	await other.page.context().setOffline(true);
	await expect(other.page.getByRole('status').filter({ hasText: 'Sin conexión' })).toBeVisible();
	await body(other.page).click();
	await other.page.keyboard.press('Control+End');
	await other.page.keyboard.press('Enter');
	await other.page.keyboard.type('Artículo 2. La multa por inasistencia es de Bs 50.');
	await body(leader.page).click();
	await leader.page.keyboard.press('Control+End');
	await leader.page.keyboard.press('Enter');
	await leader.page.keyboard.type('Artículo 3. Las cuotas se pagan en tres partes.');
	await expect(body(leader.page)).not.toContainText('Artículo 2');

	await other.page.context().setOffline(false);
	for (const page of [leader.page, other.page]) {
		await expect(body(page)).toContainText('Artículo 2. La multa por inasistencia es de Bs 50.', {
			timeout: 20_000
		});
		await expect(body(page)).toContainText('Artículo 3. Las cuotas se pagan en tres partes.');
		await expect(body(page)).toContainText('Artículo 1. La asamblea ordinaria se reúne cada mes.');
	}
	await expect(other.page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible({
		timeout: 15_000
	});
});

test('what was typed offline survives closing the page, and reaches the others later', async ({
	browser
}) => {
	const { leader, other } = await twoEditors(browser);
	const url = other.page.url();
	await other.page.context().setOffline(true);
	await expect(other.page.getByRole('status').filter({ hasText: 'Sin conexión' })).toBeVisible();
	const database = `minka-draft-${url.split('/').pop()}`;
	const before = await offlineUpdates(other.page, database);
	const text = 'Escrito sin señal, en el campo.';
	await body(other.page).click();
	await other.page.keyboard.type(text);
	await expect(body(other.page)).toContainText(text);
	// The page is closed only once the device's copy holds every keystroke (one update each).
	await expect
		.poll(() => offlineUpdates(other.page, database))
		.toBeGreaterThanOrEqual(before + text.length);
	await other.page.close();

	await other.page.context().setOffline(false);
	const again = await other.page.context().newPage();
	await again.goto(url);
	await expect(body(again)).toContainText('Escrito sin señal, en el campo.');
	await expect(body(leader.page)).toContainText('Escrito sin señal, en el campo.', {
		timeout: 15_000
	});
});
