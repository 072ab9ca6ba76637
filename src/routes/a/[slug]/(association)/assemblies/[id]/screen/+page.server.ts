import { getDb } from '$lib/server/app';
import { getAssembly, getAssemblyLive } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const id = parseId(event.params.id);
	try {
		const assembly = await getAssembly(getDb(), ctx, id);
		return {
			title: assembly.title,
			live: await getAssemblyLive(getDb(), ctx, id)
		};
	} catch (err) {
		throwPageError(err);
	}
};
