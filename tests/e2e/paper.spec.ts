import { expect, test } from '@playwright/test';
import { addMemberWithoutAccount, createAssociation, createInvitation, newPerson } from './helpers';
import { ORIGIN } from './origin';

test('a secret vote in the room: paper ballots for the leader, a WhatsApp link and a preview that says nothing private', async ({
	browser,
	request
}) => {
	const { page } = await newPerson(browser, 'Dirigente');
	const association = await createAssociation(page, 'Papeletas');
	await addMemberWithoutAccount(page, association.slug, 'Felipa Claros');
	await addMemberWithoutAccount(page, association.slug, 'Genaro Vargas');

	await page.goto(`/a/${association.slug}/votes`);
	await page.getByRole('link', { name: 'Nueva votación' }).click();
	await page.getByLabel('Pregunta o título').fill('¿Compramos el tanque de frío?');
	await page.getByLabel('Voto secreto').check();
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('status')).toHaveText('La votación está abierta.');
	const here = page.url().split('?')[0];

	// The share link is a real link to wa.me carrying the message and the vote's address.
	const share = page.getByRole('link', { name: 'Compartir en WhatsApp' });
	const href = await share.getAttribute('href');
	expect(href).toMatch(/^https:\/\/wa\.me\/\?text=/);
	expect(new URL(href!).searchParams.get('text')).toBe(
		`Votación abierta en ${association.name}: «¿Compramos el tanque de frío?». Entra a votar:\n${here}`
	);
	expect((await share.boundingBox())!.height).toBeGreaterThanOrEqual(44);

	// An open vote of a private register: the preview is Minka's, not the vote's.
	const og = (property: string) =>
		page.locator(`meta[property="og:${property}"]`).getAttribute('content');
	expect(await og('title')).toBe('Minka');
	expect(await og('url')).toBe(here);
	expect(await og('type')).toBe('website');
	expect(await og('description')).not.toContain('tanque');
	await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');

	// The leader prints one ballot per elector (three: the leader and two members).
	const link = page.getByRole('link', { name: 'Imprimir papeletas (Oficio)' });
	const pdf = await page.request.get(new URL((await link.getAttribute('href'))!, ORIGIN).href);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

	// Someone without a session gets no ballots.
	const anonymous = await request.get(`${here}/ballots.pdf?paper=carta`, { maxRedirects: 0 });
	expect([302, 303, 403, 404]).toContain(anonymous.status());

	// A plain member may vote but not print the ballots.
	const invitation = await createInvitation(page, association.slug);
	const { page: plain } = await newPerson(browser, 'Socia');
	await plain.goto(invitation.link);
	await plain.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(plain).toHaveURL(`/a/${association.slug}`);
	const refused = await plain.request.get(`${here}/ballots.pdf?paper=carta`);
	expect([403, 404]).toContain(refused.status());
	await plain.goto(here);
	await expect(plain.getByRole('link', { name: /Imprimir papeletas/ })).toHaveCount(0);
	await expect(plain.getByRole('link', { name: 'Compartir en WhatsApp' })).toBeVisible();

	// The register is public (the default): the home and the money page preview say what they are.
	const home = await (await request.get(`/a/${association.slug}`)).text();
	expect(home).toMatch(new RegExp(`<meta property="og:title" content="${association.name}"`));
	expect(home).toContain('leche · Punata, Cochabamba: las decisiones, votaciones y cuentas');
	const money = await (await request.get(`/a/${association.slug}/money`)).text();
	expect(money).toContain(`content="¿En qué se gastó la plata? · ${association.name}"`);
	expect(money).toContain('https://wa.me/?text=');
});

test('a called assembly: the poster, the attendance sheet and a WhatsApp link with the call', async ({
	browser
}) => {
	const { page } = await newPerson(browser, 'Dirigente');
	const association = await createAssociation(page, 'Afiche');
	await page.goto(`/a/${association.slug}/assemblies`);
	await page.getByRole('link', { name: 'Convocar una asamblea' }).click();
	const local = new Date(Date.now() + 26 * 60 * 60 * 1000 - 4 * 60 * 60 * 1000).toISOString();
	await page.getByLabel('Fecha').fill(local.slice(0, 10));
	await page.getByLabel('Hora de la primera convocatoria').fill(local.slice(11, 16));
	await page.getByLabel('Lugar').fill('Sede de Chillijchi');
	await page.getByRole('button', { name: 'Convocar' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Asamblea convocada. Agreguen los puntos a decidir.'
	);
	const here = page.url().split('?')[0];

	const text = new URL(
		(await page.getByRole('link', { name: 'Compartir en WhatsApp' }).getAttribute('href'))!
	).searchParams.get('text')!;
	expect(text).toContain(`${association.name} convoca a asamblea:`);
	expect(text).toContain(`a las ${local.slice(11, 16)}, en Sede de Chillijchi.`);
	expect(text.endsWith(`\n${here}`)).toBe(true);
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Minka');

	for (const name of [
		'Afiche de la convocatoria (Carta)',
		'Lista de asistencia en blanco (Oficio)'
	]) {
		const href = await page.getByRole('link', { name }).getAttribute('href');
		const pdf = await page.request.get(new URL(href!, ORIGIN).href);
		expect(pdf.status()).toBe(200);
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	}
});
