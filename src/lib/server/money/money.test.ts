// The ledger on a real database: accounts, movements, the approved plan in execution, receipts,
// reversals, append-only storage and tamper detection.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import type { AssociationContext } from '$lib/server/associations';
import {
	accountBalances,
	createAccount,
	getExecution,
	getMoneyPage,
	getReceipt,
	ledgerCsv,
	ledgerJson,
	listAccounts,
	listMovements,
	readMovementForm,
	recordMovement,
	renderMoneySummaryPdf,
	reverseMovement,
	verifyLedgerExport,
	verifyMoneyDb
} from './index';
import { pdfText } from '$lib/server/testing/pdf';
import {
	approvePlan as approveTestPlan,
	reformulatePlan as reformulateTestPlan
} from '$lib/server/testing/money';
import { main } from '../../../../scripts/verify';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let member: AssociationContext;
let bank: number;
let cash: number;

const NOW = Date.UTC(2026, 5, 15, 15, 0);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%fake\n');

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	member = (await addMember(t.db, fx, 'member')).ctx;
	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
	cash = (await createAccount(t.db, treasurer, { kind: 'cash', name: 'Caja chica' }, NOW)).id;
});
afterEach(async () => {
	await t.close();
});

function form(values: Record<string, string>) {
	return readMovementForm({ date: '2026-06-10', description: 'Movimiento', ...values }, NOW);
}

async function income(account: number, amount: string) {
	return recordMovement(
		t.db,
		treasurer,
		form({ kind: 'income', income_kind: 'tranche', account: String(account), amount }),
		undefined,
		NOW
	);
}

/** A plan approved by consensus: a tank (PAR 84.000 + cash 12.000) and seed (PAR 20.000). */
function approvePlan(): Promise<number> {
	return approveTestPlan(t.db, fx, [
		['tank', 'I-01', 'Tanque', 8_400_000, 1_200_000],
		['seed', 'I-04', 'Semilla', 2_000_000, 0]
	]);
}

/** Line expenses here are not purchases with quotations (purchases.test.ts covers those). */
async function withoutQuotations() {
	await t.db
		.insertInto('rule_set')
		.values({
			association_id: fx.leaderCtx.association.id,
			rules: JSON.stringify({ quotationThresholdCents: 10_000_000 }),
			updated_by: null,
			updated_at: NOW
		})
		.execute();
}

function expense(values: Record<string, string>) {
	return form({
		kind: 'expense',
		account: String(bank),
		supplier: 'Inoxidables del Valle',
		receipt_number: '00123',
		...values
	});
}

