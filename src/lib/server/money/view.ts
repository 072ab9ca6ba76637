// What the money pages read: balances, the plan against what was spent, each line's latest
// expenses with their receipts. Reads the running totals and a bounded number of rows, so the
// page costs about the same with a thousand movements or a hundred thousand.
import { authorize, can, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { LineExecution, PlanExecution } from '$lib/money/ledger';
import { listAccounts, type AccountBalance } from './accounts';
import { expenseCounts, getExecution, type ApprovedPlan } from './execution';
import { listMovements, type MovementView } from './movements';

/** Expenses shown under each line; the ledger has the rest. */
export const LINE_EXPENSES_SHOWN = 20;

export interface MoneyPage {
	accounts: AccountBalance[];
	plan: Omit<ApprovedPlan, 'lines'> | null;
	execution: PlanExecution | null;
	lines: (LineExecution & { expenses: MovementView[]; count: number })[];
	/** The latest expenses charged to no plan line (bank fees, the association's own costs). */
	otherExpenses: MovementView[];
	canRecord: boolean;
}

export async function getMoneyPage(db: Db, ctx: AssociationContext): Promise<MoneyPage> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const associationId = ctx.association.id;
	const [accounts, found, otherExpenses] = await Promise.all([
		listAccounts(db, associationId),
		getExecution(db, associationId),
		listMovements(db, associationId, { withoutLine: true, limit: LINE_EXPENSES_SHOWN })
	]);
	const canRecord = can(ctx.actor, 'money.record');
	if (!found) return { accounts, plan: null, execution: null, lines: [], otherExpenses, canRecord };
	const { lines: planLines, ...plan } = found.plan;
	void planLines;
	const counts = await expenseCounts(db, associationId, plan.hashes);
	const lines = await Promise.all(
		found.execution.lines.map(async (line) => ({
			...line,
			count: counts.get(line.id) ?? 0,
			expenses: await listMovements(db, associationId, {
				planHashes: plan.hashes,
				lineId: line.id,
				limit: LINE_EXPENSES_SHOWN
			})
		}))
	);
	return { accounts, plan, execution: found.execution, lines, otherExpenses, canRecord };
}
