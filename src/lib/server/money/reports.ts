// The treasurer's report for a period (domain.md §2.5): opening balance, income by kind,
// expenses by plan line × source with their receipt numbers, closing balance and what the plan
// still has to spend. Its canonical JSON's SHA-256 is what the assembly approves.
import { authorize, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import { invalid } from '$lib/server/errors';
import { contentHash } from '$lib/canonical';
import { formatBs } from '$lib/drafts/budget';
import { accountKindLabel, incomeKindLabel, moneySourceLabel } from '$lib/money/labels';
import type { ReportPeriod, TreasurerReport } from '$lib/money/report';
import { m } from '$lib/paraglide/messages.js';
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';
import { accountBalances, isForward, listAccounts } from './accounts';
import { getExecution } from './execution';
import { boliviaDate, listMovements } from './movements';

export type { ReportPeriod, TreasurerReport };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readPeriod(params: URLSearchParams, now = Date.now()): ReportPeriod {
	const to = params.get('to') || boliviaDate(now);
	const from = params.get('from') || `${to.slice(0, 4)}-01-01`;
	const fields: Record<string, string> = {};
	if (!DATE.test(from)) fields.from = 'error_money_date';
	if (!DATE.test(to)) fields.to = 'error_money_date';
	if (!fields.from && !fields.to && from > to) fields.to = 'error_money_period';
	if (Object.keys(fields).length) throw invalid(fields);
	return { from, to };
}

/**
 * Balances per account from the movements that occurred before `day` (or on it, `inclusive`):
 * today's running totals less what happened since, so a recent period reads few rows.
 */
async function balancesAt(db: Db, associationId: number, day: string, inclusive: boolean) {
	const op = inclusive ? '>' : '>=';
	const since = await db
		.selectFrom('money_movement')
		.select((eb) => [
			'account_id',
			'to_account_id',
			'kind',
			eb.fn.sum<number | string>('amount').as('total'),
			eb('reverses_seq', 'is', null).as('forward')
		])
		.where('association_id', '=', associationId)
		.where('occurred_on', op, day)
		.groupBy(['account_id', 'to_account_id', 'kind', 'forward'])
		.execute();
	const balances = await accountBalances(db, associationId);
	const bump = (id: number, d: number) => balances.set(id, (balances.get(id) ?? 0) - d);
	for (const row of since) {
		const a = Number(row.total) * (isForward(row.forward) ? 1 : -1);
		if (row.kind === 'income') bump(Number(row.account_id), a);
		else bump(Number(row.account_id), -a);
		if (row.kind === 'transfer' && row.to_account_id !== null) bump(Number(row.to_account_id), a);
	}
	return balances;
}

export async function treasurerReport(
	db: Db,
	ctx: AssociationContext,
	period: ReportPeriod
): Promise<TreasurerReport> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const id = ctx.association.id;
	const [accounts, opening, closing, found, movements, income] = await Promise.all([
		listAccounts(db, id),
		balancesAt(db, id, period.from, false),
		balancesAt(db, id, period.to, true),
		getExecution(db, id, period.to),
		listMovements(db, id, { from: period.from, to: period.to, kind: 'expense' }),
		db
			.selectFrom('money_movement')
			.select((eb) => [
				'income_kind',
				eb.fn.sum<number | string>('amount').as('total'),
				eb('reverses_seq', 'is', null).as('forward')
			])
			.where('association_id', '=', id)
			.where('kind', '=', 'income')
			.where('occurred_on', '>=', period.from)
			.where('occurred_on', '<=', period.to)
			.groupBy(['income_kind', 'forward'])
			.execute()
	]);
	const byKind = new Map<string, number>();
	for (const row of income) {
		const k = row.income_kind ?? 'other';
		byKind.set(k, (byKind.get(k) ?? 0) + Number(row.total) * (isForward(row.forward) ? 1 : -1));
	}
	const expenses = movements
		.slice()
		.reverse()
		.map((mv) => ({
			seq: mv.seq,
			date: mv.date,
			line: mv.lineCode,
			source: mv.source,
			supplier: mv.supplier,
			number: mv.receiptNumber,
			description: mv.description,
			amount: mv.reverses === null ? mv.amount : -mv.amount
		}));
	const perAccount = (b: Map<number, number>) =>
		accounts.map((a) => ({ account: a.name, kind: a.kind, balance: b.get(a.id) ?? 0 }));
	return {
		association: { slug: ctx.association.slug, name: ctx.association.name },
		period,
		plan: found
			? { hash: found.plan.hash, title: found.plan.title, version: found.plan.version }
			: null,
		opening: perAccount(opening),
		closing: perAccount(closing),
		income: [...byKind].map(([kind, amount]) => ({ kind, amount })),
		incomeTotal: [...byKind.values()].reduce((n, v) => n + v, 0),
		expenses,
		expenseTotal: expenses.reduce((n, e) => n + e.amount, 0),
		pending: found ? found.execution.bySource : null
	};
}

