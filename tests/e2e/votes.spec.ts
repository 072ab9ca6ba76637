import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	addMemberWithoutAccount,
	createAssociation,
	createInvitation,
	person,
	register,
	uniqueId,
	type Association
} from './helpers';
import { ORIGIN } from './origin';

/** A registered person who joined `association` through a fresh invitation, in their own context. */
async function member(
	browser: Browser,
	leader: Page,
	association: Association,
	name: string,
	options: { javaScriptEnabled?: boolean; role?: string } = {}
) {
	const { link } = await createInvitation(leader, association.slug, options.role);
	const context = await browser.newContext({
		javaScriptEnabled: options.javaScriptEnabled ?? true
	});
	const page = await context.newPage();
	const who = person(name);
	await register(page, who);
	await page.goto(link);
	await page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	return { page, who };
}

/** The vote page's own address, without the query an act leaves (`?/cast`, `?done=…`). */
function votePage(page: Page): string {
	return page.url().split('?')[0];
}

/** As a leader: a yes/no question, created and opened; returns the vote page's URL. */
async function openQuestion(page: Page, slug: string, title: string, secret: boolean) {
	await page.goto(`/a/${slug}/votes`);
	await page.getByRole('link', { name: 'Nueva votación' }).click();
	await page.getByLabel('Pregunta o título').fill(title);
	const box = page.getByLabel('Voto secreto');
	if (secret) await box.check();
	else await box.uncheck();
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('status')).toHaveText('La votación está abierta.');
	// Post, redirect, get: the address is the vote's own, so reloading repeats nothing.
	await expect(page).toHaveURL(/\/votes\/\d+\?done=opened$/);
	return votePage(page);
}

