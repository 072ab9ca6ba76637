import { getDb } from '$lib/server/app';
import { getMoneyPage } from '$lib/server/money';
import { answer, apiContext, isPublic } from '../../../api';
import type { RequestHandler } from './$types';

// The accounts' balances and the approved plan in execution: per line and source, planned,
// committed, spent and remaining, with each line's latest expenses and their receipts' paths.
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await apiContext(event);
		const money = await getMoneyPage(getDb(), ctx);
		const base = `/a/${ctx.association.slug}/money`;
		return {
			body: {
				association: { slug: ctx.association.slug, name: ctx.association.name },
				currency: 'BOB',
				unit: 'centavos',
				accounts: money.accounts,
				plan: money.plan,
				total: money.execution?.total ?? null,
				by_source: money.execution?.bySource ?? null,
				lines: money.lines.map(({ expenses, ...line }) => ({
					...line,
					expenses: expenses.map((e) => ({
						...e,
						receipt: e.receiptId ? `${base}/receipts/${e.receiptId}` : null
					}))
				})),
				ledger: `${base}/ledger.json`
			},
			isPublic: isPublic(ctx)
		};
	});
