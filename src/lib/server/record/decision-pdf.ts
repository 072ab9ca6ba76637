// One decision of the register as a PDF to print, sign or file: what was decided, how, the counts,
// the rules, the text's hash and the entry's place in the chain. Everything comes from the entry.
import type { AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';
import type { VoteResult } from '$lib/server/voting/results';
import { formatBs } from '$lib/drafts/budget';
import { formatDateTime } from '$lib/format';
import type { RegisterEntry } from '$lib/record/chain';
import { entryKindLabel, entryOutcomeLabel } from '$lib/record/labels';
import {
	answerLabel,
	decisionKindLabel,
	quorumLabel,
	thresholdLabel,
	tieBreakLabel
} from '$lib/voting/labels';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getDecision } from './archive';

/** The tally as rows of a table: what was on the ballot and how many chose it. */
export function resultCounts(
	result: VoteResult,
	options: { id: number; label: string }[]
): [string, string][] {
	const label = (id: string) => options.find((o) => String(o.id) === id)?.label ?? id;
	switch (result.kind) {
		case 'motion': {
			const c = result.motion.counts;
			return (['yes', 'no', 'abstain'] as const).map((a) => [answerLabel(a), String(c[a])]);
		}
		case 'alternatives':
			return [
				...result.alternatives.counts.map((c): [string, string] => [label(c.id), String(c.votes)]),
				[answerLabel('abstain'), String(result.alternatives.abstain)]
			];
		case 'election': {
			const names = new Map(result.election.candidates.map((c) => [c.id, c.name]));
			return [
				...result.election.counts.map((c): [string, string] => [
					names.get(c.candidateId) ?? label(c.candidateId),
					String(c.votes)
				]),
				[m.register_blank(), String(result.election.blank)]
			];
		}
		case 'budget': {
			const lines = new Map(result.budget.lines.map((l) => [l.id, l]));
			const funded = new Set(result.budget.outcome.funded);
			return result.budget.approvals.map((a) => {
				const line = lines.get(a.lineId);
				const name = line ? `${line.title} (${formatBs(line.cost)})` : a.lineId;
				return [funded.has(a.lineId) ? `✓ ${name}` : name, String(a.approvals)];
			});
		}
	}
}

/** The rules the vote was decided under, as label and value pairs. */
export function appliedRules(result: VoteResult): [string, string][] {
	const rules = result.rules;
	const quorum = rules.quorum.call === 'second' ? rules.quorum.secondCall : rules.quorum.firstCall;
	const rows: [string, string][] = [];
	// Named rules have a name; a custom fraction or count is shown with the number it required.
	if (typeof quorum === 'string') rows.push([m.register_rule_quorum(), quorumLabel(quorum)]);
	else if (quorum) rows.push([m.register_rule_quorum(), String(result.quorum.required)]);
	if (typeof rules.threshold === 'string') {
		rows.push([m.register_rule_threshold(), thresholdLabel(rules.threshold)]);
	}
	rows.push([m.register_rule_tie_break(), tieBreakLabel(rules.tieBreak)]);
	return rows;
}

