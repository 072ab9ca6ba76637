import { getDb } from '$lib/server/app';
import { listFrozenVersions } from '$lib/server/drafts';
import { associationContext, formAction, guard } from '$lib/server/http';
import { readConsensusForm, recordConsensus } from '$lib/server/record';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'register.record');
	return { versions: await listFrozenVersions(getDb(), ctx) };
};

export const actions: Actions = {
	record: (event) =>
		formAction(event, 'register.record', async (ctx, values) => {
			const seq = Number((await recordConsensus(getDb(), ctx, readConsensusForm(values))).seq);
			return { to: `/a/${ctx.association.slug}/decisions/${seq}?done=recorded` };
		})
};
