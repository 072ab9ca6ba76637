// The shape of a treasurer's report (domain.md §2.5), as the server builds it and the pages show
// it. Amounts in centavos. Pure types: the server's reports.ts reads it from the ledger.
import type { SourceExecution } from './ledger';

export interface ReportPeriod {
	from: string;
	to: string;
}

export interface TreasurerReport {
	association: { slug: string; name: string };
	period: ReportPeriod;
	plan: { hash: string; title: string; version: number } | null;
	/** Per account, in centavos. */
	opening: { account: string; kind: string; balance: number }[];
	closing: { account: string; kind: string; balance: number }[];
	income: { kind: string; amount: number }[];
	incomeTotal: number;
	expenses: {
		seq: number;
		date: string;
		line: string | null;
		source: string | null;
		supplier: string | null;
		number: string | null;
		description: string;
		/** Negative for a reversal. */
		amount: number;
	}[];
	expenseTotal: number;
	/** What the plan still has to spend, per source (planned − spent), at the period's end. */
	pending: Record<string, SourceExecution> | null;
}
