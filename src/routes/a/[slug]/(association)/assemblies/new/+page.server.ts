import { getDb } from '$lib/server/app';
import { conveneAssembly, readAssemblyCallForm } from '$lib/server/assemblies';
import { associationContext, formAction, guard } from '$lib/server/http';
import { getRuleSet } from '$lib/server/voting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assembly.manage');
	return { waitMinutes: (await getRuleSet(getDb(), ctx.association.id)).secondCallWaitMinutes };
};

export const actions: Actions = {
	convene: (event) =>
		formAction(event, 'assembly.manage', async (ctx, values) => {
			const { id } = await conveneAssembly(getDb(), ctx, readAssemblyCallForm(values));
			return { to: `/a/${ctx.association.slug}/assemblies/${id}?done=convened` };
		})
};