describe('accounts and movements', () => {
	it('keeps balances as the sum of movements, transfers moving money between accounts', async () => {
		await income(bank, '180.000');
		await recordMovement(
			t.db,
			treasurer,
			form({ kind: 'transfer', account: String(bank), to_account: String(cash), amount: '1.000' }),
			undefined,
			NOW
		);
		const accounts = await listAccounts(t.db, fx.leaderCtx.association.id);
		expect(Object.fromEntries(accounts.map((a) => [a.name, a.balance]))).toEqual({
			'Banco Unión': 17_900_000,
			'Caja chica': 100_000
		});
	});

	it('refuses a cash expense above the cash balance, and writes nothing', async () => {
		await income(cash, '50');
		const err = await rejection(
			recordMovement(
				t.db,
				treasurer,
				expense({ account: String(cash), amount: '80', receipt_number: 'R-1' }),
				undefined,
				NOW
			)
		);
		expect(err.messageRef.key).toBe('error_money_balance_short');
		expect(await listMovements(t.db, fx.leaderCtx.association.id)).toHaveLength(1);
	});

	it('reads bad input as field errors: negative, absurd, future, unknown kind', async () => {
		const bad = (values: Record<string, string>) => {
			try {
				form(values);
			} catch (err) {
				return (err as { fields: Record<string, { key: string }> }).fields;
			}
			throw new Error('accepted');
		};
		expect(
			bad({ kind: 'income', income_kind: 'tranche', account: '1', amount: '-5' }).amount.key
		).toBe('error_money_amount_positive');
		expect(
			bad({ kind: 'income', income_kind: 'tranche', account: '1', amount: '999999999999' }).amount
				.key
		).toBe('error_money_amount_large');
		expect(
			bad({ kind: 'income', income_kind: 'tranche', account: '1', amount: '5', date: '2026-07-01' })
				.date.key
		).toBe('error_money_date_future');
		expect(bad({ kind: 'gift', account: '1', amount: '5' }).kind.key).toBe('error_choice');
	});

	it('only the treasurer records; members read', async () => {
		const err = await rejection(
			recordMovement(
				t.db,
				member,
				form({ kind: 'income', income_kind: 'fines', account: String(cash), amount: '30' })
			)
		);
		expect(err.code).toBe('forbidden');
		await rejection(createAccount(t.db, fx.leaderCtx, { kind: 'cash', name: 'Otra' }));
	});

	it('a reversal cites the original and nets to zero; a movement is reversed once', async () => {
		const mv = await income(bank, '1.000');
		const r = await reverseMovement(t.db, treasurer, Number(mv.seq), 'Monto equivocado', NOW);
		expect(Number(r.reverses_seq)).toBe(Number(mv.seq));
		const accounts = await listAccounts(t.db, fx.leaderCtx.association.id);
		expect(accounts.find((a) => a.id === bank)!.balance).toBe(0);
		const list = await listMovements(t.db, fx.leaderCtx.association.id);
		expect(list.find((x) => x.seq === Number(mv.seq))!.reversedBy).toBe(Number(r.seq));
		expect(
			(await rejection(reverseMovement(t.db, treasurer, Number(mv.seq), 'Otra vez', NOW)))
				.messageRef.key
		).toBe('error_money_already_reversed');
	});
});

describe('the plan in execution', () => {
	it('charges expenses to a line and source of the approved plan and refuses overspending', async () => {
		await approvePlan();
		await withoutQuotations();
		await income(bank, '200.000');
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '48.000', line: 'tank', source: 'par' }),
			PNG,
			NOW
		);
		const exec = (await getExecution(t.db, fx.leaderCtx.association.id))!;
		const tank = exec.execution.lines.find((l) => l.id === 'tank')!;
		expect(tank.bySource.par).toEqual({
			planned: 8_400_000,
			committed: 0,
			spent: 4_800_000,
			remaining: 3_600_000
		});
		const over = await rejection(
			recordMovement(
				t.db,
				treasurer,
				expense({ amount: '36.000,01', line: 'tank', source: 'par', receipt_number: '00124' }),
				PNG,
				NOW
			)
		);
		expect(over.messageRef.key).toBe('error_money_line_over');
		expect(over.messageRef.params?.remaining).toBe('Bs 36.000,00');
		// A line the plan does not have, and a line expense without its receipt.
		expect(
			(
				await rejection(
					recordMovement(
						t.db,
						treasurer,
						expense({ amount: '1', line: 'silo', source: 'par' }),
						PNG
					)
				)
			).fields.line.key
		).toBe('error_money_line');
		expect(
			(
				await rejection(
					recordMovement(
						t.db,
						treasurer,
						expense({ amount: '1', line: 'seed', source: 'par', receipt_number: 'X' })
					)
				)
			).fields.receipt.key
		).toBe('error_money_receipt_missing');
	});

	it('prints the plan against what was spent on one sheet, each line with its bar and figures', async () => {
		await approvePlan();
		await withoutQuotations();
		await income(bank, '200.000');
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '48.000', line: 'tank', source: 'par' }),
			PNG,
			NOW
		);
		const url = 'https://minka.example/a/apicultores/money';
		for (const paper of ['carta', 'oficio'] as const) {
			const bytes = await renderMoneySummaryPdf({
				association: member.association,
				money: await getMoneyPage(t.db, member),
				url,
				locale: 'es',
				paper,
				now: NOW
			});
			const { pages, text } = await pdfText(bytes);
			expect(pages).toBe(1);
			expect(text).toContain('¿En qué se gastó la plata?');
			expect(text).toContain('Banco Unión (Banco)');
			expect(text).toContain('I-01 · Tanque');
			expect(text).toContain('Bs 48.000,00 gastado de Bs 96.000,00 planificado · 50 %');
			expect(text).toContain('Bs 0,00 gastado de Bs 20.000,00 planificado · 0 %');
			expect(text).toContain(url);
			expect(text).toContain('Preparado el 15 de junio de 2026');
		}
	});

	it('flags the same supplier and number twice before saving, unless confirmed', async () => {
		await approvePlan();
		await income(bank, '200.000');
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '100', line: 'seed', source: 'par' }),
			PDF
		);
		const dup = await rejection(
			recordMovement(
				t.db,
				treasurer,
				expense({
					amount: '100',
					line: 'seed',
					source: 'par',
					receipt_number: '123',
					supplier: 'INOXIDABLES del valle'
				}),
				PDF
			)
		);
		expect(dup.fields.receipt_number.key).toBe('error_money_receipt_duplicate_field');
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '100', line: 'seed', source: 'par', allow_duplicate: 'on' }),
			PDF
		);
		expect(await listMovements(t.db, fx.leaderCtx.association.id)).toHaveLength(3);
	});

	it('stores the receipt by its bytes and SHA-256, refusing what is not an image or PDF', async () => {
		await approvePlan();
		await income(bank, '200.000');
		const bad = await rejection(
			recordMovement(
				t.db,
				treasurer,
				expense({ amount: '100', line: 'seed', source: 'par' }),
				new TextEncoder().encode('<html>not a receipt</html>')
			)
		);
		expect(bad.fields.receipt.key).toBe('error_money_receipt_type');
		const mv = await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '100', line: 'seed', source: 'par' }),
			PNG
		);
		const file = await getReceipt(t.db, member, Number(mv.receipt_id));
		expect(file?.mime).toBe('image/png');
		expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.parse(mv.entry).receipt.sha256).toBe(file?.sha256);
	});
});

