import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import {
	changeMemberRole,
	createPersonalInvitation,
	getMember,
	setMemberStatus,
	updateMemberDetails,
	type AssociationContext
} from '$lib/server/associations';
import type { MemberStatus } from '$lib/server/db/schema';
import { associationContext, formAction, guard, parseId } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadMember(ctx: AssociationContext, id: string) {
	const member = await getMember(getDb(), ctx.association.id, parseId(id));
	if (!member || member.status === 'left') error(404, m.error_member_not_found());
	return member;
}

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'members.manage');
	const member = await loadMember(ctx, event.params.id);
	return {
		member: {
			id: member.id,
			name: member.name,
			community: member.community,
			household: member.household,
			id_number: member.id_number,
			role: member.role,
			office: member.office,
			status: member.status,
			hasAccount: member.user_id !== null,
			isMe: member.user_id !== null && member.user_id === ctx.user?.id,
			created_at: member.created_at
		}
	};
};

function statusAction(status: MemberStatus, message: () => string) {
	return (event: RequestEvent) =>
		formAction(event, 'members.manage', async (ctx) => {
			await setMemberStatus(getDb(), ctx, parseId(event.params.id), status);
			return status === 'left' ? { to: `/a/${ctx.association.slug}/members` } : message();
		});
}

export const actions: Actions = {
	details: (event) =>
		formAction(event, 'members.manage', async (ctx, values) => {
			await updateMemberDetails(getDb(), ctx, parseId(event.params.id), values);
			return m.member_details_saved();
		}),
	role: (event) =>
		formAction(event, 'members.manage', async (ctx, values) => {
			await changeMemberRole(getDb(), ctx, parseId(event.params.id), values);
			return m.member_role_saved();
		}),
	suspend: statusAction('suspended', m.member_suspended_done),
	reactivate: statusAction('active', m.member_reactivated_done),
	remove: statusAction('left', m.member_removed_done),
	personal_invite: (event) =>
		formAction(event, 'invitations.manage', async (ctx) => {
			const { id } = await createPersonalInvitation(getDb(), ctx, parseId(event.params.id));
			return { to: `/a/${ctx.association.slug}/members/invitations/${id}` };
		})
};
