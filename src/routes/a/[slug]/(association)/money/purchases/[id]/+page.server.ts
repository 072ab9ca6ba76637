import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { addQuotation, awardPurchase, getPurchase } from '$lib/server/money';
import {
	assertConfirmed,
	associationContext,
	attempt,
	formAction,
	guard,
	parseId,
	readMultipart,
	throwPageError
} from '$lib/server/http';
import { readRowId } from '$lib/fields';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	let found;
	try {
		found = await getPurchase(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err);
	}
	if (!found) error(404, m.error_not_found());
	return {
		...found,
		canAct: can(ctx.actor, 'register.record'),
		maxMb: RECEIPT_MAX_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	quote: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'register.record');
		const { values, bytes } = await readMultipart(event.request, 'document');
		return attempt({ ...values, _form: 'quote' }, async () => {
			await addQuotation(
				getDb(),
				ctx,
				parseId(event.params.id),
				{ supplier: values.supplier ?? '', amount: values.amount ?? '', terms: values.terms ?? '' },
				bytes
			);
			return { to: `${event.url.pathname}#cuadro-heading` };
		});
	},
	award: (event) =>
		formAction(
			event,
			'register.record',
			async (ctx, values) => {
				assertConfirmed(values);
				await awardPurchase(getDb(), ctx, parseId(event.params.id), {
					quotationId: readRowId(values.quotation),
					reason: values.reason ?? ''
				});
				return { to: event.url.pathname };
			},
			() => 'award'
		)
};
