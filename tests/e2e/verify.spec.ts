// The "Verificar" page checks the register in the browser, from decisions.json or a chosen file,
// trusting nothing the server says: an intact register verifies, an edited file names the bad
// entry, and so does a row changed in the server's own database file behind its back.
import { expect, test, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import {
	createAssociation,
	expectAccessible,
	newPerson,
	watchErrors,
	type Association
} from './helpers';

/** The production test server's database (scripts/e2e-server.js). */
const DATABASE = process.env.E2E_DATABASE ?? './data/e2e.db';

const DECISIONS = [
	['Multa por inasistencia', 'Se acuerda una multa de Bs 50 por falta sin aviso a la asamblea.'],
	['Horario del acopio', 'La leche se recibe de 6:00 a 8:00 en la sala de acopio.'],
	['Comisión de compras', 'Se nombra a tres socios para pedir las cotizaciones del tanque.']
];

async function recordByConsensus(page: Page, slug: string, title: string, summary: string) {
	await page.goto(`/a/${slug}/decisions/new`);
	await page.getByLabel('Título').fill(title);
	await page.getByLabel('Qué se acordó').fill(summary);
	await page.getByRole('button', { name: 'Guardar en el registro' }).click();
	await expect(page).toHaveURL(new RegExp(`/a/${slug}/decisions/\\d+`));
}

/** Changes a stored entry's text in the database file, as someone with the file could. */
function tamperRow(slug: string, seq: number, from: string, to: string) {
	const db = new SQLite(DATABASE);
	try {
		const triggers = db
			.prepare(
				"select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'decision'"
			)
			.all() as { name: string; sql: string }[];
		for (const t of triggers) db.exec(`drop trigger ${t.name}`);
		const done = db
			.prepare(
				`update decision set entry = replace(entry, ?, ?)
				where seq = ? and association_id = (select id from association where slug = ?)`
			)
			.run(from, to, seq, slug);
		// The rest of the suite shares this server: its register stays append-only.
		for (const t of triggers) db.exec(t.sql);
		expect(done.changes).toBe(1);
	} finally {
		db.close();
	}
}

let association: Association;

/** No WCAG A/AA violation on the page as it is now, and nothing refused by the CSP (console). */
async function expectAccessibleAndQuiet(page: Page, errors: string[]) {
	await expectAccessible(page, 'Verificar');
	expect(errors).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
	const { page } = await newPerson(browser, 'Presidenta');
	association = await createAssociation(page, 'Verificación');
	for (const [title, summary] of DECISIONS)
		await recordByConsensus(page, association.slug, title, summary);
	await page.context().close();
});

test('an intact register verifies, and the browser remembers its head', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto(`/a/${association.slug}/decisions/verify`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Verificar el registro' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Verificar el registro de la asociación' }).click();
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('El registro está íntegro: 3 decisiones, la última Nº 3');
	await expect(result).toContainText('Es la primera vez que este navegador verifica');
	await page.reload();
	await page.getByRole('button', { name: 'Verificar el registro de la asociación' }).click();
	await expect(result).toContainText('El registro está íntegro: 3 decisiones');
	await expect(result).toContainText('recordaba la huella de la decisión Nº 3');
	await expectAccessibleAndQuiet(page, errors);
});

test('a tampered file names the bad entry, with a link to it', async ({ page }) => {
	const res = await page.request.get(`/a/${association.slug}/decisions.json`);
	expect(res.ok()).toBe(true);
	const text = await res.text();
	const edited = text.replace('de 6:00 a 8:00', 'de 5:00 a 7:00');
	expect(edited).not.toBe(text);
	await page.goto(`/a/${association.slug}/decisions/verify`);
	await page.getByLabel(/elija un archivo decisions\.json/).setInputFiles({
		name: 'decisions.json',
		mimeType: 'application/json',
		buffer: Buffer.from(edited)
	});
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('El registro NO está íntegro.');
	await expect(result).toContainText('La decisión Nº 2 fue cambiada después de registrarse');
	await expect(result).toContainText('Hasta la decisión Nº 1 todo está bien.');
	await expect(result.getByRole('link', { name: 'Ver la decisión Nº 2' })).toHaveAttribute(
		'href',
		`/a/${association.slug}/decisions/2`
	);
	// The same file, intact, verifies offline too.
	await page.context().setOffline(true);
	await page.getByLabel(/elija un archivo decisions\.json/).setInputFiles({
		name: 'decisions.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(result).toContainText('El registro está íntegro: 3 decisiones');
	await page.context().setOffline(false);
});

test('a row changed in the database file is caught from decisions.json', async ({ page }) => {
	tamperRow(association.slug, 3, 'tres socios', 'dos socios');
	await page.goto(`/a/${association.slug}/decisions/verify`);
	await page.getByRole('button', { name: 'Verificar el registro de la asociación' }).click();
	const result = page.getByRole('region', { name: 'Resultado' });
	await expect(result).toContainText('La decisión Nº 3 fue cambiada después de registrarse');
	await expect(result.getByRole('link', { name: 'Ver la decisión Nº 3' })).toBeVisible();
	await expectAccessibleAndQuiet(page, []);
});

test('without JavaScript the page explains how to verify in a terminal', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/a/${association.slug}/decisions/verify`);
	await expect(page.getByText('Sin JavaScript esta página no puede verificar')).toBeVisible();
	await expect(
		page.getByText(`npm run verify -- ${association.slug}-decisions.json`)
	).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Descargar el registro (decisions.json)' })
	).toHaveAttribute('href', `/a/${association.slug}/decisions.json`);
	await expect(
		page.getByRole('button', { name: 'Verificar el registro de la asociación' })
	).toHaveCount(0);
	await context.close();
});
