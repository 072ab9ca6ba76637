import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { getApprovedPlan, listPurchases, openPurchase } from '$lib/server/money';
import { getRuleSet } from '$lib/server/voting/settings';
import { associationContext, formAction, guard, throwPageError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	const db = getDb();
	try {
		const [purchases, plan, rules] = await Promise.all([
			listPurchases(db, ctx),
			getApprovedPlan(db, ctx.association.id),
			getRuleSet(db, ctx.association.id)
		]);
		return {
			purchases,
			lines: (plan?.lines ?? []).map((l) => ({ id: l.id, code: l.code, title: l.title })),
			canOpen: can(ctx.actor, 'register.record'),
			threshold: rules.quotationThresholdCents,
			required: rules.quotationsRequired
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	open: (event) =>
		formAction(event, 'register.record', async (ctx, values) => {
			const id = await openPurchase(getDb(), ctx, {
				title: values.title ?? '',
				lineId: values.line ?? ''
			});
			return { to: `${event.url.pathname}/${id}` };
		})
};
