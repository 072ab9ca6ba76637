import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { listAssemblies } from '$lib/server/assemblies';
import { associationContext, guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	return {
		assemblies: await listAssemblies(getDb(), ctx),
		manage: can(ctx.actor, 'assembly.manage')
	};
};
