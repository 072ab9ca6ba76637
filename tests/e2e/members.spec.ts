import { expect, test } from '@playwright/test';
import {
	addMemberWithoutAccount,
	createAssociation,
	createInvitation,
	fillRegister,
	invitationLink,
	memberEntry,
	membersList,
	person,
	register,
	uniqueId
} from './helpers';

test('a leader registers a member without account, who counts on the home page', async ({
	page
}) => {
	await register(page, person('Fabi'));
	const association = await createAssociation(page);
	const name = `Gregoria Mamani ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, name);

	const entry = memberEntry(page, name);
	await expect(entry).toHaveCount(1);
	await expect(entry.getByText('Sin cuenta', { exact: true })).toBeVisible();
	await expect(entry.getByText('Socio/a', { exact: true })).toBeVisible();

	await page
		.getByRole('navigation', { name: 'Secciones de la asociación' })
		.getByRole('link', { name: 'Inicio' })
		.click();
	await expect(
		page.getByText('2 miembros activos, 2 con derecho a voto, 1 sin cuenta en Minka.')
	).toBeVisible();
});

test('the last leader can neither step down nor leave, and is told why', async ({ page }) => {
	const fabi = person('Fabi');
	await register(page, fabi);
	const association = await createAssociation(page);
	await page.goto(`/a/${association.slug}/members`);
	await page.getByRole('link', { name: fabi.displayName }).click();
	await expect(page.getByRole('heading', { level: 1, name: fabi.displayName })).toBeVisible();
	const ownPage = page.url();

	const lastLeader =
		'La asociación debe tener siempre al menos un dirigente activo con cuenta. Nombra primero a otro dirigente.';
	await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Socio/a' });
	await page.getByRole('button', { name: 'Guardar rol y cargo' }).click();
	await expect(page.getByRole('alert')).toHaveText(lastLeader);

	await page.goto(ownPage);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.getByRole('button', { name: 'Retirar de la asociación' }).click();
	await expect(page.getByRole('alert')).toHaveText(lastLeader);

	await page.goto(ownPage);
	await page.getByRole('button', { name: 'Suspender' }).click();
	await expect(page.getByRole('alert')).toHaveText(lastLeader);

	// Nothing changed: still the president of an association they still belong to.
	await page.goto(`/a/${association.slug}/members`);
	await expect(
		memberEntry(page, fabi.displayName).getByText('Dirigente · Presidente/a')
	).toBeVisible();
	await expect(memberEntry(page, fabi.displayName).getByText('Suspendido/a')).toHaveCount(0);
});

test('a leader suspends and reactivates a member', async ({ page }) => {
	await register(page, person('Hugo'));
	const association = await createAssociation(page);
	const name = `Irma Quispe ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, name);

	await page.getByRole('link', { name }).click();
	await page.getByRole('button', { name: 'Suspender' }).click();
	await expect(page.getByRole('status')).toHaveText('El miembro quedó suspendido.');
	await expect(page.getByText('Suspendido/a', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Suspender' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Volver a los miembros' }).click();
	await expect(memberEntry(page, name).getByText('Suspendido/a', { exact: true })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Secciones de la asociación' })
		.getByRole('link', { name: 'Inicio' })
		.click();
	await expect(
		page.getByText('1 miembros activos, 1 con derecho a voto, 0 sin cuenta en Minka.')
	).toBeVisible();

	await page.goto(`/a/${association.slug}/members`);
	await page.getByRole('link', { name }).click();
	await page.getByRole('button', { name: 'Reactivar' }).click();
	await expect(page.getByRole('status')).toHaveText('El miembro fue reactivado.');
	await expect(page.getByRole('button', { name: 'Suspender' })).toBeVisible();

	await page.goto(`/a/${association.slug}/members`);
	await expect(memberEntry(page, name)).toHaveCount(1);
	await expect(memberEntry(page, name).getByText('Suspendido/a')).toHaveCount(0);
});

