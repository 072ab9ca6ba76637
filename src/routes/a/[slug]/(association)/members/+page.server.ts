import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import {
	addMemberWithoutAccount,
	can,
	createInvitation,
	decideJoinRequest,
	INVITATION_MAX_DAYS,
	INVITATION_MAX_USES,
	listJoinRequests,
	listMembers,
	listOpenInvitations,
	revokeInvitation
} from '$lib/server/associations';
import { associationContext, formAction, guard, parseId } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const MEMBERS_PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'members.view');
	const db = getDb();
	const manage = can(ctx.actor, 'members.manage');
	const all = await listMembers(db, ctx.association.id);
	// A page of the list at a time, so that a large association's page stays small on a phone.
	const pages = Math.max(1, Math.ceil(all.length / MEMBERS_PAGE));
	const asked = Number(event.url.searchParams.get('page'));
	const page = Number.isSafeInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
	const members = all.slice((page - 1) * MEMBERS_PAGE, page * MEMBERS_PAGE);
	return {
		page,
		pages,
		total: all.length,
		members: members.map((mb) => ({
			id: mb.id,
			name: mb.name,
			community: mb.community,
			role: mb.role,
			office: mb.office,
			status: mb.status,
			hasAccount: mb.user_id !== null,
			username: manage ? mb.username : null
		})),
		invitations: manage
			? (await listOpenInvitations(db, ctx)).map((i) => ({
					id: i.id,
					role: i.role,
					uses: i.uses,
					max_uses: i.max_uses,
					expires_at: i.expires_at,
					member_name: i.member_name
				}))
			: [],
		joinRequests: manage ? await listJoinRequests(db, ctx) : [],
		limits: { days: INVITATION_MAX_DAYS, uses: INVITATION_MAX_USES }
	};
};

/** A leader decides a removed member's request to come back. */
function decideRejoin(approve: boolean) {
	return (event: RequestEvent) =>
		formAction(event, 'members.manage', async (ctx, values) => {
			const member = await decideJoinRequest(getDb(), ctx, parseId(values.request), approve);
			return approve
				? m.rejoin_approved_done({ name: member.name })
				: m.rejoin_declined_done({ name: member.name });
		});
}

export const actions: Actions = {
	approve_rejoin: decideRejoin(true),
	decline_rejoin: decideRejoin(false),
	add: (event) =>
		formAction(event, 'members.manage', async (ctx, values) => {
			const member = await addMemberWithoutAccount(getDb(), ctx, values);
			return m.members_added({ name: member.name });
		}),
	invite: (event) =>
		formAction(event, 'invitations.manage', async (ctx, values) => {
			const { id } = await createInvitation(getDb(), ctx, values);
			return { to: `/a/${ctx.association.slug}/members/invitations/${id}` };
		}),
	revoke: (event) =>
		formAction(event, 'invitations.manage', async (ctx, values) => {
			await revokeInvitation(getDb(), ctx, parseId(values.invitation));
			return m.invitation_revoked();
		})
};
