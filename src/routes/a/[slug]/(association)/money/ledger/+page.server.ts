import { getDb } from '$lib/server/app';
import { can, listMembers } from '$lib/server/associations';
import {
	createAccount,
	getApprovedPlan,
	listAccounts,
	listMovements,
	listPurchases,
	readAccountForm,
	readMovementForm,
	recordMovement,
	reverseMovement
} from '$lib/server/money';
import {
	assertConfirmed,
	associationContext,
	attempt,
	formAction,
	guard,
	readMultipart,
	throwPageError
} from '$lib/server/http';
import { readRowId } from '$lib/fields';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const SHOWN = 200;

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	const db = getDb();
	const id = ctx.association.id;
	const canRecord = can(ctx.actor, 'money.record');
	try {
		const [accounts, movements, plan] = await Promise.all([
			listAccounts(db, id),
			listMovements(db, id, { limit: SHOWN }),
			getApprovedPlan(db, id)
		]);
		const members = canRecord
			? (await listMembers(db, id))
					.filter((mb) => mb.status === 'active')
					.map((mb) => ({ id: mb.id, name: mb.name }))
			: [];
		// The awarded purchases an expense above the quotation threshold pays.
		const purchases = canRecord
			? (await listPurchases(db, ctx))
					.filter((p) => p.status === 'awarded')
					.map((p) => ({ id: p.id, title: p.title, lineLabel: p.lineLabel }))
			: [];
		const done = event.url.searchParams.get('done');
		const seq = event.url.searchParams.get('seq') ?? '';
		return {
			accounts,
			movements,
			lines: (plan?.lines ?? []).map((l) => ({ id: l.id, code: l.code, title: l.title })),
			members,
			purchases,
			canRecord,
			maxMb: RECEIPT_MAX_BYTES / 1024 / 1024,
			done:
				done === 'account'
					? m.money_account_done()
					: done === 'recorded'
						? m.money_record_done({ seq })
						: done === 'reversed'
							? m.money_reverse_done({ seq })
							: null
		};
	} catch (err) {
		throwPageError(err);
	}
};

/** The form's text fields and its receipt file, read once. */
export const actions: Actions = {
	account: (event) =>
		formAction(
			event,
			'money.record',
			async (ctx, values) => {
				await createAccount(getDb(), ctx, readAccountForm(values));
				return { to: `${event.url.pathname}?done=account` };
			},
			() => 'account'
		),
	record: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'money.record');
		const { values, bytes } = await readMultipart(event.request, 'receipt');
		return attempt({ ...values, _form: 'record' }, async () => {
			const seq = Number((await recordMovement(getDb(), ctx, readMovementForm(values), bytes)).seq);
			return { to: `${event.url.pathname}?done=recorded&seq=${seq}#movements-heading` };
		});
	},
	reverse: (event) =>
		formAction(
			event,
			'money.record',
			async (ctx, values) => {
				assertConfirmed(values);
				const target = readRowId(values.seq);
				const seq = Number((await reverseMovement(getDb(), ctx, target, values.reason ?? '')).seq);
				return { to: `${event.url.pathname}?done=reversed&seq=${seq}#movements-heading` };
			},
			(values) => `reverse-${values.seq ?? ''}`
		)
};
