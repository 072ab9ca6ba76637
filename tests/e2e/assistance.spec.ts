// Technical assistance on a phone: the leader draws the contract from a closed hiring vote, logs
// a visit to two households, one household confirms it without JavaScript and the other denies
// it, and the visit is shown as denied, never as done; a household answers the survey without
// JavaScript; the committee approves a delivered report and the treasurer pays it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	expectPhoneFit,
	openCashBox,
	person,
	register,
	seatMember,
	type Association
} from './helpers';

async function member(
	browser: Browser,
	leader: Page,
	association: Association,
	name: string,
	javaScriptEnabled = true
) {
	const { link } = await createInvitation(leader, association.slug);
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	const who = person(name);
	await register(page, who);
	await page.goto(link);
	await page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	return { page, who };
}

/** The first day of last month, in Bolivia (UTC−4). */
function lastMonth(): string {
	const now = new Date(Date.now() - 4 * 60 * 60 * 1000);
	const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
	return d.toISOString().slice(0, 10);
}

test('the contract from a closed hiring vote, a visit logged, one household confirms and another denies, the survey, the treasurer pays an approved deliverable', async ({
	browser,
	page
}) => {
	// Four pages checked by axe on top of a long journey.
	test.setTimeout(120_000);
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const norma = await member(browser, page, association, 'Norma', false);
	const teodoro = await member(browser, page, association, 'Teodoro');

	// The hiring vote: terms of reference frozen, two candidates, ranked ballots, closed.
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
		['Rubén Claros', '7.000']
	]) {
		await page.getByLabel('Nombre del candidato').fill(name);
		await page.getByLabel('Honorario mensual (Bs)').fill(fee);
		await page.getByRole('button', { name: 'Agregar candidato' }).click();
		await expect(page.getByRole('status')).toHaveText('Opción agregada.');
	}
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	const vote = page.url().split('?')[0];
	for (const voter of [norma, teodoro]) {
		await voter.page.goto(vote);
		await voter.page
			.getByLabel('Efraín Colque', { exact: true })
			.selectOption({ label: 'Preferencia 1' });
		await voter.page.getByRole('button', { name: 'Votar' }).click();
		await expect(voter.page.getByRole('status').first()).toHaveText('Tu voto fue registrado.');
	}
	await page.goto(vote);
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('region', { name: 'Resultado' })).toContainText('Efraín Colque');

	// The contract, drawn from the decision: a fee above the candidate's is refused.
	await page.getByRole('link', { name: 'Asistencia técnica' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Asistencia técnica' })).toBeVisible();
	await page.getByLabel('Honorario mensual acordado (Bs)').fill('6.000');
	await page.getByLabel('Fecha de inicio').fill(lastMonth());
	await page.getByLabel('Duración en meses').fill('12');
	await page.getByRole('button', { name: 'Hacer el contrato' }).click();
	await expect(page.getByText('El honorario va de Bs 2.750,00 a Bs 5.500,00.')).toBeVisible();
	await page.getByLabel('Honorario mensual acordado (Bs)').fill('5.500');
	await page.getByLabel('Fecha de inicio').fill(lastMonth());
	await page.getByRole('button', { name: 'Hacer el contrato' }).click();
	await expect(
		page.getByRole('heading', {
			level: 1,
			name: 'Contrato de asistencia técnica: Efraín Colque'
		})
	).toBeVisible();
	const contract = page.url().split('?')[0];
	await expect(page.getByRole('link', { name: /^Ver la decisión Nº \d+$/ })).toBeVisible();
	await expectPhoneFit(page, 'the contract page');
	await expectAccessible(page, 'the contract page');

	// A visit to both households, logged by the leader from the phone.
	await page.getByRole('link', { name: 'Registrar una visita' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Registrar una visita' })).toBeVisible();
	await page.getByLabel('Comunidad', { exact: true }).fill('Tajamar');
	await page.getByLabel(norma.who.displayName).check();
	await page.getByLabel(teodoro.who.displayName).check();
	await page.getByLabel('Qué se hizo').fill('Desparasitación y ración con alfalfa.');
	await page.getByLabel(/^Fotos/).setInputFiles({
		name: 'establo.png',
		mimeType: 'image/png',
		buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
	});
	await expectPhoneFit(page, 'the visit form');
	await page.getByRole('button', { name: 'Registrar la visita' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Se registró la visita. Ahora cada familia visitada confirma.'
	);
	await expect(page.getByText('Falta que confirmen')).toBeVisible();
	const photo = await page.getByRole('link', { name: '📷 Foto 1' }).getAttribute('href');
	expect((await page.request.get(photo!)).headers()['content-type']).toBe('image/png');

	// Norma, without JavaScript, says the technician came; Teodoro says he did not.
	await norma.page.goto(contract);
	await expect(norma.page.getByText('¿El técnico vino a tu casa ese día?')).toBeVisible();
	await norma.page.getByRole('button', { name: 'Sí vino' }).click();
	await expect(norma.page.getByRole('status')).toHaveText('Gracias: dijiste que sí vino.');
	await expect(norma.page.getByRole('button', { name: 'Sí vino' })).toHaveCount(0);
	await teodoro.page.goto(contract);
	await teodoro.page.getByRole('button', { name: 'No vino' }).click();
	await expect(teodoro.page.getByRole('status')).toHaveText('Gracias: dijiste que no vino.');

	await page.goto(contract);
	const visit = page.locator('li.visit');
	await expect(visit).toContainText('Una familia dice que no vino');
	await expect(visit).toContainText(`${norma.who.displayName}: Sí vino`);
	await expect(visit).toContainText(`${teodoro.who.displayName}: No vino`);
	await expect(visit).not.toContainText('Confirmada por las familias');

	// Anyone, the register being public: the contract and its visits as counts, no family named.
	const visitor = await browser.newContext();
	const anonymous = await visitor.newPage();
	await anonymous.goto(contract);
	const seen = anonymous.locator('li.visit');
	await expect(seen).toContainText('Una familia dice que no vino');
	await expect(seen).not.toContainText(norma.who.displayName);
	await expect(anonymous.getByRole('link', { name: '📷 Foto 1' })).toHaveCount(0);
	const api = await anonymous.request.get(`/api/v1/associations/${association.slug}/assistance`);
	const body = await api.json();
	expect(body.contracts[0].visits[0].answers).toMatchObject({ confirmed: 1, denied: 1 });
	expect(JSON.stringify(body)).not.toContain(norma.who.displayName);
	expect(JSON.stringify(body)).not.toContain(teodoro.who.displayName);
	await visitor.close();

	// The survey of this month: Norma answers without JavaScript, once; the totals at the close.
	await page.getByRole('button', { name: 'Abrir la encuesta' }).click();
	await expect(page.getByRole('status')).toHaveText('Se abrió la encuesta.');
	await page.getByRole('link', { name: /Responder \(menos de un minuto\)/ }).click();
	await page.getByRole('radio', { name: 'Más o menos' }).first().check();
	await expectAccessible(page, 'the survey');
	await norma.page.goto(contract);
	await norma.page.getByRole('link', { name: /Responder \(menos de un minuto\)/ }).click();
	await expectPhoneFit(norma.page, 'the survey');
	for (const [question, answer] of [
		['¿Vino cuando prometió?', 'Sí'],
		['¿Explicó para que entendamos?', 'Más o menos'],
		['¿Sirvió para mi producción?', 'Sí'],
		['¿Nos trató con respeto?', 'Sí']
	])
		await norma.page
			.getByRole('group', { name: question })
			.getByRole('radio', { name: answer, exact: true })
			.check();
	await norma.page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
	await expect(norma.page.getByRole('status')).toHaveText(
		'Gracias: tus respuestas quedaron guardadas, separadas de tu nombre.'
	);
	await expect(norma.page.getByText('Tu familia ya respondió esta encuesta.')).toBeVisible();
	await page.goto(contract);
	await expect(page.getByText('Respondió 1 familia')).toBeVisible();
	await page.getByRole('checkbox', { name: /Cerrar la encuesta: nadie más/ }).check();
	await page.getByRole('button', { name: 'Cerrar la encuesta' }).click();
	const totals = page.getByRole('table').filter({ hasText: 'Pregunta' });
	await expect(
		totals.getByRole('row', { name: /¿Explicó para que entendamos\? 0 1 0/ })
	).toBeVisible();

	// The three-month evaluation shows the visits and the survey on one page; it is not due yet.
	await page.getByRole('link', { name: 'Evaluación a los 3 meses' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Evaluación a los 3 meses' })
	).toBeVisible();
	await expect(page.getByText('Una familia dice que no vino: 1')).toBeVisible();
	await expect(page.getByText('Esta evaluación se hace desde el')).toBeVisible();
	await expectPhoneFit(page, 'the evaluation page');
	await expectAccessible(page, 'the evaluation page');

	// Payments follow the work: the committee approves a delivered report, the treasurer pays it.
	await seatMember(page, association.slug, teodoro.who, 'Dirigente', 'Tesorero/a');
	await teodoro.page.goto(`/a/${association.slug}/money/ledger`);
	await openCashBox(teodoro.page);
	const record = teodoro.page.getByRole('region', { name: 'Registrar un movimiento' });
	await record.getByLabel('Tipo de movimiento').selectOption({ label: 'Ingreso' });
	await record.getByLabel('Monto (Bs)').fill('500');
	await record.getByLabel('Concepto').fill('Aportes');
	await record.getByLabel('Tipo de ingreso').selectOption({ label: 'Multas' });
	await record.getByRole('button', { name: 'Registrar' }).click();
	await expect(teodoro.page.getByRole('status')).toHaveText('Movimiento Nº 1 registrado.');

	await page.goto(contract);
	const add = page.getByRole('region', { name: 'Añadir un producto' });
	await add.getByLabel('Tipo').selectOption({ label: 'Informe' });
	await add.getByLabel('Qué es').fill('Informe mensual a la asamblea');
	await add.getByLabel('Pago al aprobarlo (Bs)').fill('300');
	await add.getByRole('button', { name: 'Añadir el producto' }).click();
	await expect(page.getByRole('status')).toHaveText('Se añadió el producto.');
	await page.getByRole('button', { name: 'Marcar como entregado' }).click();
	await expect(page.getByRole('status')).toHaveText('Se marcó como entregado.');
	await page.getByRole('checkbox', { name: /Aprobar este producto/ }).check();
	await page.getByRole('button', { name: 'Aprobar el producto' }).click();
	await expect(page.getByRole('status')).toHaveText('Se aprobó el producto.');

	await teodoro.page.goto(contract);
	await teodoro.page.getByRole('checkbox', { name: /Pagar Bs 300,00 al técnico/ }).check();
	await teodoro.page.getByRole('button', { name: 'Pagar Bs 300,00' }).click();
	await expect(teodoro.page.getByRole('status')).toHaveText('Se registró el pago en las cuentas.');
	await expect(teodoro.page.getByText('Pagado (movimiento Nº 2)')).toBeVisible();
	await expect(teodoro.page.getByText('Pagado Bs 300,00 de Bs 300,00 programados.')).toBeVisible();

	// The contract is in the register.
	await page.goto(`/a/${association.slug}/decisions`);
	await expect(page.getByText('Contrato de asistencia técnica: Efraín Colque')).toBeVisible();
	for (const voter of [norma, teodoro]) await voter.page.context().close();
});
