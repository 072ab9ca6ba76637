// «¿En qué se gastó la plata?» on one sheet (Carta or Oficio) to post at the sede or send on
// WhatsApp: the balances, the whole plan and each line as a bar of spent against planned,
// coloured by source with the names beside the colours, and a QR code to the page with every
// receipt. Drawn from the same read as the page (getMoneyPage), in the reader's language.
import { formatBs } from '$lib/drafts/budget';
import { formatDate } from '$lib/format';
import { SOURCE_COLOUR, accountKindLabel, lineIcon, moneySourceLabel } from '$lib/money/labels';
import type { SourceExecution } from '$lib/money/ledger';
import { SOURCES, type Source } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';
import type { MoneyPage } from './view';

export interface SummarySheet {
	association: { name: string };
	money: MoneyPage;
	/** The money page's address, for the QR code. */
	url: string;
	locale: string;
	paper: Paper;
	now?: number;
}

const percent = (part: number, whole: number) =>
	whole > 0 ? `${Math.round((part / whole) * 100)} %` : '—';

/** One bar: what each source spent, as shares of everything the row planned. */
function bar(
	label: string,
	total: SourceExecution,
	bySource: Record<Source, SourceExecution>
): Extract<PdfBlock, { type: 'bars' }>['rows'][number] {
	return {
		label,
		caption: `${m.money_bar_label({ spent: formatBs(total.spent), planned: formatBs(total.planned) })} · ${percent(total.spent, total.planned)}`,
		segments: SOURCES.map((s) => ({
			share: total.planned > 0 ? bySource[s].spent / total.planned : 0,
			colour: SOURCE_COLOUR[s]
		}))
	};
}

export function renderMoneySummaryPdf(sheet: SummarySheet): Promise<Buffer> {
	const { money, association } = sheet;
	const blocks: PdfBlock[] = [
		{ type: 'title', text: m.money_title() },
		{ type: 'paragraph', text: association.name },
		{ type: 'heading', text: m.money_accounts_heading() },
		{
			type: 'facts',
			rows: money.accounts.length
				? money.accounts.map((a) => [
						`${a.name} (${accountKindLabel(a.kind)})`,
						formatBs(a.balance)
					])
				: [[m.money_accounts_heading(), m.money_no_accounts()]]
		}
	];
	if (money.plan && money.execution) {
		const used = SOURCES.filter(
			(s) => money.execution!.bySource[s].planned > 0 || money.execution!.bySource[s].spent > 0
		);
		blocks.push(
			{
				type: 'paragraph',
				text: m.money_plan_from({
					title: money.plan.title,
					version: money.plan.version,
					label: money.plan.label,
					seq: money.plan.seq
				})
			},
			{
				type: 'legend',
				items: used.map((s) => ({ label: moneySourceLabel(s), colour: SOURCE_COLOUR[s] }))
			},
			{
				type: 'bars',
				rows: [
					bar(m.money_total_heading(), money.execution.total, money.execution.bySource),
					...money.lines.map((line) =>
						bar(
							`${lineIcon(line.category)} ${line.code} · ${line.title}`,
							line.total,
							line.bySource
						)
					)
				]
			}
		);
	} else {
		blocks.push({ type: 'paragraph', text: m.money_no_plan() });
	}
	blocks.push(
		{ type: 'paragraph', text: m.money_summary_scan({ url: sheet.url }) },
		{ type: 'qr', text: sheet.url, size: 64 }
	);
	if (money.plan) blocks.push({ type: 'code', text: m.money_plan_hash({ hash: money.plan.hash }) });
	const date = formatDate(sheet.now ?? Date.now(), sheet.locale);
	return renderPdf({
		title: `${m.money_title()} · ${association.name}`,
		author: association.name,
		paper: sheet.paper,
		footer: `${association.name} · ${m.money_summary_footer({ date })}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks
	});
}
