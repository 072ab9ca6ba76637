import { getDb } from '$lib/server/app';
import { getTranche, listAccounts, readArrivalForm, receiveTranche } from '$lib/server/money';
import { associationContext, formAction, guard, throwPageError } from '$lib/server/http';
import { readRowId } from '$lib/fields';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, () => string> = {
	requested: m.money_tranche_done_requested,
	received: m.money_tranche_done_received
};

/** An unknown number, like one that is not a number, is a tranche not found. */
const trancheNumber = (text: string) => readRowId(text) || 0;

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		const page = await getTranche(getDb(), ctx, trancheNumber(event.params.number));
		const accounts = page.may.receive ? await listAccounts(getDb(), ctx.association.id) : [];
		return {
			...page,
			accounts: accounts.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
			done: DONE[event.url.searchParams.get('done') ?? '']?.() ?? null
		};
	} catch (err) {
		throwPageError(err, event);
	}
};

export const actions: Actions = {
	receive: (event) =>
		formAction(event, 'money.record', async (ctx, values) => {
			const number = trancheNumber(event.params.number);
			await receiveTranche(getDb(), ctx, number, readArrivalForm(values));
			return { to: `${event.url.pathname}?done=received` };
		})
};
