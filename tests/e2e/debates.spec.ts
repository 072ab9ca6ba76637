import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	watchErrors
} from './helpers';

/** A leader with an association, and a member who joined it by invitation. */
async function leaderAndMember(browser: Browser) {
	const leader = await newPerson(browser, 'Justina');
	const association = await createAssociation(leader.page);
	const { link } = await createInvitation(leader.page, association.slug, 'Socio/a');
	const member = await newPerson(browser, 'Eusebio');
	await member.page.goto(link);
	await member.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(member.page).toHaveURL(`/a/${association.slug}`);
	return { leader, member, association };
}

/** The same person in a new browser context without JavaScript. */
async function withoutJavaScript(browser: Browser, page: Page): Promise<Page> {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState()
	});
	return context.newPage();
}

async function openDebate(page: Page, slug: string, title: string): Promise<string> {
	await page.goto(`/a/${slug}/debates`);
	const form = page.getByRole('region', { name: 'Abrir un debate' });
	await form.getByLabel('Tema del debate').fill(title);
	await form.getByRole('button', { name: 'Abrir el debate' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return page.url();
}

async function publish(page: Page, stance: string, text: string) {
	const form = page.getByRole('region', { name: 'Dar tu opinión' });
	await form.getByLabel('Tu posición').selectOption({ label: stance });
	await form.getByLabel('Tu mensaje').fill(text);
	await form.getByRole('button', { name: 'Publicar' }).click();
}

const postBy = (page: Page, name: string) =>
	page.getByRole('article', { name: new RegExp(`Mensaje de ${name}`) });

test('a post by one person appears for another within seconds, without reloading', async ({
	browser
}) => {
	const { leader, member, association } = await leaderAndMember(browser);
	const url = await openDebate(
		leader.page,
		association.slug,
		'¿Subimos la multa por inasistencia a la asamblea?'
	);
	await member.page.goto(`/a/${association.slug}/debates`);
	await member.page
		.getByRole('link', { name: '¿Subimos la multa por inasistencia a la asamblea?' })
		.click();
	await expect(member.page).toHaveURL(url);
	await expect(member.page.getByText('Nadie escribió todavía.', { exact: false })).toBeVisible();

	await publish(leader.page, 'En contra', 'Con Bs 30 ya cuesta. **No** subamos.');
	await expect(postBy(leader.page, leader.who.displayName)).toContainText('ya cuesta');

	// Arrives by itself, marked as new, in the shape of the argument too.
	const arrived = postBy(member.page, leader.who.displayName);
	await expect(arrived).toContainText('Con Bs 30 ya cuesta. No subamos.', { timeout: 10_000 });
	await expect(arrived.locator('strong', { hasText: 'No' })).toBeVisible();
	await expect(arrived.getByText('Nuevo', { exact: true })).toBeVisible();
	await expect(member.page.getByText('A favor: 0 · En contra: 1')).toBeVisible();

	// And the other way round, with a reply.
	await arrived.getByText('Responder').click();
	await arrived.getByLabel('Tu respuesta').fill('Pero muchos no vienen.');
	await arrived.getByRole('button', { name: 'Enviar la respuesta' }).click();
	await expect(
		postBy(leader.page, member.who.displayName).filter({ hasText: 'Pero muchos no vienen.' })
	).toBeVisible({ timeout: 10_000 });
	await leader.page.context().close();
	await member.page.context().close();
});

test('without JavaScript people post, reply, support and a leader hides with a reason', async ({
	browser
}) => {
	const { leader, member, association } = await leaderAndMember(browser);
	const url = await openDebate(leader.page, association.slug, 'Horario del acopio');
	const ana = await withoutJavaScript(browser, member.page);
	const lidia = await withoutJavaScript(browser, leader.page);

	await ana.goto(url);
	await publish(ana, 'A favor', 'Acopio a las 6 de la mañana, antes del calor.');
	const anaPost = postBy(ana, member.who.displayName);
	await expect(anaPost).toContainText('antes del calor');
	// A correction within the window: marked as edited, the earlier words kept.
	await anaPost.getByText('Corregir mi mensaje').click();
	await anaPost.getByLabel('Tu mensaje').fill('Acopio a las 6:30 de la mañana, antes del calor.');
	await anaPost.getByRole('button', { name: 'Guardar la corrección' }).click();
	await expect(postBy(ana, member.who.displayName)).toContainText('editado');
	await postBy(ana, member.who.displayName).getByText('Ver lo que decía antes').click();
	await expect(postBy(ana, member.who.displayName)).toContainText(
		'Acopio a las 6 de la mañana, antes del calor.'
	);

	await lidia.goto(url);
	const seen = postBy(lidia, member.who.displayName);
	await expect(seen.getByText('Nuevo', { exact: true })).toBeVisible();
	await seen.getByRole('button', { name: 'Apoyar' }).click();
	await expect(postBy(lidia, member.who.displayName).getByText('Apoyos: 1')).toBeVisible();
	await expect(
		postBy(lidia, member.who.displayName).getByRole('button', { name: 'Quitar mi apoyo' })
	).toBeVisible();

	// Replying needs the details element, which works without JavaScript.
	await postBy(lidia, member.who.displayName).getByText('Responder').click();
	await postBy(lidia, member.who.displayName).getByLabel('Tu respuesta').fill('De acuerdo.');
	await postBy(lidia, member.who.displayName)
		.getByRole('button', { name: 'Enviar la respuesta' })
		.click();
	await expect(postBy(lidia, leader.who.displayName)).toContainText('De acuerdo.');

	// An empty post is refused with a message, and nothing is written.
	await publish(ana, 'En contra', '   ');
	await expect(ana.getByRole('alert')).toContainText('Revisa los campos marcados.');

	await publish(ana, 'En contra', 'Texto ofensivo');
	await lidia.goto(url);
	const offensive = postBy(lidia, member.who.displayName).filter({ hasText: 'Texto ofensivo' });
	await offensive.getByText('Ocultar este mensaje').click();
	await offensive.getByLabel('Motivo').fill('Insulta a una socia');
	await offensive.getByRole('button', { name: 'Ocultar con este motivo' }).click();

	await ana.goto(url);
	await expect(
		ana.getByText(`Mensaje ocultado por ${leader.who.displayName}. Motivo: Insulta a una socia`)
	).toBeVisible();
	await lidia.goto(`/a/${association.slug}/audit`);
	await expect(lidia.getByText('Insulta a una socia', { exact: false })).toBeVisible();
	for (const page of [leader.page, member.page, ana, lidia]) await page.context().close();
});

test('an amendment accepted by the draft’s editor changes the live text', async ({ browser }) => {
	const { leader, member, association } = await leaderAndMember(browser);
	await leader.page.goto(`/a/${association.slug}/drafts`);
	await leader.page
		.getByLabel('Tipo de documento')
		.selectOption({ label: 'Reglamento o estatuto' });
	await leader.page.getByLabel('Título', { exact: true }).fill('Reglamento interno');
	await leader.page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(leader.page).toHaveURL(new RegExp(`/a/${association.slug}/drafts/\\d+$`));
	const url = leader.page.url();
	const text = leader.page.getByRole('textbox', { name: 'Texto' });
	await text.click();
	await leader.page.keyboard.type('El socio que falte pagará Bs 30 de multa.');
	await expect(leader.page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();

	// The member proposes without JavaScript.
	const eusebio = await withoutJavaScript(browser, member.page);
	await eusebio.goto(url);
	const amend = eusebio.getByRole('region', { name: 'Proponer un cambio al texto' });
	await amend.getByLabel('Lo que dice ahora (cópialo tal cual)').fill('pagará Bs 30');
	await amend.getByLabel('Cómo debería decir').fill('pagará Bs 40');
	await amend.getByLabel('¿Por qué?').fill('Bs 30 no alcanza para que vengan.');
	await amend.getByRole('button', { name: 'Proponer el cambio' }).click();
	await expect(postBy(eusebio, member.who.displayName)).toContainText('Pendiente');
	// Without JavaScript too, the quoted words are marked in the text as being discussed.
	await expect(eusebio.getByTitle('Se está debatiendo esta parte')).toHaveText('pagará Bs 30');

	// The leader, editor open, sees it arrive and accepts it: the live text changes.
	const proposal = postBy(leader.page, member.who.displayName);
	await expect(proposal).toContainText('pagará Bs 40', { timeout: 10_000 });
	// The quoted words are marked in the editor as being discussed.
	await expect(leader.page.getByTitle('Se está debatiendo esta parte')).toHaveText('pagará Bs 30');
	await proposal.getByRole('button', { name: 'Aceptar el cambio en el texto' }).click();
	await expect(postBy(leader.page, member.who.displayName)).toContainText('Aceptada');
	await expect(leader.page.getByRole('textbox', { name: 'Texto' })).toContainText(
		'El socio que falte pagará Bs 40 de multa.'
	);
	await eusebio.goto(url);
	await expect(eusebio.getByText('El socio que falte pagará Bs 40 de multa.')).toBeVisible();
	for (const page of [leader.page, member.page, eusebio]) await page.context().close();
});

test('debate pages are accessible and break no rule of the CSP', async ({ browser }) => {
	const { leader, member, association } = await leaderAndMember(browser);
	const leaderErrors = watchErrors(leader.page);
	const memberErrors = watchErrors(member.page);
	const url = await openDebate(leader.page, association.slug, 'Horario de las asambleas');
	await publish(leader.page, 'Pregunta', '¿Domingo por la tarde?\n- a las 14:00\n- a las 16:00');
	await member.page.goto(url);
	await publish(member.page, 'En contra', 'Mejor el sábado, con **todas** las comunidades.');
	await leader.page.goto(url);
	const post = postBy(leader.page, member.who.displayName);
	await post.getByText('Ocultar este mensaje').click();
	await post.getByLabel('Motivo').fill('Prueba de moderación');
	await post.getByRole('button', { name: 'Ocultar con este motivo' }).click();
	await expect(leader.page.getByText('Motivo: Prueba de moderación')).toBeVisible();
	await member.page.goto(url);
	await member.page.getByText('Responder').first().click();
	await expectAccessible(member.page, 'a debate, as a member, reply form open');
	await expectAccessible(leader.page, 'a debate, as a leader');
	await leader.page.goto(`/a/${association.slug}/debates`);
	await expectAccessible(leader.page, 'the list of debates');

	await leader.page.goto(`/a/${association.slug}/drafts`);
	await leader.page
		.getByLabel('Tipo de documento')
		.selectOption({ label: 'Reglamento o estatuto' });
	await leader.page.getByLabel('Título', { exact: true }).fill('Reglamento');
	await leader.page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(leader.page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await publish(leader.page, 'A favor', 'Empecemos por el quórum.');
	await expect(postBy(leader.page, leader.who.displayName)).toBeVisible();
	await expectAccessible(leader.page, 'a draft with its debate');
	expect([...leaderErrors, ...memberErrors]).toEqual([]);
	for (const page of [leader.page, member.page]) await page.context().close();
});