/** The report's fingerprint: what the vigilance committee reviews and the assembly approves. */
export function reportHash(report: TreasurerReport): string {
	return contentHash(report);
}

export async function renderReportPdf(report: TreasurerReport, paper: Paper): Promise<Buffer> {
	const sum = (rows: { balance: number }[]) => rows.reduce((n, r) => n + r.balance, 0);
	const balanceRows = (rows: TreasurerReport['opening']) =>
		rows.map((r) => [`${r.account} (${accountKindLabel(r.kind)})`, formatBs(r.balance)]);
	const blocks: PdfBlock[] = [
		{ type: 'title', text: m.money_report_title() },
		{
			type: 'paragraph',
			text: m.money_report_period({ from: report.period.from, to: report.period.to })
		},
		{ type: 'heading', text: m.money_report_opening({ amount: formatBs(sum(report.opening)) }) },
		{
			type: 'table',
			columns: [
				{ label: m.money_col_account(), width: 0.7 },
				{ label: m.money_col_amount(), width: 0.3, align: 'right' }
			],
			rows: balanceRows(report.opening)
		},
		{ type: 'heading', text: m.money_report_income({ amount: formatBs(report.incomeTotal) }) },
		{
			type: 'table',
			columns: [
				{ label: m.money_col_what(), width: 0.7 },
				{ label: m.money_col_amount(), width: 0.3, align: 'right' }
			],
			rows: report.income.map((i) => [incomeKindLabel(i.kind), formatBs(i.amount)])
		},
		{ type: 'heading', text: m.money_report_expenses({ amount: formatBs(report.expenseTotal) }) },
		{
			type: 'table',
			columns: [
				{ label: m.money_col_no(), width: 0.08 },
				{ label: m.money_col_date(), width: 0.14 },
				{ label: m.money_report_col_line(), width: 0.22 },
				{ label: m.money_report_col_receipt(), width: 0.36 },
				{ label: m.money_col_amount(), width: 0.2, align: 'right' }
			],
			rows: report.expenses.map((e) => [
				String(e.seq),
				e.date,
				e.line ? `${e.line} · ${moneySourceLabel(e.source ?? '')}` : '—',
				[e.supplier, e.number].filter(Boolean).join(' Nº ') || e.description,
				formatBs(e.amount)
			])
		},
		{ type: 'heading', text: m.money_report_closing({ amount: formatBs(sum(report.closing)) }) },
		{
			type: 'table',
			columns: [
				{ label: m.money_col_account(), width: 0.7 },
				{ label: m.money_col_amount(), width: 0.3, align: 'right' }
			],
			rows: balanceRows(report.closing)
		}
	];
	if (report.pending) {
		blocks.push(
			{ type: 'heading', text: m.money_report_pending() },
			{
				type: 'table',
				columns: [
					{ label: m.money_source(), width: 0.4 },
					{ label: m.money_planned(), width: 0.2, align: 'right' },
					{ label: m.money_spent(), width: 0.2, align: 'right' },
					{ label: m.money_remaining(), width: 0.2, align: 'right' }
				],
				rows: Object.entries(report.pending)
					.filter(([, e]) => e.planned > 0)
					.map(([s, e]) => [
						moneySourceLabel(s),
						formatBs(e.planned),
						formatBs(e.spent),
						formatBs(e.remaining)
					])
			}
		);
	}
	blocks.push({ type: 'code', text: m.money_report_hash({ hash: reportHash(report) }) });
	return renderPdf({
		title: m.money_report_title(),
		author: report.association.name,
		paper,
		footer: `${report.association.name} · ${m.money_report_title()} ${report.period.from} – ${report.period.to}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks
	});
}
