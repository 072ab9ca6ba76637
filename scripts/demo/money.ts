// The demo's money (issue 13): the Plan de Alianza approved in assembly and half executed. The
// first PAR tranche arrived, every family paid its first counterpart instalment, the treasurer
// bought with receipts (the tank's advance, the milking kits, the seed, the accompaniment), and
// the figures are domain.md §6.1's first-quarter report: Bs 215.730 in, Bs 96.085 out, Bs 123.065
// left (cash box 1.015, bank 122.050). Then this quarter: the second instalment from most
// families (six still owe it), the tank's balance paid on delivery. Made through the domain
// functions, as the treasurer would, with a small picture standing for each receipt's photo.
import { deflateSync } from 'node:zlib';
import { listVotingMembers, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Draft, Member } from '$lib/server/db/schema';
import {
	createAccount,
	getApprovedPlan,
	readMovementForm,
	recordMovement
} from '$lib/server/money';
import { recordConsensus } from '$lib/server/record';
import { DEMO_IN_ARREARS } from './data';

export interface MoneyDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
	plan: { draft: Draft; frozenVersion: number };
}

const DAY = 24 * 60 * 60 * 1000;
const TREASURER = 'german.torrico';
const SECRETARY = 'roxana.vargas';

/** YYYY-MM-DD `days` ago in Bolivia. */
function dayAgo(days: number): string {
	return new Date(Date.now() - days * DAY - 4 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function localInput(days: number, hour: number): string {
	return `${dayAgo(days)}T${String(hour).padStart(2, '0')}:00`;
}

// A small PNG (a pale slip of paper with a darker band), standing for the photo of a receipt.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
}
export function receiptPng(seed: number): Uint8Array {
	const w = 60;
	const h = 80;
	const rows: Buffer[] = [];
	for (let y = 0; y < h; y++) {
		const row = Buffer.alloc(1 + w * 3);
		for (let x = 0; x < w; x++) {
			const ink = y > 8 && y % 10 < 2 && x > 6 && x < 54 - ((y * seed) % 20);
			const v = ink ? 90 : 245 - (seed % 10);
			row.set([v, v, ink ? 110 : 235], 1 + x * 3);
		}
		rows.push(row);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(Buffer.concat(rows))),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

/**
 * The assembly of 25 July approved the plan by consensus: recorded in the register in its place,
 * after the earlier decisions and before this week's, so the register's dates stay in order.
 */
export async function approvePlan(demo: MoneyDemo): Promise<void> {
	const secretary = await demo.ctxOf(SECRETARY);
	await recordConsensus(demo.db, secretary, {
		title: 'Aprobación del Plan de Alianza con Lácteos del Valle (versión 2)',
		summary:
			'La asamblea aprobó por consenso el plan de inversiones, versión 2: Bs 530.600, de los que el PAR pone Bs 368.600, la asociación Bs 147.000 (Bs 105.780 en efectivo y Bs 41.220 en jornales y materiales) y el municipio Bs 15.000. Cada familia aporta Bs 4.410 en tres cuotas de Bs 1.470 y unos 17 jornales.',
		decidedAt: localInput(130, 12),
		version: { draftId: demo.plan.draft.id, number: demo.plan.frozenVersion }
	});
}

export async function seedMoney(demo: MoneyDemo): Promise<void> {
	const treasurer = await demo.ctxOf(TREASURER);
	const association = treasurer.association;
	const plan = (await getApprovedPlan(demo.db, association.id))!;
	const line = (code: string) => plan.lines.find((l) => l.code === code)!.id;
	const bank = await createAccount(demo.db, treasurer, {
		kind: 'bank',
		name: 'Banco Unión, cuenta 10000-2345678'
	});
	const cash = await createAccount(demo.db, treasurer, {
		kind: 'cash',
		name: 'Caja de la asociación'
	});
	let receipts = 0;
	const record = async (days: number, values: Record<string, string>, withReceipt = false) =>
		recordMovement(
			demo.db,
			treasurer,
			readMovementForm({ date: dayAgo(days), ...values }),
			withReceipt ? receiptPng(++receipts) : undefined
		);
	const households = await listVotingMembers(demo.db, association.id);
	const vocal = households.find((m) => m.name === 'Celestino Siles Orellana')!;
	const otherVocal = households.find((m) => m.name === 'Sabina Flores Mercado')!;
	const witnessFor = (m: Pick<Member, 'id'>) => String((m.id === vocal.id ? otherVocal : vocal).id);

	// First quarter of execution.
	await record(125, {
		kind: 'income',
		income_kind: 'other',
		account: String(bank.id),
		amount: '2.320',
		description: 'Saldo de la gestión anterior en el banco'
	});
	await record(125, {
		kind: 'income',
		income_kind: 'other',
		account: String(cash.id),
		amount: '1.100',
		description: 'Saldo de la gestión anterior en caja'
	});
	await record(118, {
		kind: 'income',
		income_kind: 'tranche',
		account: String(bank.id),
		amount: '180.000',
		description: '1.er desembolso PAR (Plan de Alianza)'
	});
	for (const [i, m] of households.entries())
		await record(115 - (i % 10), {
			kind: 'income',
			income_kind: 'counterpart',
			account: String(cash.id),
			amount: '1.470',
			description: '1.ª cuota de contraparte',
			payer: String(m.id),
			witness: witnessFor(m)
		});
	await record(100, {
		kind: 'income',
		income_kind: 'fines',
		account: String(cash.id),
		amount: '450',
		description: 'Multas por inasistencia a la asamblea (9 × Bs 50, la multa de entonces)'
	});
	await record(99, {
		kind: 'transfer',
		account: String(cash.id),
		to_account: String(bank.id),
		amount: '35.815',
		description: 'Depósito de las cuotas y multas en el banco'
	});
	const expense = (code: string | null, source: string, supplier: string, number: string) => ({
		kind: 'expense',
		account: String(bank.id),
		...(code ? { line: line(code), source } : {}),
		supplier,
		receipt_number: number
	});
	await record(
		96,
		{
			...expense('I-01', 'par', 'Inoxidables del Valle S.R.L.', '00123'),
			amount: '48.000',
			description: 'Tanque de enfriamiento de 2.000 L: anticipo del 50 %'
		},
		true
	);
	await record(
		90,
		{
			...expense('I-06', 'par', 'Agroveterinaria Punata', '4471'),
			amount: '13.440',
			description: '24 kits de ordeño higiénico (parte PAR)'
		},
		true
	);
	await record(
		90,
		{
			...expense('I-06', 'cash', 'Agroveterinaria Punata', '4471'),
			amount: '5.760',
			description: '24 kits de ordeño higiénico (parte de la contraparte, misma factura)',
			allow_duplicate: 'on'
		},
		true
	);
	await record(
		84,
		{
			...expense('I-04', 'par', 'Semillas Valle Alto', '0782'),
			amount: '23.400',
			description: 'Semilla de alfalfa y avena forrajera: 1.ª compra'
		},
		true
	);
	await record(
		62,
		{
			...expense('FO-01', 'cash', 'Lic. Marisol Antezana (acompañante contable)', 'Recibo 001-003'),
			amount: '5.400',
			description: 'Acompañante contable-organizativo, meses 1 a 3'
		},
		true
	);
	await record(60, {
		...expense(null, '', 'Banco Unión', 'Extracto trimestral'),
		amount: '85',
		description: 'Comisiones bancarias del trimestre'
	});

	// This quarter: the second instalment (six families still owe it) and the tank delivered.
	for (const [i, m] of households.entries()) {
		if (DEMO_IN_ARREARS.includes(m.name)) continue;
		await record(40 - (i % 12), {
			kind: 'income',
			income_kind: 'counterpart',
			account: String(cash.id),
			amount: '1.470',
			description: '2.ª cuota de contraparte',
			payer: String(m.id),
			witness: witnessFor(m)
		});
	}
	await record(26, {
		kind: 'transfer',
		account: String(cash.id),
		to_account: String(bank.id),
		amount: '26.000',
		description: 'Depósito de la 2.ª cuota en el banco'
	});
	await record(
		20,
		{
			...expense('I-01', 'par', 'Inoxidables del Valle S.R.L.', '00161'),
			amount: '36.000',
			description: 'Tanque de enfriamiento: saldo a la entrega e instalación (parte PAR)'
		},
		true
	);
	await record(
		20,
		{
			...expense('I-01', 'cash', 'Inoxidables del Valle S.R.L.', '00161'),
			amount: '12.000',
			description: 'Tanque de enfriamiento: saldo (contraparte en efectivo, misma factura)',
			allow_duplicate: 'on'
		},
		true
	);
	await record(
		12,
		{
			...expense('FO-01', 'cash', 'Lic. Marisol Antezana (acompañante contable)', 'Recibo 004-005'),
			amount: '3.600',
			description: 'Acompañante contable-organizativo, meses 4 y 5'
		},
		true
	);
	await record(
		5,
		{
			...expense('I-08', 'par', 'Agroveterinaria Punata', '4630'),
			amount: '4.200',
			description: 'Botiquín veterinario comunal: medicamentos de la 1.ª campaña'
		},
		true
	);
}
