import { getDb } from '$lib/server/app';
import { readTrancheForm, requestTranche, tranchesOverview } from '$lib/server/money';
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
		return await tranchesOverview(getDb(), ctx);
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	// The descargo is frozen as it reads now: the treasurer confirms it first.
	request: (event) =>
		formAction(event, 'money.record', async (ctx, values) => {
			const input = readTrancheForm(values);
			assertConfirmed(values, 'error_money_tranche_confirm');
			const { number } = await requestTranche(getDb(), ctx, input);
			return { to: `/a/${ctx.association.slug}/money/tranches/${number}?done=requested` };
		})
};
