import { getDb } from '$lib/server/app';
import { listAudit } from '$lib/server/associations';
import { associationContext, guard, parseId } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'audit.view');
	const before = event.url.searchParams.get('before');
	const page = await listAudit(getDb(), ctx.association.id, {
		before: before ? parseId(before) : undefined
	});
	return {
		events: page.events.map((e) => ({
			id: e.id,
			action: e.action,
			actor_name: e.actor_name,
			subject: e.subject,
			details: e.details,
			created_at: e.created_at
		})),
		nextBefore: page.nextBefore,
		paged: before !== null
	};
};
