// Centavo arithmetic of the ledger: what a movement does to each account, balances, and the plan
// in execution (per line and source: planned, committed, spent, remaining). Pure: the server sums
// with SQL and hands the sums here; the tests check the identities on random ledgers.
import type { BudgetLine } from '$lib/drafts/budget';
import { SOURCES, type MovementKind, type Source } from './vocabulary';

export interface LedgerMovement {
	kind: MovementKind;
	account: number;
	toAccount: number | null;
	/** Centavos, positive. */
	amount: number;
	lineId: string | null;
	source: string | null;
	/** Set on a reversal: the seq of the movement it undoes (with the same kind, accounts, line). */
	reverses: number | null;
}

/** +1 for a movement, −1 for the reversal of one. */
export function sign(mv: Pick<LedgerMovement, 'reverses'>): 1 | -1 {
	return mv.reverses === null ? 1 : -1;
}

/** The change each account sees, in centavos. */
export function movementEffect(mv: LedgerMovement): [account: number, delta: number][] {
	const a = sign(mv) * mv.amount;
	switch (mv.kind) {
		case 'income':
			return [[mv.account, a]];
		case 'expense':
			return [[mv.account, -a]];
		case 'transfer':
			return [
				[mv.account, -a],
				[mv.toAccount ?? mv.account, a]
			];
	}
}

/** Each account's balance: the sum of what its movements did to it. */
export function balances(movements: Iterable<LedgerMovement>): Map<number, number> {
	const out = new Map<number, number>();
	for (const mv of movements)
		for (const [account, delta] of movementEffect(mv))
			out.set(account, (out.get(account) ?? 0) + delta);
	return out;
}

export function lineSourceKey(lineId: string, source: string): string {
	return `${lineId}\u0000${source}`;
}

/** Spent per line and source (key: lineSourceKey): expenses minus their reversals. */
export function spentByLine(movements: Iterable<LedgerMovement>): Map<string, number> {
	const out = new Map<string, number>();
	for (const mv of movements) {
		if (mv.kind !== 'expense' || mv.lineId === null || mv.source === null) continue;
		const key = lineSourceKey(mv.lineId, mv.source);
		out.set(key, (out.get(key) ?? 0) + sign(mv) * mv.amount);
	}
	return out;
}

export interface SourceExecution {
	planned: number;
	/** Promised but not yet paid (an awarded purchase not yet settled). */
	committed: number;
	spent: number;
	/** planned − committed − spent. Negative only for a plan spent beyond by a past rule. */
	remaining: number;
}

export interface LineExecution {
	id: string;
	code: string;
	title: string;
	category: string;
	bySource: Record<Source, SourceExecution>;
	total: SourceExecution;
}

export interface PlanExecution {
	lines: LineExecution[];
	bySource: Record<Source, SourceExecution>;
	total: SourceExecution;
}

function zero(): SourceExecution {
	return { planned: 0, committed: 0, spent: 0, remaining: 0 };
}

function add(into: SourceExecution, from: SourceExecution): void {
	into.planned += from.planned;
	into.committed += from.committed;
	into.spent += from.spent;
	into.remaining += from.remaining;
}

/**
 * The plan against what was spent: `spent` and `committed` are sums per lineSourceKey. Sums on
 * lines the plan does not have are ignored (the server refuses them).
 */
export function planExecution(
	lines: readonly BudgetLine[],
	spent: ReadonlyMap<string, number>,
	committed: ReadonlyMap<string, number> = new Map()
): PlanExecution {
	const bySource = Object.fromEntries(SOURCES.map((s) => [s, zero()])) as Record<
		Source,
		SourceExecution
	>;
	const total = zero();
	const out = lines.map((line) => {
		const lineSources = {} as Record<Source, SourceExecution>;
		const lineTotal = zero();
		for (const s of SOURCES) {
			const planned = Number.isFinite(line[s]) ? line[s] : 0;
			const sp = spent.get(lineSourceKey(line.id, s)) ?? 0;
			const co = committed.get(lineSourceKey(line.id, s)) ?? 0;
			const e = { planned, committed: co, spent: sp, remaining: planned - co - sp };
			lineSources[s] = e;
			add(lineTotal, e);
			add(bySource[s], e);
		}
		add(total, lineTotal);
		return {
			id: line.id,
			code: line.code,
			title: line.title,
			category: line.category,
			bySource: lineSources,
			total: lineTotal
		};
	});
	return { lines: out, bySource, total };
}

/** Whether `amount` more fits in a line's source; the shortfall when it does not. */
export function fitsLine(
	execution: PlanExecution,
	lineId: string,
	source: Source,
	amount: number
): { ok: true } | { ok: false; remaining: number } {
	const line = execution.lines.find((l) => l.id === lineId);
	const remaining = line ? line.bySource[source].remaining : 0;
	return amount <= remaining ? { ok: true } : { ok: false, remaining };
}

/** A share 0..1 of spent against planned, for bars (capped at 1). */
export function spentShare(e: Pick<SourceExecution, 'planned' | 'spent'>): number {
	if (e.planned <= 0) return e.spent > 0 ? 1 : 0;
	return Math.max(0, Math.min(1, e.spent / e.planned));
}
