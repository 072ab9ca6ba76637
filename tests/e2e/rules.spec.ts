// The association changes its own rules by its own vote (issue 15): once it has a decision, the
// rules page proposes a change instead of saving it; the assembly votes it by hand count; the next
// assembly's quorum follows the new rule.
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	addMemberWithoutAccount,
	createAssociation,
	createInvitation,
	expectAccessible,
	person,
	register,
	uniqueId,
	watchErrors,
	type Association
} from './helpers';
import { ORIGIN } from './origin';

async function secondLeader(browser: Browser, leader: Page, association: Association) {
	const { link } = await createInvitation(leader, association.slug, 'Dirigente');
	const page = await (await browser.newContext()).newPage();
	const who = person('Roxana');
	await register(page, who);
	await page.goto(link);
	await page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	return { page, who };
}

/** Today's date and a clock time `hours` ahead, in Bolivian time (UTC−4). */
function ahead(hours: number): { date: string; time: string } {
	const local = new Date(Date.now() + hours * 60 * 60 * 1000 - 4 * 60 * 60 * 1000).toISOString();
	return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function point(page: Page, title: string) {
	return page.getByRole('region', { name: new RegExp(`^\\d+\\. ${title}$`) });
}

async function convene(page: Page, slug: string, hours: number): Promise<string> {
	await page.goto(`/a/${slug}/assemblies/new`);
	const when = ahead(hours);
	await page.getByLabel('Fecha').fill(when.date);
	await page.getByLabel('Hora de la primera convocatoria').fill(when.time);
	await page.getByLabel('Lugar').fill('Sede de Chillijchi');
	await page.getByRole('button', { name: 'Convocar' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Asamblea convocada. Agreguen los puntos a decidir.'
	);
	return page.url().split('?')[0];
}

test('a change of the second-call quorum is proposed, voted by hand count in the assembly, and in force on the next assembly', async ({
	browser,
	page
}) => {
	test.setTimeout(120_000);
	const errors = watchErrors(page);
	const leader = person('Justina');
	await register(page, leader);
	const association = await createAssociation(page);
	const second = await secondLeader(browser, page, association);
	const id = uniqueId();
	const people = ['Felipa Claros', 'Genaro Vargas', 'Hilda Choque', 'Ismael Rocha'].map(
		(n) => `${n} ${id}`
	);
	for (const name of people) await addMemberWithoutAccount(page, association.slug, name);

	// A first decision: from now on, the rules change by vote.
	await page.goto(`/a/${association.slug}/decisions/new`);
	await page.getByLabel('Título').fill('Reglamento interno');
	await page.getByLabel('Qué se acordó').fill('Se aprueba el reglamento.');
	await page.getByRole('button', { name: 'Guardar en el registro' }).click();
	await expect(page).toHaveURL(/\/decisions\/1\?done=recorded$/);

	// The old form is refused: a leader cannot change the rules alone.
	const refused = await page.request.post(`/a/${association.slug}/settings?/save`, {
		form: { quorum_second_call: 'present', second_call_wait: '30' },
		headers: { origin: ORIGIN, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const body = await refused.json();
	expect(body.type).toBe('failure');
	expect(body.status).toBe(409);
	expect(body.data).toContain('Las reglas ya no se cambian directamente');

	// The assembly, installed with everyone present: six electors, second call needs 2 (a third).
	const assemblyUrl = await convene(page, association.slug, 1);
	const add = page.getByRole('region', { name: 'Agregar un punto al orden del día' });
	await add.getByLabel('Punto', { exact: true }).fill('Reforma del quórum');
	await add.getByRole('button', { name: 'Agregar el punto' }).click();
	await expect(point(page, 'Reforma del quórum')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Quórum', exact: true })).toContainText(
		/Segunda convocatoria \(desde las \d\d:\d\d\): se necesitan 2\./
	);
	await page.goto(`${assemblyUrl}/attendance`);
	for (const name of [leader.displayName, second.who.displayName, ...people])
		await page.getByRole('button', { name: `Presente: ${name}` }).click();
	await expect(
		page.getByRole('region', { name: 'Quórum', exact: true }).getByRole('status')
	).toHaveText('✔ Hay quórum: 6 de 6, se necesitan 4.');
	await page.goto(assemblyUrl);
	await page
		.getByLabel(/Motivo para instalar antes de la hora/)
		.fill('Todos llegaron antes de la hora');
	await page.getByRole('checkbox', { name: /la asamblea queda instalada/ }).check();
	await page.getByRole('button', { name: 'Instalar la asamblea' }).click();
	await expect(page.getByRole('status').first()).toHaveText('La asamblea está en sesión.');

	// The rules page proposes: the rule in force, the proposed one, the article.
	await page.goto(`/a/${association.slug}/settings`);
	await expect(page.getByRole('button', { name: 'Guardar las reglas' })).toHaveCount(0);
	await expectAccessible(page, 'rule change proposal');
	const quorum = page.getByLabel('Quórum en segunda convocatoria', { exact: true });
	await expect(page.getByText('Vigente: Un tercio')).toBeVisible();
	await quorum.selectOption({ label: 'Mitad más uno' });
	await page
		.getByLabel('Artículo del reglamento (Quórum en segunda convocatoria), si lo dice')
		.fill('Art. 14');
	await page.getByLabel('Se votará en la asamblea, a mano alzada').check();
	await page.getByRole('button', { name: 'Proponer el cambio' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Cambio de reglas: Quórum en segunda convocatoria'
	);
	const changes = page.getByRole('region', { name: 'Qué reglas cambia' });
	await expectAccessible(page, 'rule change vote');
	await expect(changes).toContainText(
		'Quórum en segunda convocatoria: Un tercio → Mitad más uno (Art. 14)'
	);
	// A second proposal on the same rule while this one is pending is refused.
	await page.goto(`/a/${association.slug}/settings`);
	await page
		.getByLabel('Quórum en segunda convocatoria', { exact: true })
		.selectOption({ label: 'Un cuarto' });
	await page.getByRole('button', { name: 'Proponer el cambio' }).click();
	await expect(page.getByRole('alert').first()).toContainText(
		'ya está en otra propuesta que no se ha decidido'
	);

	// In the assembly: the point takes the prepared vote, which opens for a hand count.
	await page.goto(assemblyUrl);
	const reform = point(page, 'Reforma del quórum');
	await reform
		.getByLabel('O decidir con una votación ya preparada')
		.selectOption({ label: 'Cambio de reglas: Quórum en segunda convocatoria' });
	await reform.getByRole('button', { name: 'Unir la votación' }).click();
	await point(page, 'Reforma del quórum')
		.getByRole('link', { name: 'Prepararla y abrirla' })
		.click();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await page.goto(assemblyUrl);
	const open = point(page, 'Reforma del quórum');
	await open.getByLabel('Manos por «Sí»').fill('5');
	await open.getByLabel('Manos por «No»').fill('1');
	await open.getByLabel('Manos por «Abstención»').fill('0');
	await open.getByRole('button', { name: 'Anotar el conteo' }).click();
	await expect(point(page, 'Reforma del quórum')).toContainText(
		'Otro dirigente debe confirmar este conteo.'
	);
	await second.page.goto(assemblyUrl);
	await point(second.page, 'Reforma del quórum')
		.getByRole('button', { name: 'Confirmar el conteo y cerrar' })
		.click();
	await expect(point(second.page, 'Reforma del quórum')).toContainText(
		'Las reglas cambiadas rigen desde el punto siguiente de esta asamblea.'
	);
	await second.page.getByRole('checkbox', { name: /la asamblea termina/ }).check();
	await second.page.getByRole('button', { name: 'Terminar la asamblea' }).click();
	await expect(second.page.getByRole('status').first()).toHaveText(
		'La asamblea terminó. El acta ya tiene número.'
	);

	// The register shows the rule before and after.
	await page.goto(`/a/${association.slug}/decisions/2`);
	await expect(page.getByRole('term').filter({ hasText: 'Reglas cambiadas' })).toBeVisible();
	await expectAccessible(page, 'decision changing the rules');
	await expect(
		page.getByRole('listitem').filter({
			hasText: /^Quórum en segunda convocatoria: Un tercio → Mitad más uno \(Art\. 14\)$/
		})
	).toBeVisible();
	await expect(
		page
			.getByRole('definition')
			.filter({ hasText: /^Quiénes votan/ })
			.last()
	).toContainText('Quórum en segunda convocatoria: Mitad más uno');

	// The next assembly's quorum line follows the new rule: half plus one of six at second call.
	await convene(page, association.slug, 48);
	await expect(page.getByRole('region', { name: 'Quórum', exact: true })).toContainText(
		/Segunda convocatoria \(desde las \d\d:\d\d\): se necesitan 4\./
	);
	await page.goto(`/a/${association.slug}/settings`);
	await expect(page.getByText('Vigente: Mitad más uno · Art. 14')).toBeVisible();
	// The statute page, from the association's sections (no text voted in force yet here).
	await page
		.getByRole('navigation', { name: 'Secciones de la asociación' })
		.getByRole('link', { name: 'Estatuto' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Estatuto y reglamento en vigor'
	);
	await expectAccessible(page, 'statute');
	// The only error is the refusal of the second proposal, on purpose.
	expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
});