describe('tamper evidence', () => {
	it('the database refuses UPDATE and DELETE of a movement', async () => {
		await income(bank, '10');
		await expect(sql`update money_movement set amount = 1`.execute(t.db)).rejects.toThrow(
			/append-only/
		);
		await expect(sql`delete from money_movement`.execute(t.db)).rejects.toThrow(/append-only/);
	});

	it('verify names the first movement edited behind the app', async () => {
		for (let i = 0; i < 4; i++) await income(bank, '10');
		expect((await verifyMoneyDb(t.db)).ok).toBe(true);
		// Someone with the database file drops the trigger and edits movement 2's amount.
		await sql`drop trigger ${sql.raw(process.env.TEST_POSTGRES_URL ? 'money_movement_no_change on money_movement' : 'money_movement_no_update')}`.execute(
			t.db
		);
		await sql`update money_movement set amount = 99999 where seq = 2`.execute(t.db);
		let report = await verifyMoneyDb(t.db);
		expect(report.ok).toBe(false);
		const check = report.associations.find((c) => c.slug === fx.slug)!;
		expect(check.result).toMatchObject({ ok: false, problem: { seq: 2, reason: 'column' } });
		expect(report.missing.length).toBeGreaterThan(0);
		// And the entry itself rewritten, with a hash that no longer matches.
		await sql`update money_movement set entry = replace(entry, '"amount":1000', '"amount":5000') where seq = 3`.execute(
			t.db
		);
		report = await verifyMoneyDb(t.db);
		expect(report.associations.find((c) => c.slug === fx.slug)!.result).toMatchObject({
			ok: false,
			problem: { seq: 2 }
		});
	});

	it('exports a ledger JSON whose chain verifies, and a CSV', async () => {
		await income(bank, '180.000');
		await income(cash, '352,80');
		const { text, sha256 } = await ledgerJson(t.db, member, NOW);
		expect(sha256).toMatch(/^[0-9a-f]{64}$/);
		const doc = JSON.parse(text);
		expect(verifyLedgerExport(doc)).toMatchObject({ ok: true, count: 2 });
		doc.movements[0].amount = 1;
		expect(verifyLedgerExport(doc)).toMatchObject({
			ok: false,
			problem: { seq: 1, reason: 'hash' }
		});
		const csv = await ledgerCsv(t.db, member);
		expect(csv).toContain('180000.00');
		expect(csv).toContain('352.80');
	});
});

