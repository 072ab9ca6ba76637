import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import { findInvitationById, invitationState, revokeInvitation } from '$lib/server/associations';
import { parseId, associationContext, formAction, guard } from '$lib/server/http';
import { qrSvg } from '$lib/server/qr';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'invitations.manage');
	const found = await findInvitationById(getDb(), ctx, parseId(event.params.id));
	if (!found) error(404, m.error_invitation_not_found());
	const { invitation, memberName } = found;
	const link = new URL(`/a/${ctx.association.slug}/join/${invitation.code}`, event.url.origin).href;
	return {
		invitation: {
			id: invitation.id,
			code: invitation.code,
			role: invitation.role,
			uses: invitation.uses,
			max_uses: invitation.max_uses,
			expires_at: invitation.expires_at,
			state: invitationState(invitation),
			memberName
		},
		link,
		qr: qrSvg(link, m.invitation_qr_label())
	};
};

export const actions: Actions = {
	revoke: (event) =>
		formAction(event, 'invitations.manage', async (ctx) => {
			await revokeInvitation(getDb(), ctx, parseId(event.params.id));
			return { to: `/a/${ctx.association.slug}/members#invite` };
		})
};
