// Property tests on random ledgers (a seeded generator, so a failure reproduces).
import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '$lib/drafts/budget';
import {
	balances,
	fitsLine,
	lineSourceKey,
	movementEffect,
	planExecution,
	spentByLine,
	spentShare,
	type LedgerMovement
} from './ledger';
import { SOURCES, supplierKey } from './vocabulary';
import { sealMovement, verifyMovements, GENESIS, type MovementEntry } from './chain';

function prng(seed: number) {
	let s = seed >>> 0;
	return (n: number) => {
		s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
		return s % n;
	};
}

function randomLines(rand: (n: number) => number): BudgetLine[] {
	return Array.from({ length: 1 + rand(6) }, (_, i) => ({
		id: `l${i}`,
		code: `I-0${i}`,
		title: `Línea ${i}`,
		description: '',
		category: 'equipment',
		unit: 'pieza',
		quantity: 1,
		unit_cost: 0,
		par: rand(10_000_000),
		cash: rand(2_000_000),
		in_kind: rand(1_000_000),
		municipality: rand(3) === 0 ? rand(1_000_000) : 0
	}));
}

function randomMovements(rand: (n: number) => number, lines: BudgetLine[]): LedgerMovement[] {
	const out: LedgerMovement[] = [];
	for (let i = 0; i < 60; i++) {
		const kind = (['income', 'expense', 'transfer'] as const)[rand(3)];
		const line = lines[rand(lines.length)];
		const mv: LedgerMovement = {
			kind,
			account: 1 + rand(3),
			toAccount: kind === 'transfer' ? 1 + rand(3) : null,
			amount: 1 + rand(500_000),
			lineId: kind === 'expense' && rand(4) > 0 ? line.id : null,
			source: null,
			reverses: null
		};
		if (mv.lineId) mv.source = SOURCES[rand(SOURCES.length)];
		out.push(mv);
		// Now and then, a reversal of an earlier movement.
		if (rand(5) === 0) out.push({ ...out[rand(out.length)], reverses: i + 1 });
	}
	return out;
}

describe('ledger arithmetic (random ledgers)', () => {
	for (let seed = 1; seed <= 200; seed++) {
		it(`seed ${seed}: planned = committed + spent + remaining; balances = Σ effects`, () => {
			const rand = prng(seed);
			const lines = randomLines(rand);
			const movements = randomMovements(rand, lines);
			const exec = planExecution(lines, spentByLine(movements));
			for (const line of exec.lines)
				for (const s of SOURCES) {
					const e = line.bySource[s];
					expect(e.planned).toBe(e.committed + e.spent + e.remaining);
				}
			expect(exec.total.planned).toBe(exec.total.spent + exec.total.remaining);
			const total = SOURCES.reduce((n, s) => n + exec.bySource[s].spent, 0);
			expect(exec.total.spent).toBe(total);
			// Balances: the sum over accounts of all effects; transfers add nothing overall.
			const b = balances(movements);
			const net = [...b.values()].reduce((n, v) => n + v, 0);
			const expected = movements.reduce((n, mv) => {
				const s = mv.reverses === null ? 1 : -1;
				return (
					n + (mv.kind === 'income' ? s * mv.amount : mv.kind === 'expense' ? -s * mv.amount : 0)
				);
			}, 0);
			expect(net).toBe(expected);
			for (const v of b.values()) expect(Number.isInteger(v)).toBe(true);
		});
	}

	it('a reversal nets every effect to zero', () => {
		const rand = prng(7);
		for (let i = 0; i < 100; i++) {
			const mv: LedgerMovement = {
				kind: (['income', 'expense', 'transfer'] as const)[rand(3)],
				account: 1,
				toAccount: 2,
				amount: 1 + rand(1_000_000),
				lineId: 'l0',
				source: 'par',
				reverses: null
			};
			const both = [mv, { ...mv, reverses: 1 }];
			for (const v of balances(both).values()) expect(v).toBe(0);
			expect(spentByLine(both).get(lineSourceKey('l0', 'par')) ?? 0).toBe(0);
			expect(movementEffect(mv).length).toBeGreaterThan(0);
		}
	});

	it('a line fits only what is left of its source', () => {
		const lines = randomLines(prng(3));
		const exec = planExecution(lines, new Map([[lineSourceKey('l0', 'par'), 100]]));
		const left = lines[0].par - 100;
		expect(fitsLine(exec, 'l0', 'par', left)).toEqual({ ok: true });
		expect(fitsLine(exec, 'l0', 'par', left + 1)).toEqual({ ok: false, remaining: left });
		expect(fitsLine(exec, 'nope', 'par', 1)).toEqual({ ok: false, remaining: 0 });
		expect(spentShare({ planned: 200, spent: 100 })).toBe(0.5);
		expect(spentShare({ planned: 0, spent: 0 })).toBe(0);
	});

	it('supplier and number compare without case, accents, spaces or leading zeros', () => {
		expect(supplierKey('Ferretería  Don Lucho', 'Nº 00123')).toBe(
			supplierKey('FERRETERIA DON LUCHO', 'n 123')
		);
		expect(supplierKey('A', '1')).not.toBe(supplierKey('A', '2'));
	});
});

describe('movement chain', () => {
	function chain(n: number) {
		let prev = GENESIS;
		return Array.from({ length: n }, (_, i) => {
			const entry: MovementEntry = {
				v: 1,
				association: 'asoc',
				seq: i + 1,
				prev,
				kind: 'income',
				income_kind: 'tranche',
				account: 'Banco',
				to_account: null,
				amount: 100 * (i + 1),
				date: '2026-01-01',
				description: 'x',
				line: null,
				receipt: null,
				household: null,
				reverses: null,
				recorded_by: 'Tesorero',
				recorded_at: '2026-01-01T00:00:00.000Z'
			};
			const sealed = sealMovement(entry);
			const row = { seq: i + 1, entry: sealed.text, prev_hash: prev, hash: sealed.hash };
			prev = sealed.hash;
			return row;
		});
	}

	it('verifies an intact chain and names the first bad movement', () => {
		const rows = chain(5);
		expect(verifyMovements(rows, 'asoc')).toMatchObject({ ok: true, count: 5 });
		const edited = rows.map((r, i) =>
			i === 2 ? { ...r, entry: r.entry.replace('"amount":300', '"amount":301') } : r
		);
		expect(verifyMovements(edited, 'asoc')).toMatchObject({
			ok: false,
			problem: { seq: 3, reason: 'hash' }
		});
		expect(verifyMovements([rows[0], rows[2]], 'asoc')).toMatchObject({
			ok: false,
			problem: { seq: 2, reason: 'sequence' }
		});
		expect(verifyMovements(rows, 'otra')).toMatchObject({ ok: false, problem: { seq: 1 } });
	});
});