describe('a reformulation', () => {
	it('keeps what was spent under the earlier version against the same lines', async () => {
		const draftId = await approvePlan();
		await withoutQuotations();
		await income(bank, '200.000');
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '80.000', line: 'tank', source: 'par' }),
			PNG,
			NOW
		);
		// The assembly moves Bs 10.000 of PAR from the seed to the tank.
		await reformulateTestPlan(t.db, fx, draftId, [
			['tank', 'I-01', 'Tanque', 9_400_000, 1_200_000],
			['seed', 'I-04', 'Semilla', 1_000_000, 0]
		]);
		const found = (await getExecution(t.db, fx.leaderCtx.association.id))!;
		expect(found.plan.hashes).toHaveLength(2);
		const tank = found.execution.lines.find((l) => l.id === 'tank')!;
		expect(tank.bySource.par).toMatchObject({ planned: 9_400_000, spent: 8_000_000 });
		// Spending beyond the reformulated line is still refused: 14.000 remain, not 94.000.
		const over = await rejection(
			recordMovement(
				t.db,
				treasurer,
				expense({ amount: '15.000', line: 'tank', source: 'par', receipt_number: '00200' }),
				PNG,
				NOW
			)
		);
		expect(over.messageRef).toMatchObject({ key: 'error_money_line_over' });
		const page = await getMoneyPage(t.db, member);
		expect(page.lines.find((l) => l.id === 'tank')!.count).toBe(1);
	});
});

describe('running totals', () => {
	it('keep each balance and each line’s spending as the movements sum them, and verify names one edited', async () => {
		await approvePlan();
		await withoutQuotations();
		await income(bank, '50.000');
		const spent = await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '8.000', line: 'tank', source: 'par' }),
			PNG,
			NOW
		);
		await reverseMovement(t.db, treasurer, spent.seq, 'Monto equivocado', NOW);
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '3.000', line: 'tank', source: 'par', receipt_number: '00124' }),
			PNG,
			NOW
		);
		const id = fx.leaderCtx.association.id;
		expect((await accountBalances(t.db, id)).get(bank)).toBe(4_700_000);
		const found = (await getExecution(t.db, id))!;
		expect(found.execution.lines.find((l) => l.id === 'tank')!.bySource.par.spent).toBe(300_000);
		expect((await verifyMoneyDb(t.db)).totals).toEqual([]);
		// A total edited behind the app is named; the movements stay the truth.
		await sql`update money_total set total = total + 1 where key like 'a:%'`.execute(t.db);
		const report = await verifyMoneyDb(t.db);
		expect(report.ok).toBe(false);
		expect(report.totals).toEqual([{ association: fx.slug, key: `a:${bank}` }]);
	});
});

describe.skipIf(Boolean(process.env.TEST_POSTGRES_URL))('npm run verify -- --db', () => {
	async function verify(args: string[]) {
		const lines: string[] = [];
		const log = vi.spyOn(console, 'log').mockImplementation((line = '') => lines.push(line));
		const previous = process.env.DATABASE_URL;
		process.env.DATABASE_URL = t.url;
		try {
			return { status: await main(args), stdout: lines.join('\n') };
		} finally {
			log.mockRestore();
			process.env.DATABASE_URL = previous;
		}
	}

	it('passes an intact ledger and names the first movement edited behind the app', async () => {
		for (let i = 0; i < 3; i++) await income(bank, '10');
		const ok = await verify(['--db', '--association', fx.slug]);
		expect(ok.stdout).toContain('Movimientos de plata: íntegros (3;');
		expect(ok.status).toBe(0);
		await sql`drop trigger money_movement_no_update`.execute(t.db);
		await sql`update money_movement set entry = replace(entry, '"amount":1000', '"amount":100000') where seq = 2`.execute(
			t.db
		);
		const bad = await verify(['--db', '--association', fx.slug]);
		expect(bad.stdout).toContain('ALTERADOS desde el movimiento Nº 2');
		expect(bad.stdout).toContain('money_movement UPDATE');
		expect(bad.status).toBe(1);
	});
});
