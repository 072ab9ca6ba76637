import { expect, test } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	login,
	memberEntry,
	membersList,
	newPerson,
	person,
	register
} from './helpers';

test('an anonymous visitor is sent to log in, and comes back to the members after', async ({
	page
}) => {
	const leader = person('Mario');
	await register(page, leader);
	const association = await createAssociation(page);
	await page.context().clearCookies();

	const response = await page.goto(`/a/${association.slug}/members`);
	expect(response?.status()).toBe(200);
	await expect(page).toHaveURL(
		`/login?next=${encodeURIComponent(`/a/${association.slug}/members`)}`
	);
	await expect(page.getByRole('heading', { level: 1, name: 'Entrar' })).toBeVisible();
	await expect(membersList(page)).toHaveCount(0);

	await login(page, leader, false);
	await expect(page).toHaveURL(`/a/${association.slug}/members`);
	await expect(memberEntry(page, leader.displayName)).toHaveCount(1);
});

test('a logged-in stranger gets the 403 page on the members list', async ({ page, browser }) => {
	await register(page, person('Nora'));
	const association = await createAssociation(page);

	const stranger = await newPerson(browser, 'Oscar');
	const response = await stranger.page.goto(`/a/${association.slug}/members`);
	expect(response?.status()).toBe(403);
	await expect(
		stranger.page.getByRole('heading', { level: 1, name: 'No tienes permiso' })
	).toBeVisible();
	await expect(stranger.page.getByText('No tienes permiso para hacer esto.')).toBeVisible();
	await expect(membersList(stranger.page)).toHaveCount(0);

	// The audit log is private too; the public home page is not.
	expect((await stranger.page.goto(`/a/${association.slug}/audit`))?.status()).toBe(403);
	expect((await stranger.page.goto(`/a/${association.slug}`))?.status()).toBe(200);
	await expect(
		stranger.page.getByText('Estás viendo la página pública de la asociación.')
	).toBeVisible();
	await stranger.page.context().close();
});

test('a plain member sees the list but no management, and gets 403 on a member page', async ({
	page,
	browser
}) => {
	const leader = person('Pablo');
	await register(page, leader);
	const association = await createAssociation(page);
	const { link } = await createInvitation(page, association.slug);
	await page.goto(`/a/${association.slug}/members`);
	const leaderPage = await page
		.getByRole('link', { name: leader.displayName })
		.getAttribute('href');
	expect(leaderPage).toMatch(new RegExp(`^/a/${association.slug}/members/\\d+$`));

	const member = await newPerson(browser, 'Quispe');
	await member.page.goto(link);
	await member.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(member.page).toHaveURL(`/a/${association.slug}`);

	await member.page.goto(`/a/${association.slug}/members`);
	await expect(memberEntry(member.page, leader.displayName)).toHaveCount(1);
	await expect(memberEntry(member.page, member.who.displayName)).toHaveCount(1);
	await expect(membersList(member.page).getByRole('link')).toHaveCount(0);
	await expect(member.page.getByRole('heading', { name: 'Invitar a la asociación' })).toHaveCount(
		0
	);
	await expect(
		member.page.getByRole('heading', { name: 'Registrar a un socio sin cuenta' })
	).toHaveCount(0);
	const main = member.page.getByRole('main');
	for (const role of ['button', 'textbox', 'combobox', 'spinbutton'] as const) {
		await expect(main.getByRole(role)).toHaveCount(0);
	}
	// Usernames are for leaders only.
	await expect(member.page.getByText(`@${leader.username}`)).toHaveCount(0);

	const response = await member.page.goto(leaderPage!);
	expect(response?.status()).toBe(403);
	await expect(
		member.page.getByRole('heading', { level: 1, name: 'No tienes permiso' })
	).toBeVisible();
	await expect(member.page.getByRole('button', { name: 'Guardar rol y cargo' })).toHaveCount(0);
	await member.page.context().close();
});

test('an unknown association shows the 404 page with a heading and a way home', async ({
	page
}) => {
	const response = await page.goto('/a/no-existe-esta-asociacion');
	expect(response?.status()).toBe(404);
	await expect(
		page.getByRole('heading', { level: 1, name: 'No encontramos esta página' })
	).toBeVisible();
	await expect(page.getByText('No existe una asociación con esa dirección.')).toBeVisible();
	await page.getByRole('link', { name: 'Volver al inicio' }).click();
	await expect(page).toHaveURL('/');
});
