import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import {
	associationCommunities,
	createContract,
	listContracts,
	listHirings,
	readContractForm
} from '$lib/server/assistance';
import { associationContext, formAction, guard, throwPageError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.read');
	const canManage = can(ctx.actor, 'assistance.manage');
	try {
		return {
			contracts: await listContracts(getDb(), ctx),
			hirings: canManage ? (await listHirings(getDb(), ctx)).filter((h) => !h.contractId) : [],
			communities: canManage ? await associationCommunities(getDb(), ctx.association.id) : [],
			canManage
		};
	} catch (err) {
		throwPageError(err, event);
	}
};

export const actions: Actions = {
	create: (event) =>
		formAction(event, 'assistance.manage', async (ctx, values) => {
			const { id } = await createContract(getDb(), ctx, readContractForm(values));
			return { to: `/a/${ctx.association.slug}/assistance/${id}` };
		})
};
