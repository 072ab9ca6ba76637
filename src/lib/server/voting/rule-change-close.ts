// Settling a rule change when its vote closes, inside the closing transaction: approved, the new
// rules are in force (and in the assembly that decided it, from the next point on); rejected,
// nothing changes. Kept apart from rule-changes.ts so votes.ts can call it without a cycle.
import type { Db } from '$lib/server/db';
import type { Vote } from '$lib/server/db/schema';
import { applyChanges, type RuleChangeItem } from '$lib/voting/rule-change';
import type { RuleSet } from '$lib/voting/rule-set';
import { getRuleSet } from './settings';

/** What the register entry of a vote on a rule change carries. */
export interface SettledRuleChange {
	changes: RuleChangeItem[];
	before: RuleSet;
	after: RuleSet;
}

/**
 * Inside the transaction that closes `vote`: if it decides a rule change, an approved one is put
 * in force (and in the assembly it was decided in, from the next point on) and a rejected one
 * recorded as such. Returns what the register entry carries, or null when the vote changes no rule.
 */
export async function settleRuleChange(
	tx: Db,
	vote: Vote,
	approved: boolean,
	decidedAt: number
): Promise<SettledRuleChange | null> {
	const row = await tx
		.selectFrom('rule_change')
		.selectAll()
		.where('vote_id', '=', vote.id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	if (!row) return null;
	const changes = JSON.parse(row.changes) as RuleChangeItem[];
	const before = await getRuleSet(tx, vote.association_id);
	if (!approved) {
		await tx
			.updateTable('rule_change')
			.set({ status: 'rejected', decided_at: decidedAt })
			.where('id', '=', row.id)
			.execute();
		return { changes, before, after: before };
	}
	// Applied to the rules in force now: another change may have been approved meanwhile.
	const after = applyChanges(before, changes);
	const json = JSON.stringify(after);
	await tx
		.insertInto('rule_set')
		.values({
			association_id: vote.association_id,
			rules: json,
			updated_by: row.proposed_by,
			updated_at: decidedAt
		})
		.onConflict((oc) =>
			oc.column('association_id').doUpdateSet({ rules: json, updated_at: decidedAt })
		)
		.execute();
	await tx
		.updateTable('rule_change')
		.set({
			status: 'approved',
			rules_before: JSON.stringify(before),
			rules_after: json,
			decided_at: decidedAt
		})
		.where('id', '=', row.id)
		.execute();
	// Decided in an assembly in session: the new rules apply to it from the next point on.
	if (vote.assembly_id !== null)
		await tx
			.updateTable('assembly')
			.set({ rules: json })
			.where('id', '=', vote.assembly_id)
			.where('status', '=', 'in_session')
			.execute();
	return { changes, before, after };
}

/** Links the settled change to its register entry. */
export async function noteRuleChangeEntry(tx: Db, voteId: number, seq: number): Promise<void> {
	await tx
		.updateTable('rule_change')
		.set({ decision_seq: seq })
		.where('vote_id', '=', voteId)
		.execute();
}
