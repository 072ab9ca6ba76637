import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { pdfText } from '../../src/lib/server/testing/pdf';
import {
	addMemberWithoutAccount,
	createAssociation,
	createInvitation,
	person,
	register,
	uniqueId,
	expectAccessible,
	watchErrors,
	type Association
} from './helpers';

/** A second leader of `association`, joined by invitation, in a browser context of their own. */
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

/** Today's date and a clock time one hour ahead, in Bolivian time (UTC−4). */
function inAnHour(): { date: string; time: string } {
	const local = new Date(Date.now() + 60 * 60 * 1000 - 4 * 60 * 60 * 1000).toISOString();
	return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function point(page: Page, title: string) {
	return page.getByRole('region', { name: new RegExp(`^\\d+\\. ${title}$`) });
}

test('an assembly: convened, members checked in, quorum, a hand count confirmed by a second leader, a consensus, the acta as PDF', async ({
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
	const felipa = `Felipa Claros ${id}`;
	const genaro = `Genaro Vargas ${id}`;
	const hilda = `Hilda Choque ${id}`;
	for (const name of [felipa, genaro, hilda])
		await addMemberWithoutAccount(page, association.slug, name);

	// Convene: the tab, the form, the agenda.
	await page.goto(`/a/${association.slug}`);
	await page
		.getByRole('navigation', { name: 'Secciones de la asociación' })
		.getByRole('link', { name: 'Asambleas' })
		.click();
	await expectAccessible(page, 'assemblies list');
	await page.getByRole('link', { name: 'Convocar una asamblea' }).click();
	await expectAccessible(page, 'convene');
	const when = inAnHour();
	await page.getByLabel('Tipo de asamblea').selectOption({ label: 'Ordinaria' });
	await page.getByLabel('Fecha').fill(when.date);
	await page.getByLabel('Hora de la primera convocatoria').fill(when.time);
	await page.getByLabel('Lugar').fill('Sede de Chillijchi');
	await page.getByRole('button', { name: 'Convocar' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Asamblea convocada. Agreguen los puntos a decidir.'
	);
	const assemblyUrl = page.url().split('?')[0];
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		/^Asamblea General Ordinaria del /
	);
	const add = page.getByRole('region', { name: 'Agregar un punto al orden del día' });
	await add.getByLabel('Punto', { exact: true }).fill('Compra del tanque de frío');
	await add.getByLabel('Propuesto por').fill(felipa);
	await add.getByRole('button', { name: 'Agregar el punto' }).click();
	await expect(point(page, 'Compra del tanque de frío')).toBeVisible();
	await add.getByLabel('Punto', { exact: true }).fill('Turnos de riego');
	await add.getByRole('button', { name: 'Agregar el punto' }).click();
	await expect(point(page, 'Turnos de riego')).toBeVisible();
	// "Varios" stays last.
	await expect(page.getByRole('heading', { level: 3 }).last()).toHaveText('5. Varios');

	// Members see the call on the association's home.
	await second.page.goto(`/a/${association.slug}`);
	await expect(second.page.getByRole('region', { name: 'Próxima asamblea' })).toContainText(
		'Sede de Chillijchi'
	);

	// The second leader watches the attendance page; it follows the secretary's phone.
	await second.page.goto(`${assemblyUrl}/attendance`);
	const watched = second.page.getByRole('region', { name: 'Quórum' }).getByRole('status');
	await expect(watched).toHaveText(/Todavía no hay quórum: 0 de 5, se necesitan 3\./);

	await page.goto(`${assemblyUrl}/attendance`);
	const quorum = page.getByRole('region', { name: 'Quórum' }).getByRole('status');
	await expect(quorum).toHaveText(/Todavía no hay quórum: 0 de 5, se necesitan 3\./);
	await expectAccessible(page, 'attendance');
	await page.getByLabel('Buscar socio/a por nombre o CI').fill('felipa');
	await expect(
		page.getByRole('list', { name: 'Socios y socias' }).getByRole('listitem')
	).toHaveCount(1);
	await page.getByRole('button', { name: `Presente: ${felipa}` }).click();
	await expect(quorum).toHaveText(/Todavía no hay quórum: 1 de 5/);
	await page.getByLabel('Buscar socio/a por nombre o CI').fill('');
	await page.getByRole('button', { name: `Presente: ${leader.displayName}` }).click();
	await expect(quorum).toHaveText(/Todavía no hay quórum: 2 de 5/);
	await page.getByRole('button', { name: `Justificado: ${hilda}` }).click();
	await expect(page.locator(`li`, { hasText: hilda })).toContainText('Justificado/a');
	// A carta poder: Genaro is absent, Felipa carries his letter.
	await page.getByLabel(`Carta poder de ${genaro} a favor de`).selectOption({ label: felipa });
	await page.getByRole('button', { name: `Anotar carta poder: ${genaro}` }).click();
	await expect(quorum).toHaveText('✔ Hay quórum: 3 de 5, se necesitan 3.');
	await expect(page.getByRole('region', { name: 'Quórum' })).toContainText(
		'Presentes: 2. Representados con carta poder: 1.'
	);
	// The other phone saw it without reloading.
	await expect(watched).toHaveText('✔ Hay quórum: 3 de 5, se necesitan 3.');

	// The second leader arrives too; undoing a mark works.
	await page.getByRole('button', { name: `Presente: ${second.who.displayName}` }).click();
	await expect(quorum).toHaveText(/Hay quórum: 4 de 5/);
	await page.getByRole('button', { name: `Deshacer: ${second.who.displayName}` }).click();
	await expect(quorum).toHaveText(/Hay quórum: 3 de 5/);
	await page.getByRole('button', { name: `Presente: ${second.who.displayName}` }).click();
	await expect(quorum).toHaveText(/Hay quórum: 4 de 5/);

	// Install the assembly and vote the first point by show of hands.
	await page.goto(assemblyUrl);
	await page
		.getByLabel(/Motivo para instalar antes de la hora/)
		.fill('Todos llegaron antes de la hora');
	await page.getByRole('checkbox', { name: /la asamblea queda instalada/ }).check();
	await page.getByRole('button', { name: 'Instalar la asamblea' }).click();
	await expect(page.getByRole('status').first()).toHaveText('La asamblea está en sesión.');
	await expectAccessible(page, 'assembly in session');

	// The projector is the second leader's laptop: the same account, another window.
	const projector = await second.page.context().newPage();
	await projector.goto(`${assemblyUrl}/screen`);
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
		/Asamblea General Ordinaria/
	);

	const tank = point(page, 'Compra del tanque de frío');
	await tank.getByRole('button', { name: 'Votar a mano alzada' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Votación abierta para los presentes.');
	await expect(projector.getByText('3. Compra del tanque de frío')).toBeVisible();
	await expect(projector.getByText('Contando las manos…')).toBeVisible();
	await expectAccessible(projector, 'big screen');
	await expect(tank).toContainText('Presentes 3 y representados 1: las manos deben sumar 4.');
	await tank.getByLabel('Manos por «Sí»').fill('3');
	await tank.getByLabel('Manos por «No»').fill('0');
	await tank.getByLabel('Manos por «Abstención»').fill('0');
	await tank.getByRole('button', { name: 'Anotar el conteo' }).click();
	await expect(tank.getByRole('alert')).toHaveText(
		'Las manos suman 3, pero hay 4 presentes y representados. Vuelvan a contar.'
	);
	await tank.getByLabel('Manos por «No»').fill('1');
	await tank.getByRole('button', { name: 'Anotar el conteo' }).click();
	await expect(point(page, 'Compra del tanque de frío')).toContainText(
		'Otro dirigente debe confirmar este conteo.'
	);

	await second.page.goto(assemblyUrl);
	await point(second.page, 'Compra del tanque de frío')
		.getByRole('button', { name: 'Confirmar el conteo y cerrar' })
		.click();
	const resolution = 'Aprobada a mano alzada. A favor: 3, en contra: 1, abstenciones: 0.';
	await expect(point(second.page, 'Compra del tanque de frío')).toContainText(resolution);
	// The big screen shows the result as it comes, as words and as a chart, and fills a 16:9
	// projector without scrolling.
	await expect(projector.getByText(resolution).first()).toBeVisible();
	for (const size of [
		{ width: 1280, height: 720 },
		{ width: 1920, height: 1080 }
	]) {
		await projector.setViewportSize(size);
		await expect(projector.getByRole('img', { name: /Sí 3/ })).toBeVisible();
		const { scrollHeight, scrollWidth } = await projector.evaluate(() => ({
			scrollHeight: document.documentElement.scrollHeight,
			scrollWidth: document.documentElement.scrollWidth
		}));
		expect(scrollHeight, `height at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
		expect(scrollWidth, `width at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
	}

	// A point decided by consensus.
	await page.goto(assemblyUrl);
	const water = point(page, 'Turnos de riego');
	await water.getByLabel('Lo que se acordó').fill('Cada familia riega dos horas por semana.');
	await water.getByRole('button', { name: 'Anotar por consenso' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Anotado por consenso en el registro de decisiones.'
	);
	await expect(point(page, 'Turnos de riego')).toContainText(
		'Aprobado por consenso. Cada familia riega dos horas por semana.'
	);
	await point(page, 'Turnos de riego').getByText('Resumen de la discusión (para el acta)').click();
	await point(page, 'Turnos de riego')
		.getByLabel('Resumen de la discusión', { exact: true })
		.fill('Se habló de la sequía y de los turnos de la noche.');
	await point(page, 'Turnos de riego').getByRole('button', { name: 'Guardar el resumen' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Resumen guardado.');

	await page.getByRole('checkbox', { name: /la asamblea termina/ }).check();
	await page.getByRole('button', { name: 'Terminar la asamblea' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'La asamblea terminó. El acta ya tiene número.'
	);

	// The acta: printable page, then the PDF on Oficio paper.
	await page.getByRole('link', { name: 'Acta', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Acta Nº 1\/\d{4}$/);
	const number = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
	const head = (await page.locator('.acta code').textContent())!.trim();
	expect(head).toMatch(/^[0-9a-f]{64}$/);
	await expectAccessible(page, 'acta');
	await page.getByRole('link', { name: 'Oficio' }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Descargar el PDF (Oficio)' }).click()
	]);
	const { text } = await pdfText(fs.readFileSync((await download.path())!));
	expect(text).toContain(number);
	expect(text).toContain(association.name);
	expect(text).toContain('Sede de Chillijchi');
	expect(text).toContain('Primera convocatoria');
	for (const name of [leader.displayName, second.who.displayName, felipa, genaro, hilda])
		expect(text).toContain(name);
	expect(text).toContain(resolution);
	expect(text).toContain('Aprobado por consenso. Cada familia riega dos horas por semana.');
	expect(text).toContain('Se habló de la sequía y de los turnos de la noche.');
	expect(text).toContain(`Propuesto por ${felipa}`);
	expect(text.replace(/\s/g, '')).toContain(head);

	// Both decisions are in the register, naming the assembly.
	await page.goto(`/a/${association.slug}/decisions`);
	await expect(page.getByText('Compra del tanque de frío').first()).toBeVisible();
	await expect(page.getByText('Turnos de riego').first()).toBeVisible();

	// The photo of the signed page: images only.
	await page.goto(`${assemblyUrl}/acta`);
	const photo = page.getByRole('region', { name: 'Foto del acta firmada' });
	await photo.getByLabel('Foto de la página firmada').setInputFiles({
		name: 'acta.png',
		mimeType: 'image/png',
		buffer: Buffer.from('not really a picture')
	});
	await photo.getByRole('button', { name: 'Guardar la foto' }).click();
	await expect(photo.getByRole('alert')).toHaveText('Solo fotos JPEG, PNG o WebP.');
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	);
	await photo.getByLabel('Foto de la página firmada').setInputFiles({
		name: 'acta.png',
		mimeType: 'image/png',
		buffer: png
	});
	await photo.getByRole('button', { name: 'Guardar la foto' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Foto del acta firmada guardada.');
	const { createHash } = await import('node:crypto');
	await expect(page.getByRole('region', { name: 'Foto del acta firmada' })).toContainText(
		createHash('sha256').update(png).digest('hex')
	);
	// A phone's photo is a few megabytes: this form takes it, where others stop at 512 KiB.
	const big = Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024, 7)]);
	await photo.getByLabel('Foto de la página firmada').setInputFiles({
		name: 'acta-grande.png',
		mimeType: 'image/png',
		buffer: big
	});
	await photo.getByRole('button', { name: 'Guardar la foto' }).click();
	await expect(page.getByRole('region', { name: 'Foto del acta firmada' })).toContainText(
		createHash('sha256').update(big).digest('hex')
	);

	// Public means public: a visitor follows a decision of this assembly to its acta; the
	// assembly's own page and the photo of the signed page stay the members'.
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(`/a/${association.slug}/decisions`);
	await visitor
		.getByRole('link', { name: /Turnos de riego/ })
		.first()
		.click();
	await visitor.getByRole('link', { name: 'Ver el acta de la asamblea' }).click();
	await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(number);
	await expect(visitor.getByText(resolution)).toBeVisible();
	await expect(visitor.getByRole('link', { name: 'Ver la foto' })).toHaveCount(0);
	for (const path of ['', '/photo', '/attendance']) {
		const res = await visitor.request.get(`${assemblyUrl}${path}`, { maxRedirects: 0 });
		expect(res.status(), path).toBe(303);
	}
	await visitor.context().close();
	await second.page.context().close();
	expect(errors).toEqual([]);
});

test('without JavaScript: members are checked in and the quorum is shown, by plain forms', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const leader = person('Norma');
	await register(page, leader);
	const association = await createAssociation(page);
	const name = `Teodoro Montaño ${uniqueId()}`;
	await addMemberWithoutAccount(page, association.slug, name);
	await page.goto(`/a/${association.slug}/assemblies/new`);
	const when = inAnHour();
	await page.getByLabel('Fecha').fill(when.date);
	await page.getByLabel('Hora de la primera convocatoria').fill(when.time);
	await page.getByLabel('Lugar').fill('Escuela de Tiataco');
	await page.getByRole('button', { name: 'Convocar' }).click();
	await expect(page).toHaveURL(/\/assemblies\/\d+\?done=convened$/);
	await page.getByText('Cambiar la fecha, la hora o el lugar').click();
	await page.getByLabel('Lugar').fill('Escuela de Villa Rivero');
	await page.getByRole('button', { name: 'Guardar la convocatoria' }).click();
	await expect(page).toHaveURL(/\?done=call$/);
	await expect(
		page.getByRole('definition').filter({ hasText: 'Escuela de Villa Rivero' })
	).toBeVisible();
	await page.getByRole('link', { name: 'Asistencia', exact: true }).click();
	await page.getByLabel('Buscar socio/a por nombre o CI').fill('teodoro');
	await page.getByRole('button', { name: 'Buscar' }).click();
	await expect(
		page.getByRole('list', { name: 'Socios y socias' }).getByRole('listitem')
	).toHaveCount(1);
	await page.getByRole('button', { name: `Presente: ${name}` }).click();
	await expect(page).toHaveURL(/\/attendance\?done=present&q=teodoro#member-\d+$/);
	await expect(page.getByRole('region', { name: 'Quórum' }).getByRole('status')).toHaveText(
		'… Todavía no hay quórum: 1 de 2, se necesitan 2.'
	);
	await page.goto(page.url().split('?')[0]);
	await page.getByRole('button', { name: `Presente: ${leader.displayName}` }).click();
	await expect(page.getByRole('region', { name: 'Quórum' }).getByRole('status')).toHaveText(
		'✔ Hay quórum: 2 de 2, se necesitan 2.'
	);

	// Installed, a point agreed by consensus, closed: the acta has its number.
	await page.getByRole('link', { name: /^← Asamblea General/ }).click();
	await page
		.getByLabel(/Motivo para instalar antes de la hora/)
		.fill('Todos llegaron antes de la hora');
	await page.getByRole('checkbox', { name: /la asamblea queda instalada/ }).check();
	await page.getByRole('button', { name: 'Instalar la asamblea' }).click();
	await expect(page).toHaveURL(/\?done=started$/);
	const other = point(page, 'Varios');
	await other.getByLabel('Lo que se acordó').fill('Se hará una minga para limpiar el camino.');
	await other.getByRole('button', { name: 'Anotar por consenso' }).click();
	await expect(page).toHaveURL(/\?done=consensus#point-\d+$/);
	await expect(point(page, 'Varios')).toContainText(
		'Aprobado por consenso. Se hará una minga para limpiar el camino.'
	);
	await page.getByRole('checkbox', { name: /la asamblea termina/ }).check();
	await page.getByRole('button', { name: 'Terminar la asamblea' }).click();
	await expect(page).toHaveURL(/\?done=closed$/);
	await page.getByRole('link', { name: 'Acta', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Acta Nº \d+\/\d{4}$/);
	await page.goto(page.url().replace(/\/acta$/, '/screen'));
	await expect(page.getByRole('link', { name: 'Actualizar' })).toBeVisible();
	await context.close();
});
