import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import {
	acceptInvitation,
	findInvitation,
	hasPendingRejoin,
	loadAssociationContext
} from '$lib/server/associations';
import { attempt, readForm, requireUser } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Outside the association layout on purpose: a stranger holding an invitation to a private
// association may see its name here, and nothing else.
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = getDb();
	const view = await findInvitation(db, params.slug, params.code);
	if (!view) error(404, m.error_invitation_not_found());
	const ctx = locals.user ? await loadAssociationContext(db, params.slug, locals.user) : undefined;
	const { association, invitation } = view;
	return {
		association: {
			slug: association.slug,
			name: association.name,
			product: association.product,
			municipality: association.municipality,
			department: association.department
		},
		invitation: { role: invitation.role, state: view.state, memberName: view.memberName },
		memberStatus: ctx?.member?.status ?? null,
		rejoinPending: ctx?.member?.status === 'left' && (await hasPendingRejoin(db, ctx.member.id))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		return attempt(await readForm(event.request), async () => {
			const joined = await acceptInvitation(getDb(), user, event.params.slug, event.params.code);
			// A member who left asks to come back: a leader decides, the page says so.
			if (joined.pending) return { done: m.join_rejoin_pending(), with: { pending: true } };
			return { to: `/a/${event.params.slug}` };
		});
	}
};
