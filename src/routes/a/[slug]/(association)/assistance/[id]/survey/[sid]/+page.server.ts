import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { answerSurvey, getContractPage } from '$lib/server/assistance';
import { associationContext, formAction, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.answer');
	let page;
	try {
		page = await getContractPage(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	const survey = page?.surveys.find((s) => s.id === parseId(event.params.sid));
	if (!page || !survey) error(404, m.error_not_found());
	return { contract: page.contract, survey, served: page.served };
};

export const actions: Actions = {
	default: (event) =>
		formAction(event, 'assistance.answer', async (ctx, values) => {
			await answerSurvey(getDb(), ctx, parseId(event.params.sid), values);
			return {
				to: `/a/${ctx.association.slug}/assistance/${event.params.id}?done=survey#surveys-heading`
			};
		})
};
