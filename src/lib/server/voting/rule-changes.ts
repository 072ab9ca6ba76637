// Changing the rule set is itself a decision: a leader proposes a change (each parameter's value in
// force and the one proposed, and the article of the reglamento it comes from), which becomes a
// motion under the majority the rules in force require for statute changes, voted online or in the
// assembly. Only a new association, before its first recorded decision, sets its rules directly.
import { STORED } from '$lib/server/record/register';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { RuleChange, Vote } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanParagraphs } from '$lib/server/text';
import {
	proposedChanges,
	type RuleChangeItem,
	type RuleProposalInput
} from '$lib/voting/rule-change';
import { ruleChangeLine, ruleParamLabel } from '$lib/voting/rule-change-labels';
import { m } from '$lib/paraglide/messages.js';
import { getRuleSet } from './settings';
import { createVote, TEXT_MAX } from './votes';

/** Written once, in the association's language, like the register's entries. */

/** The changes proposed and not yet decided (their vote is being prepared or is open). */
async function pendingChanges(db: Db, associationId: number) {
	const rows = await db
		.selectFrom('rule_change')
		.innerJoin('vote', 'vote.id', 'rule_change.vote_id')
		.select(['rule_change.id', 'rule_change.vote_id', 'rule_change.changes', 'vote.title'])
		.where('rule_change.association_id', '=', associationId)
		.where('rule_change.status', '=', 'pending')
		.where('vote.status', 'in', ['preparing', 'open'])
		.orderBy('rule_change.id')
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		voteId: Number(r.vote_id),
		title: r.title,
		changes: JSON.parse(r.changes) as RuleChangeItem[]
	}));
}

export interface RuleChangeView {
	id: number;
	voteId: number;
	title: string;
	status: RuleChange['status'];
	changes: RuleChangeItem[];
	decisionSeq: number | null;
	decidedAt: number | null;
	createdAt: number;
}

/** The association's rule changes, newest first: pending ones first in line for the page. */
export async function listRuleChanges(db: Db, ctx: AssociationContext): Promise<RuleChangeView[]> {
	authorize(ctx.actor, 'association.view_private');
	const rows = await db
		.selectFrom('rule_change')
		.innerJoin('vote', 'vote.id', 'rule_change.vote_id')
		.select([
			'rule_change.id',
			'rule_change.vote_id',
			'rule_change.changes',
			'rule_change.status',
			'rule_change.decision_seq',
			'rule_change.decided_at',
			'rule_change.created_at',
			'vote.title',
			'vote.status as vote_status'
		])
		.where('rule_change.association_id', '=', ctx.association.id)
		.orderBy('rule_change.id', 'desc')
		.execute();
	return rows
		.filter((r) => !(r.status === 'pending' && r.vote_status === 'cancelled'))
		.map((r) => ({
			id: Number(r.id),
			voteId: Number(r.vote_id),
			title: r.title,
			status: r.status,
			changes: JSON.parse(r.changes) as RuleChangeItem[],
			decisionSeq: r.decision_seq === null ? null : Number(r.decision_seq),
			decidedAt: r.decided_at === null ? null : Number(r.decided_at),
			createdAt: Number(r.created_at)
		}));
}

/**
 * The article of the reglamento each parameter comes from, as the last approved change that
 * named one says.
 */
export async function ruleArticles(db: Db, associationId: number): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('rule_change')
		.select('changes')
		.where('association_id', '=', associationId)
		.where('status', '=', 'approved')
		.orderBy('id')
		.execute();
	const articles: Record<string, string> = {};
	for (const row of rows)
		for (const c of JSON.parse(row.changes) as RuleChangeItem[])
			if (c.article) articles[c.param] = c.article;
	return articles;
}

/**
 * Proposes a change of the rule set (leaders): the parameters that differ from the rules in force
 * become a motion (`statute`, so the majority the rules require for statute changes) in
 * preparation, online or, with `inRoom`, for a hand count in the assembly. Refused when a
 * parameter is already part of another proposal not yet decided.
 */
export async function proposeRuleChange(
	db: Db,
	ctx: AssociationContext,
	proposal: RuleProposalInput,
	now = Date.now()
): Promise<{ vote: Vote; changes: RuleChangeItem[] }> {
	authorize(ctx.actor, 'settings.manage');
	const user = actingUser(ctx);
	const reason = cleanParagraphs(proposal.reason);
	if (reason.length > TEXT_MAX) throw invalid({ reason: tooLong(TEXT_MAX) });
	return writeTx(db, async (tx) => {
		const current = await getRuleSet(tx, ctx.association.id);
		const parsed = proposedChanges(current, proposal);
		if ('errors' in parsed) {
			if (parsed.errors.form) throw new DomainError('invalid', parsed.errors.form);
			throw invalid(parsed.errors);
		}
		const { changes } = parsed;
		const busy = new Map<string, string>();
		for (const p of await pendingChanges(tx, ctx.association.id))
			for (const c of p.changes) busy.set(c.param, p.title);
		for (const c of changes) {
			const title = busy.get(c.param);
			if (title !== undefined)
				throw new DomainError('conflict', {
					key: 'error_rule_change_pending',
					params: { param: ruleParamLabel(c.param), vote: title }
				});
		}
		const names = changes.map((c) => ruleParamLabel(c.param, STORED)).join(', ');
		const lines = changes.map((c) => `• ${ruleChangeLine(c, STORED)}`).join('\n');
		const description = [m.rule_change_description({}, STORED), lines, reason ? `\n${reason}` : '']
			.join('\n')
			.trim()
			.slice(0, TEXT_MAX);
		const vote = await createVote(
			tx,
			ctx,
			{
				title: m.rule_change_title({ names }, STORED).slice(0, 160),
				description,
				decisionKind: 'statute',
				inRoom: proposal.inRoom === true
			},
			null,
			now
		);
		await tx
			.insertInto('rule_change')
			.values({
				association_id: ctx.association.id,
				vote_id: vote.id,
				changes: JSON.stringify(changes),
				status: 'pending',
				rules_before: null,
				rules_after: null,
				decision_seq: null,
				proposed_by: user.id,
				created_at: now,
				decided_at: null
			})
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'rules.change_proposed',
			subject: vote.title,
			details: { vote: vote.id, changes },
			at: now
		});
		return { vote, changes };
	});
}

/** The rule change a vote decides, if any, for its page. */
export async function voteRuleChange(
	db: Db,
	voteId: number
): Promise<{ changes: RuleChangeItem[]; status: RuleChange['status'] } | undefined> {
	const row = await db
		.selectFrom('rule_change')
		.select(['changes', 'status'])
		.where('vote_id', '=', voteId)
		.executeTakeFirst();
	return row
		? { changes: JSON.parse(row.changes) as RuleChangeItem[], status: row.status }
		: undefined;
}
