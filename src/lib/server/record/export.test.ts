import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { setRegisterPublic } from '$lib/server/associations';
import {
	addMember,
	contextOf,
	makeAssociation,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { pdfText } from '$lib/server/testing/pdf';
import { castBallot, closeVote, createVote, openVote } from '$lib/server/voting';
import { canonicalJson } from '$lib/canonical';
import { verifyExport } from '$lib/record/chain';
import { decisionPdf, exportRegister, recordConsensus, registerCsv, registerExport } from './index';

let t: TestDb;
let fx: Fixture;

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => t.close());

async function consensus(title: string, summary = 'Se acordó en asamblea.') {
	return recordConsensus(t.db, fx.leaderCtx, { title, summary });
}

async function motion(title: string, answers: string[]) {
	const voters = [];
	for (let i = 0; i < answers.length; i++) voters.push(await addMember(t.db, fx, 'member'));
	const vote = await createVote(t.db, fx.leaderCtx, { title });
	await openVote(t.db, fx.leaderCtx, vote.id);
	for (const [i, answer] of answers.entries()) {
		await castBallot(t.db, voters[i].ctx, vote.id, { answer });
	}
	await closeVote(t.db, fx.leaderCtx, vote.id);
}

/** The CSV's rows as cells (a small reader for the quoting toCsv writes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

describe('decisions.json', () => {
	it('holds every entry in canonical form with its hash, and verifies', async () => {
		await motion('¿Compramos el tanque de frío?', ['yes', 'yes', 'no']);
		await consensus('Reglamento del agua');
		const anonymous = await contextOf(t.db, fx.slug, null);
		const doc = await exportRegister(t.db, anonymous, Date.UTC(2026, 0, 2));
		expect(doc).toMatchObject({
			format: 'minka-register',
			version: 1,
			association: { slug: fx.slug },
			exported_at: '2026-01-02T00:00:00.000Z',
			head: { seq: 2 }
		});
		expect(doc.entries.map((e) => e.seq)).toEqual([1, 2]);
		expect(verifyExport(doc)).toMatchObject({ ok: true, head: doc.head, count: 2 });
		const rows = await t.db
			.selectFrom('decision')
			.select(['entry', 'hash'])
			.orderBy('seq')
			.execute();
		const { hash, ...entry } = doc.entries[0];
		expect(canonicalJson(entry)).toBe(rows[0].entry);
		expect(hash).toBe(rows[0].hash);

		// The file is the canonical JSON of the document, one entry per line.
		let text = '';
		for await (const chunk of registerExport(t.db, anonymous, Date.UTC(2026, 0, 2))) text += chunk;
		expect(text.replace(/\n/g, '')).toBe(canonicalJson(doc));
		expect(text.split('\n')[1]).toBe(canonicalJson(doc.entries[0]) + ',');
	});

	it('exports an empty register that verifies, and a long one in batches', async () => {
		const anonymous = await contextOf(t.db, fx.slug, null);
		const empty = await exportRegister(t.db, anonymous);
		expect(empty.entries).toEqual([]);
		expect(verifyExport(empty).ok).toBe(true);
		for (let i = 1; i <= 520; i++) await consensus(`Acuerdo ${i}`);
		const long = await exportRegister(t.db, anonymous);
		expect(long.entries).toHaveLength(520);
		expect(verifyExport(long)).toMatchObject({ ok: true, count: 520 });
	});

	it('a changed entry in the export is caught and named', async () => {
		await consensus('Primero');
		await consensus('Segundo');
		const doc = await exportRegister(t.db, fx.leaderCtx);
		doc.entries[0].summary = 'Otra cosa';
		expect(verifyExport(doc)).toMatchObject({ ok: false, problem: { reason: 'hash', seq: 1 } });
	});

	it('is refused to outsiders when the register is private', async () => {
		await setRegisterPublic(t.db, fx.leaderCtx, false);
		const anonymous = await contextOf(t.db, fx.slug, null);
		expect(() => registerExport(t.db, anonymous)).toThrow(/forbidden/);
		expect((await rejection(registerCsv(t.db, anonymous))).code).toBe('forbidden');
		expect((await rejection(decisionPdf(t.db, anonymous, 1, 'carta'))).code).toBe('forbidden');
		expect((await exportRegister(t.db, fx.leaderCtx)).entries).toEqual([]);
	});
});

describe('decisions.csv', () => {
	it('one row per entry, quoted, with a BOM, and formulas defused', async () => {
		await motion('Tanque de frío, 2000 L', ['yes', 'no']);
		await consensus('=HYPERLINK("http://x.example","clic")', '+1 "dice" algo\n@SUM(A1)');
		const csv = await registerCsv(t.db, await contextOf(t.db, fx.slug, null));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, vote, agreed] = parseCsv(csv.slice(1));
		expect(header).toEqual([
			'Nº',
			'Fecha',
			'Cómo se decidió',
			'Clase de decisión',
			'Título',
			'Resultado',
			'Resumen',
			'Habilitados',
			'Votaron',
			'Hubo quórum',
			'Huella del texto (SHA-256)',
			'Huella anterior',
			'Huella'
		]);
		expect(vote.slice(0, 10)).toEqual([
			'1',
			expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
			'Votación',
			'Decisión ordinaria',
			'Tanque de frío, 2000 L',
			expect.any(String),
			expect.stringContaining('Votaron 2 de 3'),
			'3',
			'2',
			'Sí'
		]);
		expect(agreed[4]).toBe(`'=HYPERLINK("http://x.example","clic")`);
		expect(agreed[5]).toBe('Acordado por consenso');
		expect(agreed[6]).toBe(`'+1 "dice" algo\n@SUM(A1)`);
		expect(agreed.slice(7, 11)).toEqual(['', '', '', '']);
		expect(agreed[11]).toBe(vote[12]);
		expect(agreed[12]).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('the PDF of a decision', () => {
	it('says what was decided, the counts, the rules and the hashes', async () => {
		await motion('¿Compramos el tanque de frío?', ['yes', 'yes', 'no']);
		const bytes = await decisionPdf(t.db, await contextOf(t.db, fx.slug, null), 1, 'oficio');
		const { text } = await pdfText(bytes);
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('¿Compramos el tanque de frío?');
		expect(flat).toContain('Decisión Nº 1');
		expect(flat).toContain('Reglas aplicadas');
		expect(flat).toMatch(/Sí\s*2/);
		expect(flat).toMatch(/No\s*1/);
		const row = await t.db.selectFrom('decision').select('hash').executeTakeFirstOrThrow();
		expect(text.replace(/\s+/g, '')).toContain(row.hash);
		expect((await rejection(decisionPdf(t.db, fx.leaderCtx, 2, 'carta'))).code).toBe('not_found');
	});
});