function entryBlocks(entry: RegisterEntry, locale: string): PdfBlock[] {
	const vote = entry.vote;
	const facts: [string, string][] = [
		[m.register_fact_seq(), String(entry.seq)],
		[m.register_fact_kind(), entryKindLabel(entry.kind)],
		[m.register_fact_decision_kind(), decisionKindLabel(entry.decision_kind)],
		[m.register_fact_outcome(), entryOutcomeLabel(entry.outcome)],
		[m.register_fact_decided_at(), formatDateTime(Date.parse(entry.decided_at), locale)],
		[m.register_fact_recorded_by(), entry.recorded_by]
	];
	if (entry.assembly) facts.push([m.register_fact_assembly(), entry.assembly.title]);
	if (entry.corrects) facts.push([m.register_fact_corrects(), String(entry.corrects)]);
	if (entry.contract)
		facts.push(
			[
				m.register_fact_contract(),
				m.register_contract_value({
					technician: entry.contract.technician,
					fee: formatBs(entry.contract.fee),
					start: entry.contract.start,
					months: entry.contract.months
				})
			],
			[m.assistance_fact_tor(), entry.contract.tor_hash]
		);
	if (entry.evaluation)
		facts.push([
			m.register_fact_evaluation(),
			m.register_evaluation_value({
				month: entry.evaluation.month,
				confirmed: entry.evaluation.visits.confirmed,
				denied: entry.evaluation.visits.denied,
				pending: entry.evaluation.visits.pending,
				respondents: entry.evaluation.survey.respondents,
				paid: formatBs(entry.evaluation.paid)
			})
		]);
	if (entry.money_report)
		facts.push([
			m.register_fact_money_report(),
			m.register_money_report_value({
				from: entry.money_report.from,
				to: entry.money_report.to,
				hash: entry.money_report.hash,
				observations: entry.money_report.observations,
				name: entry.money_report.conforme_by
			})
		]);
	if (vote) {
		facts.push(
			[m.register_fact_electorate(), String(vote.electorate)],
			[m.register_fact_cast(), String(vote.cast)],
			[m.register_fact_quorum_met(), vote.quorum_met ? m.register_yes() : m.register_no()]
		);
		if (vote.excluded)
			facts.push([
				m.register_fact_excluded(),
				m.register_excluded_arrears({
					households: vote.excluded.households,
					members: vote.excluded.members
				})
			]);
	}
	const blocks: PdfBlock[] = [
		{ type: 'title', text: entry.title },
		{ type: 'facts', rows: facts },
		{ type: 'heading', text: m.register_summary_heading() },
		...entry.summary.split(/\n+/).map((text): PdfBlock => ({ type: 'paragraph', text }))
	];
	if (vote?.description) {
		blocks.push(
			{ type: 'heading', text: m.decision_question_heading() },
			...vote.description.split(/\n+/).map((text): PdfBlock => ({ type: 'paragraph', text }))
		);
	}
	if (vote) {
		const result = vote.result as VoteResult;
		blocks.push(
			{ type: 'heading', text: m.register_counts_heading() },
			{
				type: 'table',
				columns: [
					{ label: m.register_counts_option(), width: 0.75 },
					{ label: m.register_counts_votes(), width: 0.25, align: 'right' }
				],
				rows: resultCounts(result, vote.options)
			},
			{ type: 'heading', text: m.register_rules_heading() },
			{ type: 'facts', rows: appliedRules(result) }
		);
	}
	if (entry.subject) {
		blocks.push(
			{ type: 'heading', text: m.register_version_heading() },
			{
				type: 'paragraph',
				text: m.register_version_label({
					label: entry.subject.label,
					n: entry.subject.version
				})
			},
			{ type: 'paragraph', text: m.register_version_hash(), small: true },
			{ type: 'code', text: entry.subject.content_hash }
		);
	}
	return blocks;
}

/** The decision's PDF, on Carta or Oficio paper; anyone who may view the association. */
export async function decisionPdf(
	db: Db,
	ctx: AssociationContext,
	seq: number,
	paper: Paper,
	now = Date.now()
): Promise<Buffer> {
	const { entry, head } = await getDecision(db, ctx, seq);
	const locale = getLocale();
	const blocks: PdfBlock[] = [
		{
			type: 'paragraph',
			text: m.register_pdf_lead({ seq: entry.seq, name: ctx.association.name }),
			small: true
		},
		...entryBlocks(entry, locale),
		{ type: 'heading', text: m.register_chain_heading() },
		{ type: 'paragraph', text: m.register_entry_hash(), small: true },
		{ type: 'code', text: entry.hash },
		{ type: 'paragraph', text: m.register_prev_hash(), small: true },
		{ type: 'code', text: entry.prev },
		{
			type: 'paragraph',
			text: m.register_pdf_head({
				seq: head.seq,
				date: formatDateTime(now, locale)
			}),
			small: true
		},
		{ type: 'code', text: head.hash }
	];
	return renderPdf({
		title: `${m.register_decision_number({ seq: entry.seq })}: ${entry.title}`,
		paper,
		footer: `${ctx.association.name} · ${m.register_decision_number({ seq: entry.seq })}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks
	});
}
