import { expect, test } from '@playwright/test';
import { createAssociation, createInvitation, fillRegister, person, register } from './helpers';

test('a leader invites a neighbour who joins, becomes secretary, and both see it in the log', async ({
	browser
}) => {
	const leaderContext = await browser.newContext();
	const leader = await leaderContext.newPage();
	const ana = person('Ana');
	await register(leader, ana);
	const association = await createAssociation(leader);
	const { link } = await createInvitation(leader, association.slug);

	// The newcomer, on their own phone, opens the link and has no account yet.
	const newcomerContext = await browser.newContext();
	const newcomer = await newcomerContext.newPage();
	const bea = person('Bea');
	await newcomer.goto(link);
	await expect(
		newcomer.getByRole('heading', { level: 1, name: `Unirse a ${association.name}` })
	).toBeVisible();
	await expect(newcomer.getByText('Te invitan a unirte como Socio/a.')).toBeVisible();
	await newcomer.getByRole('main').getByRole('link', { name: 'Crear cuenta' }).click();
	await expect(newcomer).toHaveURL(/\/register\?next=/);
	await fillRegister(newcomer, bea);

	// Registering brings them back to the invitation, now with the join button.
	await expect(newcomer).toHaveURL(link);
	await newcomer.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(newcomer).toHaveURL(`/a/${association.slug}`);
	await expect(newcomer.getByRole('main').getByText('Socio/a', { exact: true })).toBeVisible();

	// The leader finds the newcomer in the list and makes them secretary.
	await leader.goto(`/a/${association.slug}/members`);
	await leader.getByRole('link', { name: bea.displayName }).click();
	await expect(leader.getByRole('heading', { level: 1, name: bea.displayName })).toBeVisible();
	await leader.getByLabel('Rol', { exact: true }).selectOption({ label: 'Dirigente' });
	await leader.getByLabel('Cargo en la directiva').selectOption({ label: 'Secretario/a de actas' });
	await leader.getByRole('button', { name: 'Guardar rol y cargo' }).click();
	await expect(leader.getByRole('status')).toHaveText('El rol se guardó.');

	const sentence = `${ana.displayName} cambió el rol de ${bea.displayName} a Dirigente · Secretario/a de actas.`;
	for (const page of [leader, newcomer]) {
		await page.goto(`/a/${association.slug}/audit`);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Registro de actividad' })
		).toBeVisible();
		await expect(page.getByRole('listitem').filter({ hasText: sentence })).toHaveCount(1);
	}

	// The newcomer now sits on the board and carries the new role.
	await newcomer.goto(`/a/${association.slug}`);
	const board = newcomer.getByRole('region', { name: 'Directiva' });
	await expect(board.getByText(bea.displayName)).toBeVisible();
	await expect(
		newcomer.getByText('Dirigente · Secretario/a de actas', { exact: true })
	).toBeVisible();

	await leaderContext.close();
	await newcomerContext.close();
});
