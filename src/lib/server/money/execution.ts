// The plan in execution. The execution budget is not copied: it is read from the register, the
// latest approved decision on an investment plan's frozen version (a budget vote, a hand count
// or a consensus), whose entry carries the version's canonical content and hash. A budget vote
// funds only the lines it chose. Expenses are bound to that version's hash.
import type { Db } from '$lib/server/db';
import type { BudgetLine } from '$lib/drafts/budget';
import type { Projection } from '$lib/drafts/document';
import type { RegisterEntry } from '$lib/record/chain';
import { isForward } from './accounts';
import { planPrefix, readTotals } from './totals';
import { planExecution, lineSourceKey, type PlanExecution } from '$lib/money/ledger';

export interface ApprovedPlan {
	/** The register entry that approved it. */
	seq: number;
	decisionTitle: string;
	decidedAt: string;
	draftId: number;
	version: number;
	label: string;
	/** The frozen version's content hash: what every new expense is bound to. */
	hash: string;
	/**
	 * This version's hash and those of the plan's earlier approved versions (a reformulation
	 * keeps the lines' ids): what was spent under them still counts against the same lines.
	 */
	hashes: string[];
	title: string;
	lines: BudgetLine[];
}

const APPROVING = ['approved', 'consensus', 'decided'];

/** The plan the association executes, or undefined while none has been approved. */
export async function getApprovedPlan(
	db: Db,
	associationId: number
): Promise<ApprovedPlan | undefined> {
	// Entries are canonical JSON, so an investment plan's subject always reads exactly so.
	const rows = await db
		.selectFrom('decision')
		.select(['seq', 'entry'])
		.where('association_id', '=', associationId)
		.where('outcome', 'in', APPROVING)
		.where('entry', 'like', '%"draft_kind":"investment_plan"%')
		.orderBy('seq', 'desc')
		.execute();
	const entries = rows.map((row) => ({
		seq: row.seq,
		entry: JSON.parse(row.entry) as RegisterEntry
	}));
	for (const { seq, entry } of entries) {
		if (entry.subject?.draft_kind !== 'investment_plan') continue;
		const draftId = entry.subject.draft_id;
		const hashes = [
			...new Set(
				entries
					.filter((e) => e.entry.subject?.draft_id === draftId)
					.map((e) => e.entry.subject!.content_hash)
			)
		];
		let content: Projection;
		try {
			content = JSON.parse(entry.subject.content) as Projection;
		} catch {
			continue;
		}
		let lines = Array.isArray(content.items) ? content.items : [];
		const vote = entry.vote;
		if (vote?.method === 'budget') {
			const result = vote.result as { budget?: { outcome?: { funded?: string[] } } } | null;
			const funded = new Set(result?.budget?.outcome?.funded ?? []);
			// The ballot's options are the version's lines, in order.
			if (vote.options.length === lines.length)
				lines = lines.filter((_, i) => funded.has(String(vote.options[i].id)));
		}
		return {
			seq: Number(seq),
			decisionTitle: entry.title,
			decidedAt: entry.decided_at,
			draftId: entry.subject.draft_id,
			version: entry.subject.version,
			label: entry.subject.label,
			hash: entry.subject.content_hash,
			hashes,
			title: content.title ?? '',
			lines
		};
	}
	return undefined;
}

/**
 * Spent per line and source of a plan, from the running totals; up to a day (a report of a
 * period), less what was spent after it, so a recent day reads few rows.
 */
export async function spentOnPlan(
	db: Db,
	associationId: number,
	/** The plan's hashes (ApprovedPlan.hashes): its version and the earlier approved ones. */
	planHashes: readonly string[],
	/** Only what occurred on or before this day (YYYY-MM-DD). */
	upTo?: string
): Promise<Map<string, number>> {
	const spent = new Map<string, number>();
	for (const planHash of planHashes) {
		const prefix = planPrefix(planHash);
		for (const [key, t] of await readTotals(db, associationId, prefix)) {
			const rest = key.slice(prefix.length);
			const at = rest.indexOf(':');
			const line = lineSourceKey(rest.slice(at + 1), rest.slice(0, at));
			spent.set(line, (spent.get(line) ?? 0) + t.total);
		}
	}
	if (upTo === undefined || planHashes.length === 0) return spent;
	const after = await db
		.selectFrom('money_movement')
		.select((eb) => [
			'line_id',
			'source',
			eb.fn.sum<number | string>('amount').as('total'),
			eb('reverses_seq', 'is', null).as('forward')
		])
		.where('association_id', '=', associationId)
		.where('occurred_on', '>', upTo)
		.where('plan_hash', 'in', planHashes)
		.where('kind', '=', 'expense')
		.groupBy(['line_id', 'source', 'forward'])
		.execute();
	for (const row of after) {
		if (row.line_id === null || row.source === null) continue;
		const key = lineSourceKey(row.line_id, row.source);
		const forward = isForward(row.forward);
		spent.set(key, (spent.get(key) ?? 0) - Number(row.total) * (forward ? 1 : -1));
	}
	return spent;
}

/** How many expenses (and reversals) each line of a plan has, from the running totals. */
export async function expenseCounts(
	db: Db,
	associationId: number,
	planHashes: readonly string[]
): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const planHash of planHashes) {
		const prefix = planPrefix(planHash);
		for (const [key, t] of await readTotals(db, associationId, prefix)) {
			const rest = key.slice(prefix.length);
			const line = rest.slice(rest.indexOf(':') + 1);
			counts.set(line, (counts.get(line) ?? 0) + t.count);
		}
	}
	return counts;
}

export async function getExecution(
	db: Db,
	associationId: number,
	upTo?: string
): Promise<{ plan: ApprovedPlan; execution: PlanExecution } | undefined> {
	const plan = await getApprovedPlan(db, associationId);
	if (!plan) return undefined;
	const spent = await spentOnPlan(db, associationId, plan.hashes, upTo);
	return { plan, execution: planExecution(plan.lines, spent) };
}
