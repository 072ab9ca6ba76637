import { expect, test } from '@playwright/test';
import { createAssociation, register, person } from './helpers';

test('a version is saved, listed, compared with the next one and frozen for the vote', async ({
	page
}) => {
	await register(page, person('Vilma'));
	const association = await createAssociation(page);
	await page.goto(`/a/${association.slug}/drafts`);
	await page.getByLabel('Título', { exact: true }).fill('Plan 2027');
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	const draftUrl = page.url();

	const body = page.getByRole('textbox', { name: 'Texto' });
	await body.click();
	await page.keyboard.type('Compramos un tanque de frío.');
	await page.getByRole('button', { name: 'Agregar una línea' }).click();
	await page.getByLabel('Inversión').fill('Tanque de enfriamiento');
	await page.getByLabel('Precio unitario (Bs)').fill('96.000');
	await page.getByLabel('Aporte PAR (Bs)').fill('67.200');
	await page.getByLabel('Asociación en efectivo (Bs)').fill('28.800');
	await page.getByLabel('Asociación en efectivo (Bs)').blur();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();

	const versions = page.getByRole('region', { name: 'Versiones' });
	await versions.getByLabel('Nombre de la versión').fill('Primera propuesta');
	await versions.getByRole('button', { name: 'Guardar una versión' }).click();
	await expect(versions.getByRole('status')).toHaveText('Se guardó la versión 1.');
	await expect(versions.getByRole('link', { name: 'Versión 1: Primera propuesta' })).toBeVisible();

	// Change text and budget, then save a second version.
	await body.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(' De 2.000 litros.');
	await page.getByLabel('Precio unitario (Bs)').fill('90.000');
	await page.getByLabel('Aporte PAR (Bs)').fill('63.000');
	await page.getByLabel('Asociación en efectivo (Bs)').fill('27.000');
	await page.getByLabel('Asociación en efectivo (Bs)').blur();
	await expect(page.getByTestId('budget-total')).toHaveText('Bs 90.000,00');
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await versions.getByLabel('Nombre de la versión').fill('Para la asamblea');
	await versions.getByRole('button', { name: 'Guardar una versión' }).click();
	await expect(versions.getByRole('status')).toHaveText('Se guardó la versión 2.');

	// Version 2 shows exactly what was saved, with its fingerprint.
	await versions.getByRole('link', { name: 'Versión 2: Para la asamblea' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Versión 2: Para la asamblea' })
	).toBeVisible();
	await expect(page.getByText('Compramos un tanque de frío. De 2.000 litros.')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Presupuesto' })).toContainText('Bs 90.000,00');
	await expect(page.locator('code')).toHaveText(/^[0-9a-f]{64}$/);

	// Compared with version 1: the added words and the changed amounts.
	await page.getByLabel('Comparar con').selectOption({ label: 'Versión 1: Primera propuesta' });
	await page.getByRole('button', { name: 'Comparar' }).click();
	await expect(
		page.getByText('Cambios de Versión 1: Primera propuesta a Versión 2: Para la asamblea')
	).toBeVisible();
	await expect(page.locator('ins')).toContainText('2.000');
	await expect(page.getByText('Precio unitario (Bs): Bs 96.000,00 → Bs 90.000,00')).toBeVisible();
	await expect(page.getByText('Total: de Bs 96.000,00 a Bs 90.000,00.')).toBeVisible();

	// Frozen for the vote: it says so, and can no longer be frozen again.
	await page.getByRole('checkbox', { name: /queda fija para siempre/ }).check();
	await page.getByRole('button', { name: 'Congelar para votación' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'La versión quedó congelada.' })
	).toBeVisible();
	await expect(page.getByText('Congelada para votación desde', { exact: false })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Congelar para votación' })).toHaveCount(0);
	await page.goto(draftUrl);
	await expect(
		page.getByRole('region', { name: 'Versiones' }).getByText('Congelada', { exact: true })
	).toBeVisible();
});
