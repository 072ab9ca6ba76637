// The descargo as the programme reads it: the request, the expenses since the previous tranche
// with each receipt's number and SHA-256, the plan per source, the counterpart reached and the
// tranches before, with the descargo's own hash at the foot. In the reader's language.
import { formatBs } from '$lib/drafts/budget';
import { formatDays } from '$lib/money/counterpart';
import { moneySourceLabel } from '$lib/money/labels';
import type { Descargo } from '$lib/money/tranche';
import { SOURCES } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';

export function renderDescargoPdf(
	descargo: Descargo,
	hash: string,
	paper: Paper,
	locale: string
): Promise<Buffer> {
	const d = descargo;
	const name = m.money_tranche_name({ number: d.number });
	const days = (tenths: number) => formatDays(tenths, locale === 'en' ? 'en' : 'es');
	const blocks: PdfBlock[] = [
		{ type: 'title', text: m.money_descargo_title({ number: d.number }) },
		{ type: 'paragraph', text: d.association.name },
		{
			type: 'facts',
			rows: [
				[m.money_tranche_requested_label(), formatBs(d.requested)],
				[
					m.money_descargo_period_label(),
					d.since
						? m.money_descargo_period({ since: d.since, cutoff: d.cutoff })
						: m.money_descargo_period_first({ cutoff: d.cutoff })
				],
				[m.money_descargo_plan_label(), `${d.plan.title} (v${d.plan.version})`],
				[
					m.money_descargo_programme_label(),
					m.money_descargo_programme({
						received: formatBs(d.programme.received),
						planned: formatBs(d.programme.planned)
					})
				]
			]
		},
		{ type: 'heading', text: m.money_descargo_expenses({ amount: formatBs(d.expenseTotal) }) }
	];
	if (d.expenses.length)
		blocks.push({
			type: 'table',
			columns: [
				{ label: m.money_col_no(), width: 0.07 },
				{ label: m.money_col_date(), width: 0.14 },
				{ label: m.money_report_col_line(), width: 0.22 },
				{ label: m.money_report_col_receipt(), width: 0.38 },
				{ label: m.money_col_amount(), width: 0.19, align: 'right' }
			],
			rows: d.expenses.map((e) => [
				String(e.seq),
				e.date,
				e.line ? `${e.line} · ${moneySourceLabel(e.source ?? '')}` : '—',
				[
					[e.supplier, e.number].filter(Boolean).join(' Nº ') || e.description,
					e.sha256 ? `SHA-256 ${e.sha256.slice(0, 16)}…` : m.money_descargo_no_receipt()
				].join('\n'),
				formatBs(e.amount)
			])
		});
	else blocks.push({ type: 'paragraph', text: m.money_descargo_no_expenses() });
	blocks.push(
		{ type: 'heading', text: m.money_descargo_execution() },
		{
			type: 'table',
			columns: [
				{ label: m.money_source(), width: 0.28 },
				{ label: m.money_planned(), width: 0.18, align: 'right' },
				{ label: m.money_descargo_col_now(), width: 0.18, align: 'right' },
				{ label: m.money_spent(), width: 0.18, align: 'right' },
				{ label: m.money_remaining(), width: 0.18, align: 'right' }
			],
			rows: SOURCES.filter((s) => (d.execution[s]?.planned ?? 0) > 0).map((s) => [
				moneySourceLabel(s),
				formatBs(d.execution[s].planned),
				formatBs(d.spentBySource[s] ?? 0),
				formatBs(d.execution[s].spent),
				formatBs(d.execution[s].remaining)
			])
		},
		{ type: 'heading', text: m.money_descargo_counterpart() },
		{
			type: 'facts',
			rows: [
				[
					m.money_descargo_counterpart_cash(),
					m.money_descargo_reached({
						paid: formatBs(d.counterpart.paidCents),
						due: formatBs(d.counterpart.dueCents),
						quota: formatBs(d.counterpart.quotaCents)
					})
				],
				[
					m.money_descargo_counterpart_labour(),
					m.money_descargo_reached_days({
						paid: days(d.counterpart.workedTenths),
						due: days(d.counterpart.dueTenths),
						quota: days(d.counterpart.quotaTenths)
					})
				],
				[
					m.money_descargo_households(),
					m.money_descargo_households_value({
						count: d.counterpart.households,
						arrears: d.counterpart.inArrears
					})
				]
			]
		}
	);
	if (d.previous.length)
		blocks.push(
			{ type: 'heading', text: m.money_descargo_previous() },
			{
				type: 'table',
				columns: [
					{ label: m.money_col_no(), width: 0.15 },
					{ label: m.money_tranche_requested_label(), width: 0.3, align: 'right' },
					{ label: m.money_tranche_received_label(), width: 0.3, align: 'right' },
					{ label: m.money_col_date(), width: 0.25 }
				],
				rows: d.previous.map((t) => [
					String(t.number),
					formatBs(t.requested),
					t.received === null ? '—' : formatBs(t.received),
					t.receivedOn ?? '—'
				])
			}
		);
	blocks.push(
		{
			type: 'signatures',
			people: [
				{ name: '', role: m.money_descargo_sign_treasurer() },
				{ name: '', role: m.money_descargo_sign_president() }
			]
		},
		{ type: 'code', text: m.money_descargo_hash({ hash }) }
	);
	return renderPdf({
		title: m.money_descargo_title({ number: d.number }),
		author: d.association.name,
		paper,
		footer: `${d.association.name} · ${name}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks
	});
}
