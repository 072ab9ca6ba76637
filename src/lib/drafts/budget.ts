// The investment plan's budget: lines, their split by funding source, totals and shares.
// Pure and shared by the browser (live totals) and the server (versions, votes). Money is in
// centavos (integers), so sums are exact.
import {
	AMOUNT_MAX,
	amountProblem,
	quantityProblem,
	readAmount,
	readQuantity,
	type AmountProblem
} from '$lib/money/amount';

export const SOURCES = ['par', 'cash', 'in_kind', 'municipality'] as const;
export type Source = (typeof SOURCES)[number];
/** The association's own contribution (contraparte): cash and in-kind work. */
export const COUNTERPART_SOURCES: readonly Source[] = ['cash', 'in_kind'];

export const CATEGORIES = [
	'infrastructure',
	'equipment',
	'inputs',
	'technical_assistance',
	'training',
	'organisation',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface BudgetLine {
	id: string;
	code: string;
	title: string;
	description: string;
	category: Category;
	unit: string;
	/** May be fractional (1,5 ha). */
	quantity: number;
	/** Centavos per unit. */
	unit_cost: number;
	/** Centavos from each source. */
	par: number;
	cash: number;
	in_kind: number;
	municipality: number;
}

export interface LineTotals {
	id: string;
	/** quantity × unit cost, in centavos, rounded to the centavo. */
	total: number;
	/** What the sources cover. */
	funded: number;
	/** total − funded: positive when part of the cost has no source, negative when over-funded. */
	unassigned: number;
}

export interface BudgetTotals {
	lines: LineTotals[];
	total: number;
	bySource: Record<Source, number>;
	/** Each source's share of the total, 0..1 (0 when the total is 0). */
	shares: Record<Source, number>;
	counterpart: number;
	counterpartShare: number;
	unassigned: number;
}

export interface BudgetRules {
	/** Minimum share of the association's counterpart, 0..1 (default 0.30). */
	counterpartMin: number;
	/** Maximum share of the programme, 0..1 (default 0.70). */
	programmeMax: number;
}

export const DEFAULT_BUDGET_RULES: BudgetRules = { counterpartMin: 0.3, programmeMax: 0.7 };

export function lineTotal(line: Pick<BudgetLine, 'quantity' | 'unit_cost'>): number {
	const q = Number.isFinite(line.quantity) ? line.quantity : 0;
	const c = Number.isFinite(line.unit_cost) ? line.unit_cost : 0;
	return Math.round(q * c);
}

export function budgetTotals(lines: readonly BudgetLine[]): BudgetTotals {
	const bySource = { par: 0, cash: 0, in_kind: 0, municipality: 0 } as Record<Source, number>;
	let total = 0;
	const perLine = lines.map((line) => {
		const t = lineTotal(line);
		let funded = 0;
		for (const s of SOURCES) {
			const amount = Number.isFinite(line[s]) ? line[s] : 0;
			bySource[s] += amount;
			funded += amount;
		}
		total += t;
		return { id: line.id, total: t, funded, unassigned: t - funded };
	});
	const share = (n: number) => (total > 0 ? n / total : 0);
	const shares = Object.fromEntries(SOURCES.map((s) => [s, share(bySource[s])])) as Record<
		Source,
		number
	>;
	const counterpart = COUNTERPART_SOURCES.reduce((sum, s) => sum + bySource[s], 0);
	return {
		lines: perLine,
		total,
		bySource,
		shares,
		counterpart,
		counterpartShare: share(counterpart),
		unassigned: perLine.reduce((sum, l) => sum + l.unassigned, 0)
	};
}

export type BudgetWarning =
	| { kind: 'counterpart_low'; share: number; min: number }
	| { kind: 'programme_high'; share: number; max: number }
	| { kind: 'unassigned'; amount: number };

/** What a plan's authors should fix before it goes to the assembly. */
export function budgetWarnings(
	totals: BudgetTotals,
	rules: BudgetRules = DEFAULT_BUDGET_RULES
): BudgetWarning[] {
	const warnings: BudgetWarning[] = [];
	if (totals.total === 0) return warnings;
	if (totals.counterpartShare < rules.counterpartMin) {
		warnings.push({
			kind: 'counterpart_low',
			share: totals.counterpartShare,
			min: rules.counterpartMin
		});
	}
	if (totals.shares.par > rules.programmeMax) {
		warnings.push({ kind: 'programme_high', share: totals.shares.par, max: rules.programmeMax });
	}
	if (totals.unassigned !== 0) warnings.push({ kind: 'unassigned', amount: totals.unassigned });
	return warnings;
}

const BS = new Intl.NumberFormat('es-BO', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: true
});

/** "Bs 1.234,50", the Bolivian way. */
export function formatBs(centavos: number): string {
	return `Bs ${groupThousands(BS.format(centavos / 100))}`;
}

/** 0.2765 → "27,7 %" */
export function formatShare(share: number): string {
	return `${(share * 100).toLocaleString('es-BO', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;
}

// es-BO leaves four-digit numbers ungrouped ("1234,50"); Bolivian accounts write "1.234,50".
function groupThousands(formatted: string): string {
	return formatted.replace(/^(-?)(\d{1,3})(\d{3}),/, '$1$2.$3,');
}

/**
 * Reads an amount typed on a phone, in bolivianos, into centavos: "1.234,50", "1234,5", "1234.50",
 * "1 234", "Bs 96.000". Undefined when it is not an amount within the bounds (see readAmount for
 * why not).
 */
export function parseBs(input: string): number | undefined {
	const read = readAmount(input);
	return read.ok ? read.value : undefined;
}

/** Reads a quantity: "24", "1,5", "1.5". */
export function parseQuantity(input: string): number | undefined {
	const read = readQuantity(input);
	return read.ok ? read.value : undefined;
}

/** The amount fields of a budget line, in the order of the table. */
export const AMOUNT_FIELDS = ['unit_cost', ...SOURCES] as const;

export interface LineProblem {
	/** The line's place in the plan, from 1. */
	n: number;
	title: string;
	field: 'quantity' | (typeof AMOUNT_FIELDS)[number] | 'total';
	problem: AmountProblem;
}

/**
 * The first thing wrong with a plan's numbers, or undefined: quantities and amounts must be
 * finite, not negative and within the bounds, amounts whole centavos, and quantity × price within
 * the bound too. The live document is anyone's input; a version is only made of sound numbers.
 */
export function planProblem(items: readonly BudgetLine[]): LineProblem | undefined {
	for (const [i, line] of items.entries()) {
		const at = (field: LineProblem['field'], problem: AmountProblem): LineProblem => ({
			n: i + 1,
			title: line.title || line.code || '',
			field,
			problem
		});
		const q = quantityProblem(line.quantity);
		if (q) return at('quantity', q);
		for (const f of AMOUNT_FIELDS) {
			const p = amountProblem(line[f]);
			if (p) return at(f, p);
		}
		if (line.quantity * line.unit_cost > AMOUNT_MAX) return at('total', 'too_large');
	}
	return undefined;
}
