import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { getEvaluation, readEvaluationForm, recordEvaluation } from '$lib/server/assistance';
import {
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	parseId,
	throwPageError
} from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.read');
	let evaluation;
	try {
		evaluation = await getEvaluation(
			getDb(),
			ctx,
			parseId(event.params.id),
			parseId(event.params.month)
		);
	} catch (err) {
		throwPageError(err, event);
	}
	if (!evaluation) error(404, m.error_not_found());
	return {
		evaluation,
		contractId: parseId(event.params.id),
		canManage: can(ctx.actor, 'assistance.manage')
	};
};

export const actions: Actions = {
	default: (event) =>
		formAction(event, 'assistance.manage', async (ctx, values) => {
			assertConfirmed(values);
			await recordEvaluation(
				getDb(),
				ctx,
				parseId(event.params.id),
				parseId(event.params.month),
				readEvaluationForm(values)
			);
			return { to: event.url.pathname };
		})
};
