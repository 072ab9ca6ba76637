import { error, fail } from '@sveltejs/kit';
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
import {
	associationContext,
	attempt,
	failFrom,
	guard,
	parseId,
	readForm,
	succeed
} from '$lib/server/http';
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
		const ctx = await associationContext(event);
		guard(event, ctx, 'cards.manage');
		const values = await readForm(event.request);
		const db = getDb();
		const memberId = parseId(event.params.id);
		if ((await activeCard(db, ctx.association.id, memberId)) && values.confirm !== 'yes') {
			return fail(400, {
				message: m.card_confirm_needed(),
				errors: { confirm: m.card_confirm_needed() },
				values: { _form: values._form ?? '' }
			});
		}
		try {
			const { secret } = await issueCard(db, ctx, memberId, { lost });
			const url = new URL(cardPath(secret), event.url.origin).href;
			return {
				...succeed(values, lost ? m.card_replaced_done() : m.card_issued_done()),
				printable: { secret, url, qr: qrSvg(url, m.card_qr_label()) }
			};
		} catch (err) {
			return failFrom(err, values);
		}
	};
}

export const actions: Actions = {
	issue: issue(false),
	lost: issue(true),
	revoke: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'cards.manage');
		const values = await readForm(event.request);
		if (values.confirm !== 'yes') {
			return fail(400, {
				message: m.card_confirm_needed(),
				errors: { confirm: m.card_confirm_needed() },
				values: { _form: values._form ?? '' }
			});
		}
		return attempt(values, async () => {
			await revokeCard(getDb(), ctx, parseId(event.params.id));
			return m.card_revoked_done();
		});
	}
};
