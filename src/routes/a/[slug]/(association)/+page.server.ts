import { getDb } from '$lib/server/app';
import { can, countMembers, listBoard } from '$lib/server/associations';
import { EDITABLE_STATUSES, listDrafts } from '$lib/server/drafts';
import { associationContext, guard } from '$lib/server/http';
import { listOpenVotes } from '$lib/server/voting';
import { nextAssembly } from '$lib/server/assemblies';
import { getRegisterHead, recentDecisions } from '$lib/server/record';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const db = getDb();
	const member = can(ctx.actor, 'association.view_private');
	return {
		board: await listBoard(db, ctx.association.id),
		counts: member ? await countMembers(db, ctx.association.id) : null,
		openVotes: member ? await listOpenVotes(db, ctx) : [],
		assembly: member ? ((await nextAssembly(db, ctx)) ?? null) : null,
		liveDrafts: member
			? (await listDrafts(db, ctx)).filter((d) => EDITABLE_STATUSES.includes(d.status)).slice(0, 5)
			: [],
		// The register is public whenever the association's page is: recent decisions and the head.
		decisions: await recentDecisions(db, ctx),
		head: await getRegisterHead(db, ctx.association.id)
	};
};