test('a personal invitation links a new account to a member registered without one', async ({
	page,
	browser
}) => {
	await register(page, person('Juana'));
	const association = await createAssociation(page);
	const name = `Lucía Condori ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, name);
	await page.getByRole('link', { name }).click();
	await page.getByRole('button', { name: 'Crear invitación personal' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Invitación personal para ${name}` })
	).toBeVisible();
	const link = await invitationLink(page, association.slug);

	const phone = await browser.newContext();
	const lucia = await phone.newPage();
	const account = person('Lu');
	await lucia.goto(link);
	await expect(lucia.getByText(`Esta invitación es para ${name}`)).toBeVisible();
	await lucia.getByRole('main').getByRole('link', { name: 'Crear cuenta' }).click();
	await fillRegister(lucia, account);
	await expect(lucia).toHaveURL(link);
	await lucia.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(lucia).toHaveURL(`/a/${association.slug}`);
	await phone.close();

	await page.goto(`/a/${association.slug}/members`);
	const entry = memberEntry(page, name);
	await expect(entry).toHaveCount(1);
	await expect(entry.getByText('Sin cuenta')).toHaveCount(0);
	await expect(entry.getByText(`@${account.username}`)).toBeVisible();
	// The account did not add a second person: the member keeps the name the leader registered.
	await expect(membersList(page).getByText(account.displayName)).toHaveCount(0);
	await expect(membersList(page).getByRole('listitem')).toHaveCount(2);

	await page.goto(`/a/${association.slug}/audit`);
	await expect(
		page.getByText(`${account.displayName} vinculó su cuenta al registro de ${name}.`)
	).toBeVisible();
});

test('a leader corrects a member’s details, and a second presidente/a is refused', async ({
	page
}) => {
	const lead = person('Olivia');
	await register(page, lead);
	const association = await createAssociation(page);
	const name = `Remigio Flores ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, name);

	await page.getByRole('link', { name }).click();
	// The list has a "Comunidad" field too: wait for the member's page before typing.
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await page.getByLabel('Comunidad (opcional)').fill('Tiraque');
	await page.getByRole('button', { name: 'Guardar los datos' }).click();
	await expect(page.getByRole('status')).toHaveText('Los datos se guardaron.');

	await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Dirigente' });
	await page.getByLabel('Cargo en la directiva').selectOption({ label: 'Presidente/a' });
	await page.getByRole('button', { name: 'Guardar rol y cargo' }).click();
	await expect(
		page.getByText(`Ese cargo ya lo ocupa ${lead.displayName}.`, { exact: false })
	).toBeVisible();

	await page.goto(`/a/${association.slug}/members`);
	const entry = memberEntry(page, name);
	await expect(entry.getByText('Tiraque')).toBeVisible();
	await expect(entry.getByText('Socio/a', { exact: true })).toBeVisible();
});

test('a removed member who opens the standing invitation comes back only when a leader accepts', async ({
	browser,
	page
}) => {
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const { link } = await createInvitation(page, association.slug);
	const gonzalo = person('Gonzalo');
	const his = await (await browser.newContext()).newPage();
	await register(his, gonzalo);
	await his.goto(link);
	await his.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(his).toHaveURL(`/a/${association.slug}`);

	await page.goto(`/a/${association.slug}/members`);
	await page.getByRole('link', { name: gonzalo.displayName }).click();
	await page.getByRole('button', { name: 'Retirar de la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}/members`);
	await expect(memberEntry(page, gonzalo.displayName)).toHaveCount(0);

	// The same link, still open: he asks, and waits.
	await his.goto(link);
	await his.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(his.getByRole('status')).toHaveText(
		/tu pedido para volver fue enviado a la directiva/
	);
	await his.goto(`/a/${association.slug}/members`);
	await expect(membersList(his)).toHaveCount(0);
	await his.goto(link);
	await expect(his.getByRole('status')).toHaveText(/tu pedido para volver fue enviado/);
	await expect(his.getByRole('button', { name: 'Unirme a la asociación' })).toHaveCount(0);

	await page.goto(`/a/${association.slug}/members`);
	const requests = page.getByRole('region', { name: 'Pedidos para volver' });
	await expect(requests).toContainText(`@${gonzalo.username}`);
	await requests.getByRole('button', { name: `Aceptar que ${gonzalo.displayName} vuelva` }).click();
	await expect(page.getByRole('status')).toHaveText(
		`${gonzalo.displayName} volvió a la asociación.`
	);
	await expect(memberEntry(page, gonzalo.displayName)).toHaveCount(1);
	await page.goto(`/a/${association.slug}/audit`);
	await expect(page.getByText(/pidió volver a la asociación como Socio\/a/)).toBeVisible();
	await expect(
		page.getByText(`aceptó que ${gonzalo.displayName} vuelva a la asociación`)
	).toBeVisible();

	await his.goto(`/a/${association.slug}/members`);
	await expect(memberEntry(his, gonzalo.displayName)).toHaveCount(1);
	await his.context().close();
});