/** As a leader: convenes an assembly an hour ahead, checks `present` in and installs it. */
async function installAssembly(page: Page, slug: string, present: string[]) {
	await page.goto(`/a/${slug}/assemblies`);
	await page.getByRole('link', { name: 'Convocar una asamblea' }).click();
	const local = new Date(Date.now() + 60 * 60 * 1000 - 4 * 60 * 60 * 1000).toISOString();
	await page.getByLabel('Fecha').fill(local.slice(0, 10));
	await page.getByLabel('Hora de la primera convocatoria').fill(local.slice(11, 16));
	await page.getByLabel('Lugar').fill('Sede de Chillijchi');
	await page.getByRole('button', { name: 'Convocar' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Asamblea convocada. Agreguen los puntos a decidir.'
	);
	const assemblyUrl = page.url().split('?')[0];
	await page.goto(`${assemblyUrl}/attendance`);
	const quorum = page.getByRole('region', { name: 'Quórum' }).getByRole('status');
	for (const [i, name] of present.entries()) {
		await page.getByRole('button', { name: `Presente: ${name}` }).click();
		await expect(quorum).toHaveText(new RegExp(`: ${i + 1} de `));
	}
	await page.goto(assemblyUrl);
	await page
		.getByLabel(/Motivo para instalar antes de la hora/)
		.fill('Todos llegaron antes de la hora');
	await page.getByRole('checkbox', { name: /la asamblea queda instalada/ }).check();
	await page.getByRole('button', { name: 'Instalar la asamblea' }).click();
	await expect(page.getByRole('status').first()).toHaveText('La asamblea está en sesión.');
}

test('a secret motion without JavaScript: final ballot, receipt, nothing shown before the close', async ({
	browser,
	page
}) => {
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const hilda = await member(browser, page, association, 'Hilda', { javaScriptEnabled: false });
	const title = `¿Compramos el tanque de frío? ${uniqueId()}`;
	const url = await openQuestion(page, association.slug, title, true);

	await hilda.page.goto(`/a/${association.slug}/votes`);
	await hilda.page.getByRole('link', { name: title }).click();
	await expect(hilda.page.getByText('Votaron 0 de 2')).toBeVisible();
	await expect(hilda.page.getByText('Una vez enviado, no se puede cambiar.')).toBeVisible();
	await hilda.page.getByRole('radio', { name: 'Sí' }).check();
	await hilda.page.getByRole('button', { name: 'Votar' }).click();
	await expect(hilda.page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');
	const receipt = (await hilda.page.locator('.receipt .code').textContent())!.trim();
	expect(receipt).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
	await hilda.page.goto(hilda.page.url());
	await expect(hilda.page.getByText('Ya votaste en esta votación.')).toBeVisible();
	await expect(hilda.page.getByRole('button', { name: 'Votar' })).toHaveCount(0);

	// The leader sees who has voted, not what: no result until the close, not even in page data.
	await page.goto(url);
	await expect(page.getByText('Votaron 1 de 2')).toBeVisible();
	await expect(
		page.getByText('El resultado de un voto secreto se conoce recién al cierre.')
	).toBeVisible();
	const data = await page.request.get(`${url}/__data.json`);
	expect(data.status()).toBe(200);
	expect(await data.text()).not.toMatch(/"answer"|"yes"|"counts"/);
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('heading', { name: 'Resultado', exact: true })).toBeVisible();

	// Hilda finds her receipt among the counted ones; a wrong code is not there.
	await hilda.page.goto(url);
	await expect(hilda.page.getByRole('heading', { name: 'Comprobantes contados' })).toBeVisible();
	await hilda.page.getByLabel('Tu código de comprobante').fill(receipt.toLowerCase());
	await hilda.page.getByRole('button', { name: 'Buscar mi comprobante' }).click();
	await expect(
		hilda.page.getByText('Tu comprobante está en la lista: tu voto se contó.')
	).toBeVisible();
	await hilda.page.getByLabel('Tu código de comprobante').fill('AAAA-BBBB-CCCC-DDDD');
	await hilda.page.getByRole('button', { name: 'Buscar mi comprobante' }).click();
	await expect(hilda.page.getByText('Ese código no está en la lista.')).toBeVisible();
	await hilda.page.context().close();
});

test('a budget vote on a frozen plan: a running total, a refusal over the budget, both results', async ({
	browser,
	page
}) => {
	await register(page, person('Patricia'));
	const association = await createAssociation(page);
	const voter = await member(browser, page, association, 'Rolando');

	// A plan with two lines, saved as a version and frozen.
	await page.goto(`/a/${association.slug}/drafts`);
	await page.getByLabel('Título', { exact: true }).fill('Plan 2027');
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	for (const [title, cost] of [
		['Tanque de enfriamiento', '96.000'],
		['Semilla de alfalfa', '40.000']
	]) {
		await page.getByRole('button', { name: 'Agregar una línea' }).click();
		await page.getByLabel('Inversión').last().fill(title);
		await page.getByLabel('Precio unitario (Bs)').last().fill(cost);
		await page.getByLabel('Aporte PAR (Bs)').last().fill(cost);
		await page.getByLabel('Aporte PAR (Bs)').last().blur();
	}
	await expect(page.getByTestId('budget-total')).toHaveText('Bs 136.000,00');
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	const versions = page.getByRole('region', { name: 'Versiones' });
	await versions.getByLabel('Nombre de la versión').fill('Para votar');
	await versions.getByRole('button', { name: 'Guardar una versión' }).click();
	await versions.getByRole('link', { name: 'Versión 1: Para votar' }).click();
	await page.getByRole('checkbox', { name: /queda fija para siempre/ }).check();
	await page.getByRole('button', { name: 'Congelar para votación' }).click();
	await page.getByRole('link', { name: 'Poner esta versión a votación' }).click();

	await page.getByLabel('Presupuesto disponible (Bs)').fill('100.000');
	await page.getByLabel('Voto secreto').uncheck();
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Plan 2027' })).toBeVisible();
	await expect(page.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	const url = votePage(page);

	// The voter's page runs only the small ballot script: the total follows the ticks.
	await voter.page.goto(url);
	await voter.page.getByRole('checkbox', { name: /Tanque de enfriamiento/ }).check();
	await expect(voter.page.locator('output')).toHaveText('Bs 96.000,00');
	await voter.page.getByRole('checkbox', { name: /Semilla de alfalfa/ }).check();
	await expect(
		voter.page.getByText('Te pasaste del presupuesto: quita alguna línea antes de votar.')
	).toBeVisible();
	await expect(voter.page.getByRole('button', { name: 'Votar' })).toBeDisabled();
	await voter.page.getByRole('checkbox', { name: /Tanque de enfriamiento/ }).uncheck();
	await voter.page.getByRole('button', { name: 'Votar' }).click();
	await expect(voter.page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');

	// The server refuses what the script would stop: the leader posts over the budget by hand.
	await page.goto(url);
	const names = await page
		.getByRole('group', { name: /Marca las líneas que apruebas/ })
		.getByRole('checkbox')
		.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).name));
	expect(names).toHaveLength(2);
	const response = await page.request.post(`${url}?/cast`, {
		form: Object.fromEntries(names.map((name) => [name, 'on'])),
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	const body = await response.text();
	expect(response.status()).toBe(400);
	expect(body).toContain('pasa el presupuesto por Bs 36.000,00');

	await page.reload();
	await page.getByRole('checkbox', { name: /Semilla de alfalfa/ }).check();
	await page.getByRole('button', { name: 'Votar' }).click();
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('Semilla de alfalfa');
	await expect(result).toContainText('Reparto en partes iguales');
	await voter.page.context().close();
});

test('hiring a technician: candidates, the committee table, ranked ballots and the runoff rounds', async ({
	browser,
	page
}) => {
	await register(page, person('Roxana'));
	const association = await createAssociation(page);
	const voters = [];
	for (const name of ['Teodoro', 'Norma', 'Jhonny'])
		voters.push(await member(browser, page, association, name));

	await page.goto(`/a/${association.slug}/drafts`);
	await page.getByLabel('Tipo de documento').selectOption({ label: 'Términos de referencia' });
	await page.getByLabel('Título', { exact: true }).fill('Técnico lechero');
	await page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	const versions = page.getByRole('region', { name: 'Versiones' });
	await versions.getByLabel('Nombre de la versión').fill('TdR');
	await versions.getByRole('button', { name: 'Guardar una versión' }).click();
	await versions.getByRole('link', { name: 'Versión 1: TdR' }).click();
	await page.getByRole('checkbox', { name: /queda fija para siempre/ }).check();
	await page.getByRole('button', { name: 'Congelar para votación' }).click();
	await page.getByRole('link', { name: 'Poner esta versión a votación' }).click();
	await page.getByLabel('Pregunta o título').fill('Contratación del técnico');
	await page
		.getByLabel('Forma de votar')
		.selectOption({ label: 'Por orden de preferencia (segunda vuelta instantánea)' });
	await page.getByRole('button', { name: 'Crear la votación' }).click();

	for (const [name, fee] of [
		['Efraín Colque', '5.500'],
		['Rubén Claros', '7.000'],
		['Carla Villarroel', '6.500']
	]) {
		await page.getByLabel('Nombre del candidato').fill(name);
		await page.getByLabel('Honorario mensual (Bs)').fill(fee);
		await page.getByRole('button', { name: 'Agregar candidato' }).click();
		await expect(page.getByRole('status')).toHaveText('Opción agregada.');
	}
	await page.getByLabel('Criterio', { exact: true }).fill('Experiencia en lechería');
	await page.getByLabel('Peso (%)').fill('60');
	await page.getByRole('button', { name: 'Agregar criterio' }).click();
	await page.getByLabel('Criterio', { exact: true }).fill('Quechua');
	await page.getByLabel('Peso (%)').fill('40');
	await page.getByRole('button', { name: 'Agregar criterio' }).click();
	await page.getByText('Mis calificaciones', { exact: true }).click();
	const scores = page.locator('form[action="?/scores"]');
	for (const [i, candidate] of ['Efraín Colque', 'Rubén Claros', 'Carla Villarroel'].entries()) {
		const group = scores.getByRole('group', { name: candidate });
		await group.getByLabel('Experiencia en lechería').selectOption(String(9 - i));
		await group.getByLabel('Quechua').selectOption(String(10 - 2 * i));
	}
	await page.getByRole('button', { name: 'Guardar mis calificaciones' }).click();
	await expect(page.getByRole('status')).toHaveText('Se guardaron 6 calificaciones.');
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	const url = votePage(page);

	// Carla leads on first preferences but Efraín wins once her supporters' second choices move.
	const rankings = [
		['Carla Villarroel', 'Efraín Colque'],
		['Rubén Claros', 'Efraín Colque'],
		['Efraín Colque', 'Carla Villarroel']
	];
	for (const [i, voter] of voters.entries()) {
		await voter.page.goto(url);
		await expect(voter.page.getByRole('table')).toContainText('Experiencia en lechería');
		for (const [rank, name] of rankings[i].entries())
			await voter.page
				.getByLabel(name, { exact: true })
				.selectOption({ label: `Preferencia ${rank + 1}` });
		await voter.page.getByRole('button', { name: 'Votar' }).click();
		await expect(voter.page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');
	}
	await page.goto(url);
	await page
		.getByLabel('Carla Villarroel', { exact: true })
		.selectOption({ label: 'Preferencia 1' });
	await page.getByRole('button', { name: 'Votar' }).click();
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('Ronda 2');
	for (const voter of voters) await voter.page.context().close();
});

test('in the room: a hand count that does not add up is refused; a second leader confirms it', async ({
	browser,
	page
}) => {
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const second = await member(browser, page, association, 'Roxana', { role: 'Dirigente' });
	await addMemberWithoutAccount(page, association.slug, `Felipa Claros ${uniqueId()}`);

	await page.goto(`/a/${association.slug}/votes/new`);
	const title = `Informe del tesorero ${uniqueId()}`;
	await page.getByLabel('Pregunta o título').fill(title);
	await page.getByLabel('Voto secreto').uncheck();
	await page.getByLabel('Se decide a mano alzada en la asamblea').check();
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	const url = votePage(page);

	await page.getByLabel('Presentes', { exact: true }).fill('3');
	await page.getByLabel('Manos por «Sí»').fill('2');
	await page.getByLabel('Manos por «No»').fill('0');
	await page.getByLabel('Manos por «Abstención»').fill('0');
	await page.getByRole('button', { name: 'Anotar el conteo' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Las manos suman 2, pero hay 3 presentes y representados. Vuelvan a contar.'
	);
	await page.getByLabel('Manos por «Abstención»').fill('1');
	await page.getByRole('button', { name: 'Anotar el conteo' }).click();
	await expect(page.getByText('Otro dirigente debe confirmar este conteo.')).toBeVisible();

	await second.page.goto(url);
	await second.page.getByRole('button', { name: 'Confirmar el conteo y cerrar' }).click();
	await expect(second.page.getByRole('status').first()).toHaveText(
		'Conteo confirmado. La votación está cerrada.'
	);
	const result = second.page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('Contado a mano alzada');
	await expect(result).toContainText('Aprobada');
	await second.page.context().close();
});

test('in the room: a carta poder and an assisted ballot, each recorded as such', async ({
	browser,
	page
}) => {
	const leader = person('Roxana');
	await register(page, leader);
	const association = await createAssociation(page);
	const hilda = await member(browser, page, association, 'Hilda', { javaScriptEnabled: false });
	const felipa = `Felipa Claros ${uniqueId()}`;
	const vicenta = `Vicenta Coca ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, felipa);
	await addMemberWithoutAccount(page, association.slug, vicenta);
	const title = `Cuota de contraparte ${uniqueId()}`;
	const url = await openQuestion(page, association.slug, title, false);

	// Vicenta is travelling: Hilda carries her carta poder.
	await page.getByLabel('Miembro ausente').selectOption({ label: vicenta });
	await page
		.getByLabel('Quien lleva la carta poder')
		.selectOption({ label: hilda.who.displayName });
	await page.getByRole('button', { name: 'Registrar la carta poder' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Carta poder registrada.');
	await expect(page.getByText(`${hilda.who.displayName} vota por ${vicenta}`)).toBeVisible();

	await hilda.page.goto(url);
	const proxyBallot = hilda.page.getByRole('region', {
		name: `Votar por ${vicenta} (carta poder)`
	});
	await proxyBallot.getByRole('radio', { name: 'No' }).check();
	await proxyBallot.getByRole('button', { name: `Votar por ${vicenta}` }).click();
	await expect(hilda.page.getByRole('status').first()).toHaveText(
		'El voto por carta poder fue registrado.'
	);
	await hilda.page
		.getByRole('region', { name: 'Tu voto' })
		.getByRole('radio', { name: 'Sí' })
		.check();
	await hilda.page.getByRole('button', { name: 'Votar', exact: true }).click();
	await expect(hilda.page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');

	// Felipa has no phone: the leader marks her ballot, with Hilda as witness, in the assembly
	// where both are present (outside one, it is refused).
	await page.goto(url);
	const assisted = page.locator('form', { has: page.getByLabel('Miembro que vota') });
	await assisted.getByLabel('Miembro que vota').selectOption({ label: felipa });
	await assisted.getByLabel('Testigo').selectOption({ label: hilda.who.displayName });
	await assisted.getByRole('radio', { name: 'Sí' }).check();
	await assisted.getByRole('button', { name: 'Registrar el voto asistido' }).click();
	await expect(assisted.getByRole('alert')).toHaveText(
		'Un voto asistido se marca en la asamblea instalada, para un miembro que está presente (registrado en la asistencia).'
	);
	await expect(page.getByText('Votaron 2 de 4')).toBeVisible();
	await installAssembly(page, association.slug, [
		leader.displayName,
		hilda.who.displayName,
		felipa
	]);
	await page.goto(url);
	await assisted.getByLabel('Miembro que vota').selectOption({ label: felipa });
	await assisted.getByLabel('Testigo').selectOption({ label: hilda.who.displayName });
	await assisted.getByRole('radio', { name: 'Sí' }).check();
	await assisted.getByRole('button', { name: 'Registrar el voto asistido' }).click();
	await expect(page.getByRole('status').first()).toHaveText('El voto asistido fue registrado.');
	await expect(page.getByText('Votaron 3 de 4')).toBeVisible();

	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('Aprobada');
	await page.goto(`/a/${association.slug}/audit`);
	await expect(page.getByText(/registró una carta poder/)).toBeVisible();
	await expect(page.getByText(/registró un voto asistido, con testigo/)).toBeVisible();
	await hilda.page.context().close();
});
