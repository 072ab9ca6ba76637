// Tranches of the programme's money (domain.md §1.2, step 7) and the descargo each is requested
// with: the expenses since the previous tranche with their receipts, what the plan has spent per
// source, and the counterpart the households reached. Pure types and rules: the server builds
// the descargo from the ledger and freezes it with its SHA-256.
import type { SourceExecution } from './ledger';

export interface DescargoExpense {
	seq: number;
	date: string;
	line: string | null;
	source: string | null;
	supplier: string | null;
	number: string | null;
	/** The SHA-256 of the receipt's photo or PDF, when one is attached. */
	sha256: string | null;
	description: string;
	/** Centavos; negative for a reversal. */
	amount: number;
}

export interface DescargoTranche {
	number: number;
	requested: number;
	/** Centavos received, or null while it has not arrived. */
	received: number | null;
	receivedOn: string | null;
}

export interface Descargo {
	association: { slug: string; name: string };
	number: number;
	/** Centavos requested. */
	requested: number;
	/** Expenses after `since` (the previous tranche's cutoff) up to and including `cutoff`. */
	since: string | null;
	cutoff: string;
	plan: { hash: string; title: string; version: number };
	expenses: DescargoExpense[];
	expenseTotal: number;
	/** What these expenses spent per source, in centavos. */
	spentBySource: Record<string, number>;
	/** The plan per source at the cutoff: planned, committed, spent, remaining. */
	execution: Record<string, SourceExecution>;
	/** The counterpart the households reached by the cutoff (labour in tenths of a day). */
	counterpart: {
		households: number;
		inArrears: number;
		quotaCents: number;
		dueCents: number;
		paidCents: number;
		quotaTenths: number;
		dueTenths: number;
		workedTenths: number;
	};
	/** The tranches before this one. */
	previous: DescargoTranche[];
	/** The programme's share of the plan, and what of it has arrived before this request. */
	programme: { planned: number; received: number };
}

export type TrancheStatus = 'requested' | 'received';

/**
 * Why tranche `next` may not be requested now, or null when it may: the one before must have
 * arrived, the cutoff must come after its cutoff and not after today, and the amount must fit in
 * what the programme still owes on the plan.
 */
export function trancheProblem(
	previous: { cutoff: string; received: boolean } | null,
	input: { amount: number; cutoff: string },
	owed: number,
	today: string
):
	| null
	| { field: 'number'; key: 'error_money_tranche_pending' }
	| { field: 'cutoff'; key: 'error_money_tranche_cutoff' | 'error_money_date_future' }
	| { field: 'amount'; key: 'error_money_tranche_over' } {
	if (previous && !previous.received)
		return { field: 'number', key: 'error_money_tranche_pending' };
	if (input.cutoff > today) return { field: 'cutoff', key: 'error_money_date_future' };
	if (previous && input.cutoff <= previous.cutoff)
		return { field: 'cutoff', key: 'error_money_tranche_cutoff' };
	if (input.amount > owed) return { field: 'amount', key: 'error_money_tranche_over' };
	return null;
}
