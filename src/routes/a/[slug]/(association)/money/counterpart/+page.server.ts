import { getDb } from '$lib/server/app';
import { can, listVotingMembers } from '$lib/server/associations';
import {
	boliviaDate,
	householdStandings,
	listLabour,
	readLabourForm,
	readQuotaForm,
	recordLabour,
	setQuotas
} from '$lib/server/money';
import { getRuleSet } from '$lib/server/voting';
import {
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	throwPageError
} from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	// Who owes what names families: members only, not the public register's visitors.
	guard(event, ctx, 'association.view_private');
	const db = getDb();
	const id = ctx.association.id;
	const now = Date.now();
	try {
		const today = boliviaDate(now);
		const [households, labour, rules] = await Promise.all([
			householdStandings(db, id, today),
			listLabour(db, id),
			getRuleSet(db, id)
		]);
		const canRecord = can(ctx.actor, 'money.record');
		const canSplit = can(ctx.actor, 'counterpart.manage');
		const names = new Map(households.map((h) => [h.key, h.name]));
		const done = event.url.searchParams.get('done');
		return {
			today,
			households,
			labour: labour.map((l) => ({ ...l, household: names.get(l.household) ?? l.household })),
			arrearsDisqualify: rules.arrearsDisqualify,
			canRecord,
			canSplit,
			witnesses: canRecord
				? (await listVotingMembers(db, id)).map((p) => ({
						id: p.id,
						name: p.name,
						household: p.household
					}))
				: [],
			done:
				done === 'quotas'
					? m.counterpart_quotas_done()
					: done === 'labour'
						? m.counterpart_labour_done()
						: null
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	quotas: (event) =>
		formAction(
			event,
			'counterpart.manage',
			async (ctx, values) => {
				await setQuotas(getDb(), ctx, readQuotaForm(values));
				return { to: `${event.url.pathname}?done=quotas` };
			},
			() => 'quotas'
		),
	labour: (event) =>
		formAction(
			event,
			'money.record',
			async (ctx, values) => {
				assertConfirmed(values);
				await recordLabour(getDb(), ctx, readLabourForm(values));
				return { to: `${event.url.pathname}?done=labour` };
			},
			() => 'labour'
		)
};
