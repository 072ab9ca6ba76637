import { getDb } from '$lib/server/app';
import { listAssociationsOfUser } from '$lib/server/associations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	associations: locals.user ? await listAssociationsOfUser(getDb(), locals.user.id) : []
});
