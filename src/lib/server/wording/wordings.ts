// An association's own wording of the interface: a leader, or a member the leaders name, proposes
// better words for a string in a language; a leader accepts (or rejects) it; the accepted wording
// then replaces the catalogue's text for the association's members, and can be exported.

import { samePlaceholders } from '$lib/i18n/catalogue';
import { actingUser, authorize, can, recordAudit } from '$lib/server/associations';
import type { AssociationContext } from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { Wording } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { isLocale } from '$lib/server/auth';
import { isMessageKey, spanishText } from './catalogues';

export const WORDING_MAX = 600;

export interface WordingProposal {
	locale: string;
	key: string;
	text: string;
}

/** Reads a proposal form; the locale is the interface's current one unless the form names one. */
export function readWordingProposal(
	values: Record<string, string>,
	currentLocale: string
): WordingProposal {
	return {
		locale: values.locale || currentLocale,
		key: (values.key ?? '').trim(),
		text: (values.text ?? '').replace(/\r\n/g, '\n').trim()
	};
}

async function isEditor(db: Db, ctx: AssociationContext): Promise<boolean> {
	if (!ctx.member || ctx.member.status !== 'active') return false;
	const row = await db
		.selectFrom('wording_editor')
		.select('member_id')
		.where('association_id', '=', ctx.association.id)
		.where('member_id', '=', ctx.member.id)
		.executeTakeFirst();
	return row !== undefined;
}

/** Leaders, and the active members they named, may propose wordings. */
export async function mayProposeWording(db: Db, ctx: AssociationContext): Promise<boolean> {
	return can(ctx.actor, 'wording.manage') || (await isEditor(db, ctx));
}

export async function proposeWording(
	db: Db,
	ctx: AssociationContext,
	input: WordingProposal,
	now = Date.now()
): Promise<Wording> {
	const user = actingUser(ctx);
	if (!(await mayProposeWording(db, ctx))) throw new DomainError('forbidden', 'error_forbidden');
	if (!isLocale(input.locale)) throw invalid({ locale: 'error_locale' });
	if (!isMessageKey(input.key)) throw new DomainError('not_found', 'error_wording_key');
	if (!input.text) throw invalid({ text: 'error_required' });
	if (input.text.length > WORDING_MAX) throw invalid({ text: tooLong(WORDING_MAX) });
	if (!samePlaceholders(spanishText(input.key), input.text)) {
		throw invalid({ text: 'error_wording_placeholders' });
	}
	const row = await db
		.insertInto('wording')
		.values({
			association_id: ctx.association.id,
			locale: input.locale,
			key: input.key,
			text: input.text,
			status: 'proposed',
			proposed_by: user.id,
			proposed_by_name: ctx.member?.name ?? user.display_name,
			proposed_at: now
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return row;
}

async function pending(db: Db, ctx: AssociationContext, id: number): Promise<Wording> {
	const row = await db
		.selectFrom('wording')
		.selectAll()
		.where('id', '=', id)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found', 'error_wording_not_found');
	if (row.status !== 'proposed') throw new DomainError('conflict', 'error_wording_decided');
	return row;
}

/** Accepts a proposal: it replaces the association's earlier accepted wording of that string. */
export async function acceptWording(db: Db, ctx: AssociationContext, id: number, now = Date.now()) {
	authorize(ctx.actor, 'wording.manage');
	const user = actingUser(ctx);
	await writeTx(db, async (trx) => {
		const row = await pending(trx, ctx, id);
		await trx
			.updateTable('wording')
			.set({ status: 'retired', decided_by: user.id, decided_at: now })
			.where('association_id', '=', row.association_id)
			.where('locale', '=', row.locale)
			.where('key', '=', row.key)
			.where('status', '=', 'accepted')
			.execute();
		await trx
			.updateTable('wording')
			.set({ status: 'accepted', decided_by: user.id, decided_at: now })
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, {
			associationId: row.association_id,
			actor: user,
			action: 'wording.accepted',
			subject: row.key,
			details: { locale: row.locale, text: row.text, proposed_by: row.proposed_by_name },
			at: now
		});
	});
}

export async function rejectWording(db: Db, ctx: AssociationContext, id: number, now = Date.now()) {
	authorize(ctx.actor, 'wording.manage');
	const user = actingUser(ctx);
	await pending(db, ctx, id);
	await db
		.updateTable('wording')
		.set({ status: 'rejected', decided_by: user.id, decided_at: now })
		.where('id', '=', id)
		.where('status', '=', 'proposed')
		.execute();
}

/** Goes back to the catalogue's text for a string (the accepted wording is retired, kept). */
export async function retireWording(db: Db, ctx: AssociationContext, id: number, now = Date.now()) {
	authorize(ctx.actor, 'wording.manage');
	const user = actingUser(ctx);
	const row = await db
		.selectFrom('wording')
		.selectAll()
		.where('id', '=', id)
		.where('association_id', '=', ctx.association.id)
		.where('status', '=', 'accepted')
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found', 'error_wording_not_found');
	await writeTx(db, async (trx) => {
		await trx
			.updateTable('wording')
			.set({ status: 'retired', decided_by: user.id, decided_at: now })
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, {
			associationId: row.association_id,
			actor: user,
			action: 'wording.retired',
			subject: row.key,
			details: { locale: row.locale },
			at: now
		});
	});
}

