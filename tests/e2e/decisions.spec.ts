import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAssociation,
	expectAccessible,
	person,
	register,
	uniqueId,
	watchErrors,
	type Association
} from './helpers';

/** As a leader: records a decision by consensus from the form; returns its number. */
async function recordConsensus(
	page: Page,
	slug: string,
	decision: { title: string; summary: string; decidedAt?: string }
): Promise<number> {
	await page.goto(`/a/${slug}/decisions`);
	await page.getByRole('link', { name: 'Registrar una decisión por consenso' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Registrar una decisión por consenso' })
	).toBeVisible();
	await page.getByLabel('Título').fill(decision.title);
	await page.getByLabel('Qué se acordó').fill(decision.summary);
	if (decision.decidedAt) {
		await page.getByLabel('Fecha y hora del acuerdo (opcional)').fill(decision.decidedAt);
	}
	await page.getByRole('button', { name: 'Guardar en el registro' }).click();
	await expect(page).toHaveURL(new RegExp(`/a/${slug}/decisions/\\d+\\?done=recorded$`));
	await expect(page.getByRole('heading', { level: 1, name: decision.title })).toBeVisible();
	const seq = Number(/\/decisions\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('status')).toHaveText(
		`La decisión quedó registrada con el Nº ${seq}.`
	);
	return seq;
}

/** As the only member: a yes/no question opened, voted yes and closed; returns its title. */
async function decideByVote(page: Page, slug: string): Promise<string> {
	const title = `¿Compramos la picadora de forraje? ${uniqueId()}`;
	await page.goto(`/a/${slug}/votes`);
	await page.getByRole('link', { name: 'Nueva votación' }).click();
	await page.getByLabel('Pregunta o título').fill(title);
	await page.getByLabel('Voto secreto').uncheck();
	await page.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await page.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(page.getByRole('status')).toHaveText('La votación está abierta.');
	await page.getByRole('radio', { name: 'Sí' }).check();
	await page.getByRole('button', { name: 'Votar' }).click();
	await page.getByRole('checkbox', { name: /nadie más podrá votar/ }).check();
	await page.getByRole('button', { name: 'Cerrar la votación ahora' }).click();
	await expect(page.getByRole('heading', { name: 'Resultado', exact: true })).toBeVisible();
	return title;
}

/** A leader with an association holding two older decisions by consensus and one closed vote. */
async function associationWithDecisions(page: Page) {
	await register(page, person('Teodora'));
	const association = await createAssociation(page, 'Ganaderos');
	await recordConsensus(page, association.slug, {
		title: 'Compra del tanque de frío',
		summary: 'Se compra un tanque de 2000 litros con la contraparte.',
		decidedAt: '2025-03-14T10:30'
	});
	await recordConsensus(page, association.slug, {
		title: 'Elección del técnico de campo',
		summary: 'Se contrata a Rosa Quispe por seis meses.',
		decidedAt: '2025-12-31T22:00'
	});
	const vote = await decideByVote(page, association.slug);
	return { association, vote };
}

async function anonymousPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	return context.newPage();
}

function results(page: Page) {
	return page.getByRole('list', { name: 'Decisiones' });
}

