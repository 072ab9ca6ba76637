// The audit log as files a community can keep: JSON (every event with its details) and CSV.
// Each event also carries its sentence in the reader's language, as the audit page shows it.
import { auditSentence } from '$lib/labels';
import { m } from '$lib/paraglide/messages.js';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { toCsv } from '$lib/server/csv';
import type { Db } from '$lib/server/db';
import { authorize } from './policy';
import { allAuditEvents } from './audit';
import type { AssociationContext } from './associations';

export const AUDIT_FORMAT = 'minka-audit';

export interface AuditExport {
	format: typeof AUDIT_FORMAT;
	version: 1;
	association: { slug: string; name: string };
	exported_at: string;
	/** SHA-256 of the canonical JSON of `events`: quote it to show a copy is the same. */
	events_hash: string;
	events: {
		id: number;
		at: string;
		actor: string;
		action: string;
		subject: string | null;
		details: Record<string, unknown>;
		text: string;
	}[];
}

export async function exportAudit(
	db: Db,
	ctx: AssociationContext,
	now = Date.now()
): Promise<AuditExport> {
	authorize(ctx.actor, 'audit.view');
	const events = (await allAuditEvents(db, ctx.association.id)).map((e) => ({
		id: Number(e.id),
		at: new Date(Number(e.created_at)).toISOString(),
		actor: e.actor_name,
		action: e.action,
		subject: e.subject,
		details: e.details,
		text: auditSentence(e)
	}));
	return {
		format: AUDIT_FORMAT,
		version: 1,
		association: { slug: ctx.association.slug, name: ctx.association.name },
		exported_at: new Date(now).toISOString(),
		events_hash: sha256Hex(canonicalJson(events)),
		events
	};
}

export function auditCsv(data: AuditExport): string {
	return toCsv(
		[
			m.audit_csv_id(),
			m.audit_csv_at(),
			m.audit_csv_actor(),
			m.audit_csv_action(),
			m.audit_csv_subject(),
			m.audit_csv_text(),
			m.audit_csv_details()
		],
		data.events.map((e) => [
			e.id,
			e.at,
			e.actor,
			e.action,
			e.subject,
			e.text,
			JSON.stringify(e.details)
		])
	);
}
