import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import {
	closedThrough,
	readPeriod,
	reportHash,
	submitReport,
	treasurerReport
} from '$lib/server/money';
import {
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	throwPageError
} from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		const report = await treasurerReport(getDb(), ctx, readPeriod(event.url.searchParams));
		return {
			report,
			hash: reportHash(report),
			canSubmit: can(ctx.actor, 'money.record'),
			closedThrough: await closedThrough(getDb(), ctx.association.id)
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	// The treasurer hands the period in to the vigilance committee: the report is frozen and the
	// period closed to new movements.
	submit: (event) =>
		formAction(event, 'money.record', async (ctx, values) => {
			assertConfirmed(values, 'error_money_report_confirm');
			const period = readPeriod(new URLSearchParams({ from: values.from, to: values.to }));
			const { id } = await submitReport(getDb(), ctx, period);
			return { to: `/a/${ctx.association.slug}/money/reviews/${id}?done=submitted` };
		})
};
