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
	addQuotation,
	answerObservation,
	awardPurchase,
	conformReport,
	createAccount,
	getApprovedPlan,
	getReportReview,
	householdKey,
	listHouseholds,
	observeReport,
	openPurchase,
	proposeReportVote,
	readQuotaForm,
	receiveTranche,
	recordLabour,
	recordMovement,
	requestTranche,
	setQuotas,
	submitReport,
	type MovementInput
} from '$lib/server/money';
import { confirmHandCount, enterHandCount, openVote } from '$lib/server/voting';
import { readAmount } from '$lib/money/amount';
import type { IncomeKind } from '$lib/money/vocabulary';
import { recordConsensus } from '$lib/server/record';
import {
	DEMO_IN_ARREARS,
	FIRST_QUARTER_PURCHASES,
	PROCUREMENTS,
	THIS_QUARTER_PURCHASES,
	type DemoPurchase
} from './data';

export interface MoneyDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
	plan: { draft: Draft; frozenVersion: number };
}

const DAY = 24 * 60 * 60 * 1000;
const TREASURER = 'german.torrico';
const SECRETARY = 'roxana.vargas';
const PRESIDENT = 'justina.mamani';
/** The president of the vigilance committee (control social). */
const VIGILANCE = 'teodoro.montano';

/** YYYY-MM-DD `days` ago in Bolivia. */
export function dayAgo(days: number): string {
	return new Date(Date.now() - days * DAY - 4 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A movement of the story: its amount in bolivianos as typed, and whether a photo goes with it. */
type DemoMovement = Partial<MovementInput> &
	Pick<MovementInput, 'kind' | 'accountId' | 'description'> & { bs: string; receipt?: boolean };

function centavos(bs: string): number {
	const read = readAmount(bs);
	if (!read.ok) throw new Error(`demo amount ${bs}: ${read.problem}`);
	return read.value;
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
	const households = await listVotingMembers(demo.db, association.id);
	await splitCounterpart(demo, treasurer, plan.seq);
	const vocal = households.find((m) => m.name === 'Celestino Siles Orellana')!;
	const otherVocal = households.find((m) => m.name === 'Sabina Flores Mercado')!;
	// Each family's cash counterpart is received before a vocal of the vigilance committee.
	const witnessFor = (m: Pick<Member, 'id'>) => (m.id === vocal.id ? otherVocal : vocal).id;

	let receipts = 0;
	const record = async (days: number, movement: DemoMovement) => {
		const { bs, receipt, ...rest } = movement;
		const input: MovementInput = {
			incomeKind: null,
			toAccountId: null,
			lineId: null,
			source: null,
			supplier: null,
			receiptNumber: null,
			payerMemberId: null,
			witnessMemberId: null,
			allowDuplicate: false,
			...rest,
			amount: centavos(bs),
			date: dayAgo(days)
		};
		await recordMovement(demo.db, treasurer, input, receipt ? receiptPng(++receipts) : undefined);
	};
	const income = (account: number, incomeKind: IncomeKind, bs: string, description: string) =>
		({ kind: 'income', incomeKind, accountId: account, bs, description }) as const;
	const transfer = (bs: string, description: string) =>
		({
			kind: 'transfer',
			accountId: cash.id,
			toAccountId: bank.id,
			bs,
			description
		}) as const;
	const counterpart = (m: Pick<Member, 'id'>, description: string) => ({
		...income(cash.id, 'counterpart', '1.470', description),
		payerMemberId: m.id,
		witnessMemberId: witnessFor(m)
	});
	/** A purchase paid from the bank with its receipt, charged to a plan line and its source. */
	const purchase = (p: DemoPurchase): DemoMovement => ({
		kind: 'expense',
		accountId: bank.id,
		lineId: line(p.line),
		source: p.source,
		supplier: p.supplier,
		receiptNumber: p.number,
		bs: p.bs,
		description: p.what,
		// One invoice paid from two sources is recorded twice, on purpose.
		allowDuplicate: p.again === true,
		purchaseId: awarded.get(p.line) ?? null,
		receipt: true
	});

	// Purchases above the threshold: three quotations each, the cheapest awarded in the register,
	// before the first invoice; each expense of that line then pays the awarded purchase.
	const awarded = new Map<string, number>();
	let documents = 1000;
	for (const p of PROCUREMENTS) {
		const at = Date.now() - p.days * DAY;
		const id = await openPurchase(demo.db, treasurer, { title: p.title, lineId: line(p.line) }, at);
		const quotations: number[] = [];
		for (const [i, offer] of p.offers.entries())
			quotations.push(
				await addQuotation(
					demo.db,
					treasurer,
					id,
					{ supplier: offer.supplier, amount: offer.bs, terms: offer.terms },
					receiptPng(++documents),
					at + i * 3_600_000
				)
			);
		await awardPurchase(
			demo.db,
			treasurer,
			id,
			{ quotationId: quotations[0], reason: '' },
			at + 3 * DAY
		);
		awarded.set(p.line, id);
	}

	// First quarter of execution.
	await record(125, income(bank.id, 'other', '2.320', 'Saldo de la gestión anterior en el banco'));
	await record(125, income(cash.id, 'other', '1.100', 'Saldo de la gestión anterior en caja'));
	// The first tranche, requested with the plan approved and arriving four days later.
	await requestTranche(
		demo.db,
		treasurer,
		{ amount: centavos('180.000'), cutoff: dayAgo(122) },
		Date.now() - 122 * DAY
	);
	await receiveTranche(
		demo.db,
		treasurer,
		1,
		{ accountId: bank.id, amount: centavos('180.000'), date: dayAgo(118) },
		Date.now() - 118 * DAY
	);
	for (const [i, m] of households.entries())
		await record(115 - (i % 10), counterpart(m, '1.ª cuota de contraparte'));
	await record(
		100,
		income(
			cash.id,
			'fines',
			'450',
			'Multas por inasistencia a la asamblea (9 × Bs 50, la multa de entonces)'
		)
	);
	await record(99, transfer('35.815', 'Depósito de las cuotas y multas en el banco'));
	for (const p of FIRST_QUARTER_PURCHASES) await record(p.days, purchase(p));
	await record(60, {
		kind: 'expense',
		accountId: bank.id,
		supplier: 'Banco Unión',
		receiptNumber: 'Extracto trimestral',
		bs: '85',
		description: 'Comisiones bancarias del trimestre'
	});

	// This quarter: the second instalment (six families still owe it) and the tank delivered.
	for (const [i, m] of households.entries()) {
		if (DEMO_IN_ARREARS.includes(m.name)) continue;
		await record(40 - (i % 12), counterpart(m, '2.ª cuota de contraparte'));
	}
	await record(26, transfer('26.000', 'Depósito de la 2.ª cuota en el banco'));
	for (const p of THIS_QUARTER_PURCHASES) await record(p.days, purchase(p));

	await workLabourDays(demo, treasurer, households, witnessFor);
}

/**
 * The quarter closed: the reports reviewed, and the second tranche requested with the descargo of
 * everything spent since the first (after the technician's fees, scripts/demo/assistance.ts).
 */
export async function closeQuarter(demo: MoneyDemo): Promise<void> {
	await reviewReports(demo);
	await requestTranche(
		demo.db,
		await demo.ctxOf(TREASURER),
		{ amount: centavos('150.000'), cutoff: dayAgo(3) },
		Date.now() - 2 * DAY
	);
}

/**
 * The assembly's split of the counterpart (the plan's approval): Bs 4.410 and 17 jornales per
 * family in three instalments, the third not yet due.
 */
async function splitCounterpart(demo: MoneyDemo, treasurer: AssociationContext, planSeq: number) {
	const keys = (await listHouseholds(demo.db, treasurer.association.id)).map((h) => h.key);
	for (const [days, jornales] of [
		[100, '6'],
		[30, '6'],
		[-75, '5']
	] as const)
		await setQuotas(
			demo.db,
			treasurer,
			readQuotaForm({
				due_on: dayAgo(days),
				agreed_by: 'Acta de la asamblea que aprobó el Plan de Alianza (versión 2)',
				decision: String(planSeq),
				cash_all: '1.470',
				days_all: jornales,
				...Object.fromEntries(keys.map((k) => [`cash:${k}`, '']))
			}),
			Date.now() - 129 * DAY
		);
}

/** Jornales on the plan's works, each witnessed by a vocal: the families in arrears fell behind. */
async function workLabourDays(
	demo: MoneyDemo,
	treasurer: AssociationContext,
	households: Pick<Member, 'id' | 'name' | 'household'>[],
	witnessFor: (m: Pick<Member, 'id'>) => number
) {
	for (const [i, m] of households.entries()) {
		const household = householdKey(m);
		const late = DEMO_IN_ARREARS.includes(m.name);
		const works: [days: number, jornales: string, note: string][] = [
			[104 - (i % 5), '6', 'Limpieza y nivelado del terreno de la sala de acopio'],
			[36 - (i % 6), late ? '2' : '6', 'Zanjas y tendido de tubería del riego por aspersión']
		];
		for (const [days, jornales, note] of works)
			await recordLabour(
				demo.db,
				treasurer,
				{
					household,
					date: dayAgo(days),
					tenths: Number(jornales) * 10,
					note,
					witnessMemberId: witnessFor(m)
				},
				Date.now() - days * DAY
			);
	}
}

/**
 * The first quarter's report handed in, observed by the vigilance committee, answered and found
 * conforme, then approved by a hand count in the room; this quarter's handed in and observed.
 */
async function reviewReports(demo: MoneyDemo) {
	const treasurer = await demo.ctxOf(TREASURER);
	const vigilance = await demo.ctxOf(VIGILANCE);
	const secretary = await demo.ctxOf(SECRETARY);
	const at = (days: number) => Date.now() - days * DAY;
	const first = await submitReport(
		demo.db,
		treasurer,
		{ from: dayAgo(124), to: dayAgo(50) },
		at(48)
	);
	await observeReport(
		demo.db,
		vigilance,
		first.id,
		{ body: 'Se pide adjuntar la tercera cotización del tanque.' },
		at(46)
	);
	const observation = (await getReportReview(demo.db, vigilance, first.id)).events[0].id;
	await answerObservation(
		demo.db,
		treasurer,
		first.id,
		{
			observationId: observation,
			body: 'Las tres cotizaciones del tanque están en la compra, cada una con su documento: Inoxidables del Valle, Frío Andino y Metalmecánica Cochabamba.'
		},
		at(45)
	);
	await conformReport(demo.db, vigilance, first.id, { body: 'Conforme.' }, at(44));
	const { voteId } = await proposeReportVote(
		demo.db,
		secretary,
		first.id,
		{ inRoom: true },
		at(42)
	);
	await openVote(demo.db, secretary, voteId, at(42));
	await enterHandCount(
		demo.db,
		secretary,
		voteId,
		{ counts: { yes: 18, no: 0, abstain: 3 }, present: 19, represented: 2 },
		at(42)
	);
	await confirmHandCount(demo.db, await demo.ctxOf(PRESIDENT), voteId, at(42));

	const second = await submitReport(demo.db, treasurer, { from: dayAgo(49), to: dayAgo(3) }, at(2));
	await observeReport(
		demo.db,
		vigilance,
		second.id,
		{
			body: 'El saldo del tanque se pagó con la factura Nº 00161: falta el acta de entrega firmada por el proveedor y por la directiva.'
		},
		at(1)
	);
}
