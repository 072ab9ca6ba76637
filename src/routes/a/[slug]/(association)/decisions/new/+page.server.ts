import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { listFrozenVersions } from '$lib/server/drafts';
import { associationContext, failFrom, guard, readForm } from '$lib/server/http';
import { recordConsensus } from '$lib/server/record';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'register.record');
	return { versions: await listFrozenVersions(getDb(), ctx) };
};

export const actions: Actions = {
	record: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'register.record');
		const values = await readForm(event.request);
		let seq: number;
		try {
			seq = Number((await recordConsensus(getDb(), ctx, values)).seq);
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/decisions/${seq}?done=recorded`);
	}
};
