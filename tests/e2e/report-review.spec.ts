import { expect, test, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	openCashBox,
	register,
	person,
	seatMember,
	watchErrors,
	type Person
} from './helpers';

test('the treasurer hands in the report, the vigilance committee observes, the treasurer answers, the assembly approves it into the register', async ({
	browser,
	page
}) => {
	const errors = watchErrors(page);
	await register(page, person('Justina'));
	const association = await createAssociation(page);
	const base = `/a/${association.slug}`;
	const people: Record<string, { page: Page; who: Person }> = {};
	for (const name of ['Germán', 'Rosa']) {
		const { link } = await createInvitation(page, association.slug, 'Socio/a');
		people[name] = await newPerson(browser, name);
		await people[name].page.goto(link);
		await people[name].page.getByRole('button', { name: 'Unirme a la asociación' }).click();
		await expect(people[name].page).toHaveURL(base);
	}
	const treasurer = people['Germán'].page;
	const vigilance = people['Rosa'].page;
	await seatMember(page, association.slug, people['Germán'].who, 'Dirigente', 'Tesorero/a');
	await seatMember(page, association.slug, people['Rosa'].who, 'Socio/a', 'Comité de vigilancia');

	// The treasurer's book for the period: one income.
	await treasurer.goto(`${base}/money/ledger`);
	await openCashBox(treasurer);
	const record = treasurer.getByRole('region', { name: 'Registrar un movimiento' });
	await record.getByLabel('Tipo de movimiento').selectOption({ label: 'Ingreso' });
	await record.getByLabel('Monto (Bs)').fill('500');
	await record.getByLabel('Concepto').fill('Multas de la asamblea');
	await record.getByLabel('Tipo de ingreso').selectOption({ label: 'Multas' });
	await record.getByRole('button', { name: 'Registrar' }).click();
	await expect(treasurer.getByRole('status')).toHaveText('Movimiento Nº 1 registrado.');

	// Handed in: the box says the period closes, and it must be ticked.
	await treasurer.goto(`${base}/money/report`);
	const submit = treasurer.getByRole('region', {
		name: 'Presentar este informe a la comisión de vigilancia'
	});
	await submit.getByLabel(/queda cerrado/).check();
	await submit.getByRole('button', { name: 'Presentar el informe' }).click();
	await expect(treasurer).toHaveURL(/\/money\/reviews\/\d+\?done=submitted$/);
	await expect(treasurer.getByRole('status')).toHaveText(
		'Informe presentado. La comisión de vigilancia ya puede revisarlo.'
	);
	const reviewUrl = new URL(treasurer.url()).pathname;
	const hash = (await treasurer.getByText(/^Huella del informe/).textContent())!.match(
		/[0-9a-f]{64}/
	)![0];

	// The period is closed: a movement dated in it is refused, with the reason.
	await treasurer.goto(`${base}/money/ledger`);
	await record.getByLabel('Tipo de movimiento').selectOption({ label: 'Ingreso' });
	await record.getByLabel('Monto (Bs)').fill('20');
	await record.getByLabel('Concepto').fill('Otra multa');
	await record.getByRole('button', { name: 'Registrar' }).click();
	await expect(record.getByRole('alert').first()).toContainText('ya se presentó a la comisión');

	// The vigilance committee observes.
	await vigilance.goto(`${base}/money/reviews`);
	await vigilance.getByRole('link', { name: /^Del .* al / }).click();
	await expect(vigilance).toHaveURL(reviewUrl);
	await vigilance
		.getByLabel('Observación', { exact: true })
		.fill('Falta el acta que fijó la multa.');
	await vigilance.getByRole('button', { name: 'Registrar la observación' }).click();
	await expect(vigilance.getByRole('status')).toHaveText(
		'Observación registrada. El tesorero debe responderla por escrito.'
	);
	// Not conforme while the observation waits for its answer.
	await expect(vigilance.getByRole('button', { name: 'Dar conformidad' })).toHaveCount(0);
	await expect(vigilance.getByText('Observaciones sin respuesta: 1')).toBeVisible();

	// The treasurer answers in writing.
	await treasurer.goto(reviewUrl);
	await treasurer
		.getByLabel('Tu respuesta a esta observación')
		.fill('Está en el acta Nº 2, punto 4; la copia queda en la sede.');
	await treasurer.getByRole('button', { name: 'Responder' }).click();
	await expect(treasurer.getByRole('status')).toHaveText('Respuesta registrada.');

	// Conforme, confirmed.
	await vigilance.goto(reviewUrl);
	await vigilance.getByLabel(/lo hallamos conforme/).check();
	await vigilance.getByRole('button', { name: 'Dar conformidad' }).click();
	await expect(vigilance.getByRole('status')).toHaveText(
		'Conformidad registrada. Falta la aprobación de la asamblea.'
	);
	await expectAccessible(vigilance, 'the review of a report');

	// The assembly approves; the presidenta writes it into the register.
	await page.goto(reviewUrl);
	await page.getByLabel(/La asamblea aprobó este informe/).check();
	await page.getByRole('button', { name: 'Registrar la aprobación' }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/decisions/\\d+$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Aprobación del informe económico del tesorero'
	);
	await expect(page.getByText(`huella ${hash}`)).toBeVisible();

	// The register export carries the same hash, and the register verifies in the browser.
	const exported = await (await page.request.get(`${base}/decisions.json`)).json();
	expect(exported.entries.at(-1).money_report).toMatchObject({ hash, observations: 1 });
	await page.goto(`${base}/decisions/verify`);
	await page.getByRole('button', { name: 'Verificar el registro de la asociación' }).click();
	await expect(page.getByRole('region', { name: 'Resultado' })).toContainText(
		'El registro está íntegro'
	);
	await vigilance.goto(`${base}/money/reviews`);
	await expect(vigilance.getByText('Aprobado por la asamblea')).toBeVisible();
	expect(errors).toEqual([]);
});
