import { expect, test } from '@playwright/test';
import {
	addMemberWithoutAccount,
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	person,
	register,
	watchErrors
} from './helpers';

/** A date in Bolivia (UTC−4), `days` from today, as a date field takes it. */
function boliviaDay(days: number): string {
	return new Date(Date.now() - 4 * 60 * 60 * 1000 + days * 24 * 60 * 60 * 1000)
		.toISOString()
		.slice(0, 10);
}

test('the treasurer splits the counterpart and records a labour day; a household in arrears is left out of a new vote, which says why', async ({
	browser,
	page
}) => {
	const errors = watchErrors(page);
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const base = `/a/${association.slug}`;
	const { link } = await createInvitation(page, association.slug, 'Socio/a');
	const { page: treasurer, who: german } = await newPerson(browser, 'Germán');
	const treasurerErrors = watchErrors(treasurer);
	await treasurer.goto(link);
	await treasurer.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(treasurer).toHaveURL(base);

	await page.goto(`${base}/members`);
	await page.getByRole('link', { name: german.displayName }).click();
	// The member's own page, loaded, before its selects are set (a select set on the list page
	// while it navigates is lost, and the role saved unchanged).
	await expect(page).toHaveURL(new RegExp(`${base}/members/\\d+`));
	await expect(page.getByRole('heading', { level: 1, name: german.displayName })).toBeVisible();
	await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Dirigente' });
	await page.getByLabel('Cargo en la directiva').selectOption({ label: 'Tesorero/a' });
	await page.getByRole('button', { name: 'Guardar rol y cargo' }).click();
	await expect(page.getByRole('status')).toHaveText('El rol se guardó.');
	await expect(page.getByLabel('Cargo en la directiva')).toHaveValue(/tesorer/);
	await addMemberWithoutAccount(page, association.slug, 'Hilda Choque');
	await addMemberWithoutAccount(page, association.slug, 'Teodoro Montaño');

	// The reglamento's Art. 24: a household in arrears is not habilitado.
	await page.goto(`${base}/settings`);
	await page
		.getByLabel('Un hogar en mora con la contraparte no está habilitado para votar')
		.check();
	await page.getByRole('button', { name: 'Guardar las reglas' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Las reglas fueron guardadas.');

	// The treasurer writes the assembly's split: one jornal each, due yesterday.
	await treasurer.goto(`${base}/money`);
	await treasurer.getByRole('link', { name: 'Contraparte por familia' }).click();
	await expect(
		treasurer.getByRole('heading', { level: 1, name: 'Contraparte por familia' })
	).toBeVisible();
	const split = treasurer.getByRole('region', { name: 'Contraparte acordada por hogar' });
	await split.getByLabel('Vence el').fill(boliviaDay(-1));
	await split.getByLabel('Acordado en').fill('Acta Nº 3/2026, punto 4');
	await split.getByLabel('Jornales de Hilda Choque').fill('1');
	await split.getByLabel('Jornales de Teodoro Montaño').fill('1');
	await split.getByRole('button', { name: 'Guardar la contraparte' }).click();
	await expect(treasurer.getByRole('status')).toHaveText('Contraparte guardada.');
	const card = (name: string) =>
		treasurer
			.getByRole('region', { name: 'Hogares' })
			.getByRole('listitem')
			.filter({ has: treasurer.getByRole('heading', { name }) });
	await expect(card('Hilda Choque')).toContainText('En mora');
	await expect(card('Teodoro Montaño')).toContainText('En mora');

	// Teodoro works his jornal, with Hilda as witness; his own name is no witness for him.
	const labour = treasurer.getByRole('region', { name: 'Registrar jornales trabajados' });
	await labour.getByLabel('Hogar').selectOption({ label: 'Teodoro Montaño' });
	await labour.getByLabel('Jornales', { exact: true }).fill('1');
	await labour.getByLabel('Qué se hizo').fill('Adobe para la sala de acopio');
	await labour.getByLabel('Testigo').selectOption({ label: 'Teodoro Montaño' });
	await labour.getByLabel(/queda para siempre/).check();
	await labour.getByRole('button', { name: 'Registrar jornales' }).click();
	await expect(labour.getByText('El testigo debe ser de otro hogar.')).toBeVisible();
	await labour.getByLabel('Testigo').selectOption({ label: 'Hilda Choque' });
	await labour.getByLabel(/queda para siempre/).check();
	await labour.getByRole('button', { name: 'Registrar jornales' }).click();
	await expect(treasurer.getByRole('status')).toHaveText('Jornales registrados.');
	await expect(card('Teodoro Montaño')).toContainText('Al día');
	await expect(card('Hilda Choque')).toContainText('En mora');
	await expect(treasurer.getByRole('region', { name: 'Jornales registrados' })).toContainText(
		'testigo: Hilda Choque'
	);
	await expectAccessible(treasurer, 'the counterpart page');

	// A new vote leaves Hilda's household out, and says why.
	await page.goto(`${base}/votes`);
	await page.getByRole('link', { name: 'Nueva votación' }).click();
	await page.getByLabel('Pregunta o título').fill('¿Compramos el tanque de frío?');
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('status')).toHaveText('La votación está abierta.');
	const excluded = page.getByRole('region', {
		name: '1 hogar no habilitado por mora en la contraparte'
	});
	await expect(excluded).toBeVisible();
	await expect(excluded).toContainText('Hilda Choque');
	await expect(excluded).not.toContainText('Teodoro Montaño');
	// Justina, Germán and Teodoro: three habilitados.
	await expect(page.getByText('3 habilitados')).toBeVisible();
	await expectAccessible(page, 'the vote page with a household left out');

	// Closed, its register entry says it too (the count, not the names: the register is public).
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('heading', { name: 'Resultado', exact: true })).toBeVisible();
	await page.goto(`${base}/decisions/1`);
	await expect(
		page.getByText('1 hogar no estuvo habilitado por mora en la contraparte.')
	).toBeVisible();
	await expect(page.getByText('1 hogares (1 personas), por mora en la contraparte')).toBeVisible();

	expect(errors).toEqual([]);
	expect(treasurerErrors).toEqual([]);
	await treasurer.context().close();
});
