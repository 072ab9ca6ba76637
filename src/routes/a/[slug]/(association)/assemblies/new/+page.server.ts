import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { conveneAssembly } from '$lib/server/assemblies';
import { associationContext, failFrom, guard, readForm } from '$lib/server/http';
import { getRuleSet } from '$lib/server/voting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assembly.manage');
	return { waitMinutes: (await getRuleSet(getDb(), ctx.association.id)).secondCallWaitMinutes };
};

export const actions: Actions = {
	convene: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assembly.manage');
		const values = await readForm(event.request);
		let id: number;
		try {
			id = (await conveneAssembly(getDb(), ctx, values)).id;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/assemblies/${id}?done=convened`);
	}
};