/** The association's accepted wordings in one language, by message key. */
export async function acceptedWordings(
	db: Db,
	associationId: number,
	locale: string
): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('wording')
		.select(['key', 'text'])
		.where('association_id', '=', associationId)
		.where('locale', '=', locale)
		.where('status', '=', 'accepted')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.key, r.text]));
}

/** Proposals and accepted wordings of one language, newest first (for the wording page). */
export async function listWordings(db: Db, associationId: number, locale: string) {
	return db
		.selectFrom('wording')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('locale', '=', locale)
		.where('status', 'in', ['proposed', 'accepted'])
		.orderBy('id', 'desc')
		.execute();
}

/** Every accepted wording, by language then key: the file to improve the shared catalogues. */
export async function exportWordings(db: Db, ctx: AssociationContext) {
	const rows = await db
		.selectFrom('wording')
		.select(['locale', 'key', 'text', 'proposed_by_name', 'decided_at'])
		.where('association_id', '=', ctx.association.id)
		.where('status', '=', 'accepted')
		.orderBy('locale')
		.orderBy('key')
		.execute();
	const wordings: Record<string, Record<string, string>> = {};
	for (const r of rows) (wordings[r.locale] ??= {})[r.key] = r.text;
	return {
		association: ctx.association.slug,
		name: ctx.association.name,
		exported_at: new Date().toISOString(),
		wordings,
		details: rows.map((r) => ({
			locale: r.locale,
			key: r.key,
			text: r.text,
			spanish: spanishText(r.key),
			proposed_by: r.proposed_by_name,
			accepted_at: r.decided_at === null ? null : new Date(Number(r.decided_at)).toISOString()
		}))
	};
}

export async function wordingEditors(db: Db, associationId: number) {
	return db
		.selectFrom('wording_editor')
		.innerJoin('member', 'member.id', 'wording_editor.member_id')
		.select(['member.id', 'member.name'])
		.where('wording_editor.association_id', '=', associationId)
		.orderBy('member.name')
		.execute();
}

/** Leaders name an active member with an account who may propose wordings. */
export async function nameWordingEditor(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	now = Date.now()
) {
	authorize(ctx.actor, 'wording.manage');
	const user = actingUser(ctx);
	const member = await db
		.selectFrom('member')
		.select(['id', 'name', 'status', 'user_id'])
		.where('id', '=', memberId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!member || member.status !== 'active') {
		throw new DomainError('not_found', 'error_member_not_found');
	}
	if (!member.user_id) throw invalid({ member: 'error_wording_editor_account' });
	await db
		.insertInto('wording_editor')
		.values({
			association_id: ctx.association.id,
			member_id: memberId,
			named_by: user.id,
			named_at: now
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	await recordAudit(db, {
		associationId: ctx.association.id,
		actor: user,
		action: 'wording.editor_named',
		subject: member.name,
		at: now
	});
}

export async function removeWordingEditor(db: Db, ctx: AssociationContext, memberId: number) {
	authorize(ctx.actor, 'wording.manage');
	await db
		.deleteFrom('wording_editor')
		.where('association_id', '=', ctx.association.id)
		.where('member_id', '=', memberId)
		.execute();
}
