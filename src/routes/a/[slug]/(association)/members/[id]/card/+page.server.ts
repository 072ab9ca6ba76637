import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import {
	activeCard,
	cardPath,
	getMember,
	issueCard,
	revokeCard,
	type AssociationContext
} from '$lib/server/associations';
import { assertConfirmed, associationContext, formAction, guard, parseId } from '$lib/server/http';
import { qrSvg } from '$lib/server/qr';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function memberOf(ctx: AssociationContext, id: string) {
	const member = await getMember(getDb(), ctx.association.id, parseId(id));
	if (!member || member.status === 'left') error(404, m.error_member_not_found());
	return member;
}

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'cards.manage');
	const member = await memberOf(ctx, event.params.id);
	const card = await activeCard(getDb(), ctx.association.id, member.id);
	return {
		member: {
			id: member.id,
			name: member.name,
			community: member.community,
			hasAccount: member.user_id !== null,
			active: member.status === 'active'
		},
		card: card ? { since: card.created_at, uses: card.uses, lastUsed: card.last_used_at } : null
	};
};

/** Issues a card (or replaces a lost one) and shows it once, to print: the secret is not kept. */
function issue(lost: boolean) {
	return async (event: RequestEvent) => {
		return formAction(event, 'cards.manage', async (ctx, values) => {
			const db = getDb();
			const memberId = parseId(event.params.id);
			// Replacing a card ends the one in use: asked for in words.
			if (await activeCard(db, ctx.association.id, memberId))
				assertConfirmed(values, 'card_confirm_needed');
			const { secret } = await issueCard(db, ctx, memberId, { lost });
			const url = new URL(cardPath(secret), event.url.origin).href;
			return {
				done: lost ? m.card_replaced_done() : m.card_issued_done(),
				with: { printable: { secret, url, qr: qrSvg(url, m.card_qr_label()) } }
			};
		});
	};
}

export const actions: Actions = {
	issue: issue(false),
	lost: issue(true),
	revoke: (event) =>
		formAction(event, 'cards.manage', async (ctx, values) => {
			assertConfirmed(values, 'card_confirm_needed');
			await revokeCard(getDb(), ctx, parseId(event.params.id));
			return m.card_revoked_done();
		})
};