test('a visitor without an account searches the public register by word and year and reads a decision', async ({
	browser,
	page
}) => {
	const { association, vote } = await associationWithDecisions(page);
	const visitor = await anonymousPage(browser);

	// The association's public page: recent decisions and the register's head, nothing private.
	await visitor.goto(`/a/${association.slug}`);
	await expect(visitor.getByText('Estás viendo la página pública de la asociación.')).toBeVisible();
	await expect(visitor.getByRole('link', { name: `Decisión Nº 3: ${vote}` })).toBeVisible();
	await expect(visitor.getByRole('link', { name: 'Última decisión: Nº 3' })).toBeVisible();
	const tabs = visitor.getByRole('navigation', { name: 'Secciones de la asociación' });
	await expect(tabs.getByRole('link', { name: 'Votaciones' })).toHaveCount(0);
	await expect(tabs.getByRole('link', { name: 'Documentos' })).toHaveCount(0);
	await tabs.getByRole('link', { name: 'Decisiones' }).click();
	await expect(visitor.getByRole('heading', { level: 1, name: 'Decisiones' })).toBeVisible();
	await expect(results(visitor).getByRole('listitem')).toHaveCount(3);

	// Words are found whatever the accents and capitals.
	await visitor.getByLabel('Palabras').fill('FRIO tanque');
	await visitor.getByRole('button', { name: 'Buscar' }).click();
	await expect(visitor).toHaveURL(/q=FRIO\+tanque/);
	await expect(visitor.getByText('Decisiones encontradas: 1')).toBeVisible();
	await expect(results(visitor).getByRole('listitem')).toHaveCount(1);
	await expect(results(visitor)).toContainText('Compra del tanque de frío');

	// A year: 22:00 on 31 December in Bolivia still belongs to 2025.
	await visitor.getByRole('link', { name: 'Quitar la búsqueda' }).click();
	await expect(visitor.getByText('Decisiones encontradas: 3')).toBeVisible();
	await expect(visitor.getByLabel('Palabras')).toHaveValue('');
	await visitor.getByLabel('Año').selectOption('2025');
	await visitor.getByRole('button', { name: 'Buscar' }).click();
	await expect(visitor.getByText('Decisiones encontradas: 2')).toBeVisible();
	await expect(results(visitor).getByRole('heading')).toHaveText([
		'Decisión Nº 2: Elección del técnico de campo',
		'Decisión Nº 1: Compra del tanque de frío'
	]);
	await visitor.getByLabel('Año').selectOption('');
	await visitor.getByLabel('Cómo se decidió').selectOption({ label: 'Votación' });
	await visitor.getByRole('button', { name: 'Buscar' }).click();
	await expect(results(visitor).getByRole('listitem')).toHaveCount(1);

	// The vote's decision: outcome, counts, turnout, rules and its place in the chain.
	await results(visitor)
		.getByRole('link', { name: `Decisión Nº 3: ${vote}` })
		.click();
	await expect(visitor.getByRole('heading', { level: 1, name: vote })).toBeVisible();
	await expect(
		visitor.getByText('Aprobada: 1 a favor, 0 en contra, 0 abstenciones.')
	).toBeVisible();
	const result = visitor.getByRole('region', { name: 'Resultado' });
	await expect(result.getByRole('img', { name: /Sí 1, No 0/ })).toBeVisible();
	const how = visitor.getByRole('region', { name: 'Cómo se decidió' });
	await expect(how).toContainText('Habilitados para votar');
	await expect(how).toContainText('Reglas aplicadas');
	await expect(visitor.getByRole('link', { name: 'Decisión anterior (Nº 2)' })).toBeVisible();
	// No correction form for a visitor.
	await expect(visitor.getByRole('button', { name: 'Registrar la corrección' })).toHaveCount(0);
	// Public means public: a visitor goes on from the decision to its vote, closed, and reads its
	// result there; the votes still open stay the members'.
	const decisionUrl = visitor.url();
	await visitor.getByRole('link', { name: 'Ver la votación' }).click();
	await expect(visitor).toHaveURL(new RegExp(`/a/${association.slug}/votes/\\d+$`));
	await expect(visitor.getByRole('heading', { level: 1, name: vote })).toBeVisible();
	await expect(visitor.getByRole('region', { name: 'Resultado' })).toBeVisible();
	const votes = await visitor.request.get(`/a/${association.slug}/votes`, { maxRedirects: 0 });
	expect(votes.status()).toBe(303);
	await visitor.goto(decisionUrl);
	await page.goto(decisionUrl);
	await page.getByRole('link', { name: 'Ver la votación' }).click();
	await expect(page).toHaveURL(new RegExp(`/a/${association.slug}/votes/\\d+$`));
	await expect(page.getByRole('heading', { level: 1, name: vote })).toBeVisible();

	// The exports and the API say the same.
	const exported = await visitor.request.get(`/a/${association.slug}/decisions.json`);
	expect(exported.headers()['content-disposition']).toContain(`${association.slug}-decisions.json`);
	const doc = await exported.json();
	expect(doc).toMatchObject({ format: 'minka-register', head: { seq: 3 } });
	expect(doc.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
	await expect(visitor.getByTestId('register-head-hash')).toHaveText(doc.head.hash, {
		useInnerText: false
	});
	const csv = await visitor.request.get(`/a/${association.slug}/decisions.csv`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('Compra del tanque de frío');
	const api = await visitor.request.get(
		`/api/v1/associations/${association.slug}/decisions?q=tecnico`
	);
	expect(api.headers()['access-control-allow-origin']).toBe('*');
	expect(await api.json()).toMatchObject({
		total: 1,
		head: doc.head,
		decisions: [{ seq: 2, title: 'Elección del técnico de campo' }]
	});
	const refused = await visitor.request.get(
		`/api/v1/associations/${association.slug}/decisions?kind=secreto`
	);
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toMatchObject({ error: 'invalid' });
	const pdf = await visitor.request.get(`/a/${association.slug}/decisions/3.pdf?paper=oficio`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	await visitor.context().close();

	// Without JavaScript the search is a plain GET form.
	const plain = await anonymousPage(browser, false);
	await plain.goto(`/a/${association.slug}/decisions`);
	await plain.getByLabel('Palabras').fill('técnico');
	await plain.getByRole('button', { name: 'Buscar' }).click();
	await expect(plain).toHaveURL(/\/decisions\?q=t%C3%A9cnico&year=&kind=&outcome=$/);
	await expect(results(plain).getByRole('listitem')).toHaveCount(1);
	await expect(results(plain)).toContainText('Elección del técnico de campo');
	await plain.context().close();
});

test('a private register is refused to visitors, in the pages and in the API', async ({
	browser,
	page
}) => {
	await register(page, person('Marcelina'));
	const association = await createAssociation(page);
	// Set with the rules while the association has no decision yet (after it, the rules change by
	// vote, and the register's visibility has a form of its own).
	await page.goto(`/a/${association.slug}/settings`);
	await page.getByLabel('El registro de decisiones es público').uncheck();
	await page.getByRole('button', { name: 'Guardar las reglas' }).click();
	await expect(page.getByRole('status')).toHaveText('Las reglas fueron guardadas.');
	await recordConsensus(page, association.slug, {
		title: 'Reglamento interno',
		summary: 'Se aprueba el reglamento.'
	});

	const visitor = await anonymousPage(browser);
	await visitor.goto(`/a/${association.slug}/decisions/1`);
	await expect(visitor).toHaveURL(/\/login\?next=/);
	for (const path of ['decisions', 'decisions.json', 'decisions.csv', 'decisions/1.pdf']) {
		const res = await visitor.request.get(`/a/${association.slug}/${path}`, { maxRedirects: 0 });
		expect(res.status(), path).toBe(303);
	}
	for (const path of ['', '/decisions', '/decisions/1']) {
		const res = await visitor.request.get(`/api/v1/associations/${association.slug}${path}`);
		expect(res.status(), path).toBe(404);
		expect(await res.json()).toMatchObject({ error: 'not_found' });
	}
	const list = await (await visitor.request.get('/api/v1/associations')).json();
	expect(list.associations.map((a: Association) => a.slug)).not.toContain(association.slug);

	// Someone logged in who is not a member: refused too.
	await register(visitor, person('Extraño'));
	expect((await visitor.goto(`/a/${association.slug}/decisions`))?.status()).toBe(403);
	await visitor.context().close();
});

test('a leader records a decision by consensus without JavaScript, and corrects it with JavaScript', async ({
	browser,
	page
}) => {
	const leader = person('Eusebia');
	await register(page, leader);
	const association = await createAssociation(page);

	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto('/login');
	await plain.getByLabel('Nombre de usuario').fill(leader.username);
	await plain.getByLabel('Contraseña', { exact: true }).fill(leader.password);
	await plain.getByRole('button', { name: 'Entrar', exact: true }).click();
	const first = await recordConsensus(plain, association.slug, {
		title: 'Turnos de riego',
		summary: 'Cada familia riega dos horas por semana.',
		decidedAt: '2026-01-05T08:00'
	});
	expect(first).toBe(1);
	// A date in the future is refused, and nothing is written.
	await plain.goto(`/a/${association.slug}/decisions/new`);
	await plain.getByLabel('Título').fill('Mañana');
	await plain.getByLabel('Qué se acordó').fill('Algo.');
	await plain.getByLabel('Fecha y hora del acuerdo (opcional)').fill('2099-01-01T08:00');
	await plain.getByRole('button', { name: 'Guardar en el registro' }).click();
	await expect(plain.getByText('La fecha no puede estar en el futuro.')).toBeVisible();
	await expect(plain.getByLabel('Título')).toHaveValue('Mañana');
	await context.close();

	const second = await recordConsensus(page, association.slug, {
		title: 'Cuota para el tanque',
		summary: 'Cada socio aporta 50 Bs.'
	});
	expect(second).toBe(2);
	await page.goto(`/a/${association.slug}/decisions/1`);
	const correction = page.getByRole('region', { name: 'Corregir esta decisión' });
	await correction.getByLabel('Qué se corrige').fill('Son tres horas por semana, no dos.');
	await correction.getByRole('button', { name: 'Registrar la corrección' }).click();
	await expect(page).toHaveURL(new RegExp(`/decisions/3\\?done=corrected$`));
	await expect(page.getByRole('status')).toHaveText('La corrección quedó registrada con el Nº 3.');
	await page.getByRole('link', { name: 'Corrige la decisión Nº 1.' }).click();
	await expect(
		page.getByRole('link', { name: 'Fue corregida por la decisión Nº 3.' })
	).toBeVisible();
});

test('the browser remembers the head and warns when the register goes backwards or forks', async ({
	page
}) => {
	await register(page, person('Saturnina'));
	const association = await createAssociation(page);
	const key = `minka:register-head:${association.slug}`;
	await recordConsensus(page, association.slug, { title: 'Primero', summary: 'Uno.' });
	await recordConsensus(page, association.slug, { title: 'Segundo', summary: 'Dos.' });

	await page.goto(`/a/${association.slug}`);
	await expect(page.getByRole('link', { name: 'Última decisión: Nº 2' })).toBeVisible();
	const hash = await page.getByTestId('register-head-hash').textContent();
	await expect
		.poll(() => page.evaluate((k) => localStorage.getItem(k), key))
		.toBe(JSON.stringify({ seq: 2, hash }));
	await expect(page.getByRole('alert')).toHaveCount(0);

	// A head seen before at a higher number: the register went backwards.
	const forged = { seq: 7, hash: 'a'.repeat(64) };
	await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(forged)]);
	await page.reload();
	await expect(page.getByRole('alert')).toContainText(
		'Este registro ahora termina en la decisión Nº 2, pero este aparato ya vio la Nº 7.'
	);
	expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(JSON.stringify(forged));

	// Entry 1 seen before with another hash, and the register moved on since: a fork.
	await page.evaluate(
		([k, v]) => localStorage.setItem(k, v),
		[key, JSON.stringify({ seq: 1, hash: 'b'.repeat(64) })]
	);
	await page.goto(`/a/${association.slug}/decisions`);
	await expect(page.getByRole('alert')).toContainText(
		'La decisión Nº 1 tiene ahora otra huella que la que este aparato vio antes.'
	);
	await page.getByRole('button', { name: 'Olvidar lo que vi antes' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(
		JSON.stringify({ seq: 2, hash })
	);
});

test('the register pages are accessible', async ({ browser, page }) => {
	const { association } = await associationWithDecisions(page);
	await page.goto(`/a/${association.slug}/decisions/new`);
	await expectAccessible(page, 'new decision by consensus');
	await page.goto(`/a/${association.slug}/decisions/2`);
	await expectAccessible(page, 'decision with the correction form');

	const visitor = await anonymousPage(browser);
	const errors = watchErrors(visitor);
	await visitor.goto(`/a/${association.slug}/decisions?q=tanque`);
	await expectAccessible(visitor, 'archive, anonymous');
	await visitor.goto(`/a/${association.slug}/decisions/3`);
	await expectAccessible(visitor, 'decision decided by vote, anonymous');
	await visitor.goto(`/a/${association.slug}/decisions/3/print`);
	await expect(visitor.getByRole('heading', { name: 'Conteo' })).toBeVisible();
	await expectAccessible(visitor, 'printable decision');
	await visitor.goto(`/a/${association.slug}`);
	await expectAccessible(visitor, 'association home with the head');
	expect(errors).toEqual([]);
	await visitor.context().close();
});
