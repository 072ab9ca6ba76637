import type { Db } from '$lib/server/db';
import type { AuditEvent } from '$lib/server/db/schema';

export type AuditAction =
	| 'association.created'
	| 'member.added'
	| 'member.updated'
	| 'member.joined'
	| 'member.linked'
	| 'member.role_changed'
	| 'member.suspended'
	| 'member.reactivated'
	| 'member.removed'
	| 'member.rejoin_requested'
	| 'member.rejoin_approved'
	| 'member.rejoin_declined'
	| 'invitation.created'
	| 'invitation.revoked'
	| 'draft.created'
	| 'draft.author_added'
	| 'draft.version_saved'
	| 'draft.version_frozen'
	| 'debate.created'
	| 'debate.post_hidden'
	| 'debate.amendment_accepted'
	| 'debate.amendment_declined'
	| 'rules.updated'
	| 'rules.change_proposed'
	| 'vote.created'
	| 'vote.changed'
	| 'vote.opened'
	| 'vote.closed'
	| 'vote.cancelled'
	| 'vote.proxy_recorded'
	| 'vote.assisted_ballot'
	| 'vote.hand_count_entered'
	| 'vote.hand_count_confirmed'
	| 'decision.recorded'
	| 'decision.corrected'
	| 'assembly.convened'
	| 'assembly.changed'
	| 'assembly.call_changed'
	| 'assembly.cancelled'
	| 'assembly.started'
	| 'assembly.closed'
	| 'assembly.photo_attached'
	| 'money.account_created'
	| 'money.movement_recorded'
	| 'money.movement_reversed'
	| 'money.report_submitted'
	| 'money.tranche_requested'
	| 'money.report_observed'
	| 'money.report_answered'
	| 'money.report_conforme'
	| 'counterpart.quotas_set'
	| 'counterpart.labour_recorded'
	| 'money.purchase_opened'
	| 'money.quotation_recorded'
	| 'money.purchase_awarded'
	| 'wording.accepted'
	| 'wording.retired'
	| 'wording.editor_named'
	| 'card.issued'
	| 'card.revoked'
	| 'card.used'
	| 'assistance.contract_created'
	| 'assistance.contract_changed'
	| 'assistance.visit_logged'
	| 'assistance.visit_answered'
	| 'assistance.deliverable_approved'
	| 'assistance.survey_answered'
	| 'voice.recorded'
	| 'voice.retired';

export interface AuditActor {
	id: string;
	display_name: string;
}

export async function recordAudit(
	db: Db,
	entry: {
		associationId: number;
		actor: AuditActor;
		action: AuditAction;
		subject?: string | null;
		details?: Record<string, unknown>;
		/** When the act happened (the act's own `now`); the current time by default. */
		at?: number;
	}
): Promise<void> {
	await db
		.insertInto('audit_event')
		.values({
			association_id: entry.associationId,
			actor_user_id: entry.actor.id,
			actor_name: entry.actor.display_name,
			action: entry.action,
			subject: entry.subject ?? null,
			details: JSON.stringify(entry.details ?? {}),
			created_at: entry.at ?? Date.now()
		})
		.execute();
}

export interface AuditPage {
	events: (Omit<AuditEvent, 'details'> & { details: Record<string, unknown> })[];
	/** Pass as `before` to read the next (older) page; undefined on the last page. */
	nextBefore: number | undefined;
}

/** Newest first, `limit` at a time, paging by id. */
export async function listAudit(
	db: Db,
	associationId: number,
	opts: { before?: number; limit?: number } = {}
): Promise<AuditPage> {
	const limit = opts.limit ?? 50;
	let q = db
		.selectFrom('audit_event')
		.selectAll()
		.where('association_id', '=', associationId)
		.orderBy('id', 'desc')
		.limit(limit + 1);
	if (opts.before !== undefined) q = q.where('id', '<', opts.before);
	const rows = await q.execute();
	const page = rows.slice(0, limit);
	return {
		events: page.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
		nextBefore: rows.length > limit ? page[page.length - 1].id : undefined
	};
}

/** Every event of the association, oldest first: for the audit log's exports. */
export async function allAuditEvents(db: Db, associationId: number): Promise<AuditPage['events']> {
	const rows = await db
		.selectFrom('audit_event')
		.selectAll()
		.where('association_id', '=', associationId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
