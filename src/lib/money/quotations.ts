// The cuadro comparativo: a purchase's quotations side by side, cheapest first, how far each is
// from the cheapest, and whether there are enough of them for the amount (domain.md §1.2 step 8).
// Pure and browser-safe: the purchase page shows it and the award writes its figures.

export interface QuotationFigures {
	id: number;
	supplier: string;
	/** Centavos. */
	amount: number;
}

export interface ComparisonRow<Q extends QuotationFigures = QuotationFigures> {
	quotation: Q;
	/** 1 for the cheapest; equal amounts share a rank. */
	rank: number;
	lowest: boolean;
	/** Centavos above the cheapest (0 for it). */
	difference: number;
	/** Percent above the cheapest, one decimal (0 for it, or when the cheapest is 0). */
	differencePercent: number;
}

export interface Comparison<Q extends QuotationFigures = QuotationFigures> {
	rows: ComparisonRow<Q>[];
	/** The cheapest amount, or null with no quotation. */
	lowest: number | null;
	/** Quotations the rules ask for at this amount: 0 at or below the threshold. */
	required: number;
	/** Whether the award may go ahead on the count of quotations. */
	enough: boolean;
	/** How many more quotations are needed (0 when enough). */
	missing: number;
}

export interface QuotationRules {
	quotationThresholdCents: number;
	quotationsRequired: number;
}

/** Quotations the rules ask for a purchase of `amount` centavos: above the threshold only. */
export function quotationsNeeded(amount: number, rules: QuotationRules): number {
	return amount > rules.quotationThresholdCents ? rules.quotationsRequired : 1;
}

/**
 * The comparison of `quotations` under `rules`: rows by amount (then supplier, then id, so the
 * order never depends on how they were stored), the cheapest marked, and whether the count of
 * quotations is enough for the cheapest amount.
 */
export function compareQuotations<Q extends QuotationFigures>(
	quotations: readonly Q[],
	rules: QuotationRules
): Comparison<Q> {
	const sorted = [...quotations].sort(
		(a, b) => a.amount - b.amount || a.supplier.localeCompare(b.supplier, 'es') || a.id - b.id
	);
	const lowest = sorted.length ? sorted[0].amount : null;
	let rank = 0;
	let previous: number | null = null;
	const rows = sorted.map((quotation, i) => {
		if (quotation.amount !== previous) rank = i + 1;
		previous = quotation.amount;
		const difference = quotation.amount - (lowest ?? 0);
		return {
			quotation,
			rank,
			lowest: quotation.amount === lowest,
			difference,
			differencePercent: lowest ? Math.round((difference * 1000) / lowest) / 10 : 0
		};
	});
	const required = lowest === null ? 1 : quotationsNeeded(lowest, rules);
	const missing = Math.max(0, required - sorted.length);
	return { rows, lowest, required, enough: missing === 0, missing };
}

/** Whether awarding `quotationId` needs a stated reason: it is not among the cheapest. */
export function awardNeedsReason(comparison: Comparison, quotationId: number): boolean {
	const row = comparison.rows.find((r) => r.quotation.id === quotationId);
	return !!row && !row.lowest;
}
