// A closed vote as a register entry: what was decided (the frozen version's text or budget and its
// hash), how (method, rules, electorate, turnout, quorum, tally and rounds) and the outcome, in
// one sentence in the association's language.
import type { Db } from '$lib/server/db';
import { own } from '$lib/own';
import type { Decision, Vote } from '$lib/server/db/schema';
import type { VoteResult } from '$lib/server/voting/results';
import type { EntrySubject } from '$lib/record/chain';
import { formatBs } from '$lib/drafts/budget';
import { budgetRuleLabel, outcomeLabel } from '$lib/voting/labels';
import { m } from '$lib/paraglide/messages.js';
import { readExclusions } from '$lib/money/counterpart';
import { appendEntry, STORED, type NewEntry } from './register';

/** Entries are written once, in the association's language (Spanish for now). */

type Labels = Record<string, string>;

/** One or two sentences saying what the vote decided. */
export function voteSummary(result: VoteResult, labels: Labels): string {
	const cast = result.cast;
	const electorate = result.electorate;
	const outcome = outcomeLabel(result.outcome, STORED);
	if (!result.quorum.met) {
		return m.record_summary_no_quorum(
			{ present: result.quorum.present, electorate, required: result.quorum.required },
			STORED
		);
	}
	switch (result.kind) {
		case 'motion': {
			const { yes, no, abstain } = result.motion.counts;
			return result.source === 'hand_count'
				? m.record_summary_motion_hands(
						{ outcome, yes, no, abstain, present: result.quorum.present, electorate },
						STORED
					)
				: m.record_summary_motion({ outcome, yes, no, abstain, cast, electorate }, STORED);
		}
		case 'budget': {
			const o = result.budget.outcome;
			return m.record_summary_budget(
				{
					count: o.funded.length,
					total: formatBs(o.total),
					budget: formatBs(o.budget),
					rule: budgetRuleLabel(o.rule, STORED),
					cast,
					electorate
				},
				STORED
			);
		}
		case 'alternatives':
		case 'election': {
			const winner =
				result.kind === 'election' ? result.election.winner : result.alternatives.winner;
			return winner !== null
				? m.record_summary_winner(
						{ winner: own(labels, winner) ?? winner, cast, electorate },
						STORED
					)
				: m.record_summary_no_winner({ outcome, cast, electorate }, STORED);
		}
	}
}

async function voteSubject(db: Db, vote: Vote): Promise<EntrySubject | null> {
	if (vote.version_id === null) return null;
	const version = await db
		.selectFrom('draft_version')
		.innerJoin('draft', 'draft.id', 'draft_version.draft_id')
		.select([
			'draft_version.draft_id',
			'draft.kind',
			'draft_version.number',
			'draft_version.label',
			'draft_version.content',
			'draft_version.content_hash'
		])
		.where('draft_version.id', '=', vote.version_id)
		.executeTakeFirstOrThrow();
	return {
		draft_id: Number(version.draft_id),
		draft_kind: version.kind,
		version: Number(version.number),
		label: version.label,
		content_hash: version.content_hash,
		content: version.content
	};
}

/** The assembly a vote was decided in, as the entry names it. */
async function voteAssembly(db: Db, assemblyId: number): Promise<{ id: number; title: string }> {
	const row = await db
		.selectFrom('assembly')
		.select(['id', 'title'])
		.where('id', '=', assemblyId)
		.executeTakeFirstOrThrow();
	return { id: Number(row.id), title: row.title };
}

/** Appends the closed vote's entry; inside the transaction that closes it. */
export async function recordVoteDecision(
	tx: Db,
	vote: Vote,
	result: VoteResult,
	recordedBy: string,
	decidedAt: number,
	extra: Pick<NewEntry, 'rule_change' | 'enacted' | 'money_report'> = {}
): Promise<Decision> {
	const association = await tx
		.selectFrom('association')
		.select(['id', 'slug'])
		.where('id', '=', vote.association_id)
		.executeTakeFirstOrThrow();
	const options = await tx
		.selectFrom('vote_option')
		.select(['id', 'label'])
		.where('vote_id', '=', vote.id)
		.orderBy('position')
		.execute();
	const labels = Object.fromEntries(options.map((o) => [String(o.id), o.label]));
	const exclusions = readExclusions(vote.exclusions);
	const excluded = exclusions.length
		? {
				reason: 'counterpart_arrears' as const,
				households: exclusions.length,
				members: exclusions.reduce((n, e) => n + e.members.length, 0)
			}
		: null;
	const summary = voteSummary(result, labels);
	return appendEntry(tx, association, {
		kind: result.source === 'hand_count' ? 'hand_count' : 'vote',
		decision_kind: vote.decision_kind,
		title: vote.title,
		summary: excluded
			? `${summary} ${m.record_summary_excluded({ n: excluded.households }, STORED)}`
			: summary,
		outcome: result.outcome,
		recorded_by: recordedBy,
		subject: await voteSubject(tx, vote),
		vote: {
			id: vote.id,
			description: vote.description,
			method: result.kind,
			secret: vote.secret === 1,
			in_room: vote.in_room === 1,
			source: result.source,
			rules: JSON.parse(vote.rules) as unknown,
			electorate: result.electorate,
			cast: result.cast,
			quorum_met: result.quorum.met,
			options: options.map((o) => ({ id: Number(o.id), label: o.label })),
			result,
			...(excluded ? { excluded } : {})
		},
		corrects: null,
		assembly: vote.assembly_id === null ? null : await voteAssembly(tx, vote.assembly_id),
		decidedAt,
		voteId: vote.id,
		...extra
	});
}
