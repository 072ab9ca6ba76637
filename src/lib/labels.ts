// Translated names for the domain's codes (roles, offices, statuses, audit actions).
import { m } from '$lib/paraglide/messages.js';

const ROLE: Record<string, () => string> = {
	leader: m.role_leader,
	member: m.role_member,
	facilitator: m.role_facilitator,
	observer: m.role_observer
};

const OFFICE: Record<string, () => string> = {
	presidente: m.office_presidente,
	vicepresidente: m.office_vicepresidente,
	secretario_actas: m.office_secretario_actas,
	tesorero: m.office_tesorero,
	vocal: m.office_vocal
};

const STATUS: Record<string, () => string> = {
	active: m.status_active,
	suspended: m.status_suspended,
	left: m.status_left
};

export function roleLabel(role: string): string {
	return ROLE[role]?.() ?? role;
}

export function officeLabel(office: string | null): string {
	return office ? (OFFICE[office]?.() ?? office) : '';
}

/** "Dirigente · presidente/a", or just the role when there is no office. */
export function roleWithOffice(role: string, office: string | null): string {
	return office ? `${roleLabel(role)} · ${officeLabel(office)}` : roleLabel(role);
}

export function statusLabel(status: string): string {
	return STATUS[status]?.() ?? status;
}

export interface AuditLine {
	action: string;
	actor_name: string;
	subject: string | null;
	details: Record<string, unknown>;
}

/** One sentence saying what happened, e.g. "Ana cambió el rol de Juan a dirigente · vocal". */
export function auditSentence(e: AuditLine): string {
	const actor = e.actor_name;
	const subject = e.subject ?? '';
	const d = e.details;
	switch (e.action) {
		case 'association.created':
			return m.audit_association_created({ actor, subject });
		case 'member.added':
			return m.audit_member_added({ actor, subject });
		case 'member.updated':
			return m.audit_member_updated({ actor, subject });
		case 'member.joined':
			return m.audit_member_joined({ actor, role: roleLabel(String(d.role)) });
		case 'member.linked':
			return m.audit_member_linked({ actor, subject });
		case 'member.role_changed':
			return m.audit_member_role_changed({
				actor,
				subject,
				role: roleWithOffice(String(d.to), (d.to_office as string | null) ?? null)
			});
		case 'member.suspended':
			return m.audit_member_suspended({ actor, subject });
		case 'member.reactivated':
			return m.audit_member_reactivated({ actor, subject });
		case 'member.removed':
			return m.audit_member_removed({ actor, subject });
		case 'invitation.created':
			return d.personal
				? m.audit_invitation_created_personal({ actor })
				: m.audit_invitation_created({
						actor,
						role: roleLabel(String(d.role)),
						uses: Number(d.max_uses)
					});
		case 'invitation.revoked':
			return m.audit_invitation_revoked({ actor });
		case 'draft.created':
			return m.audit_draft_created({ actor, subject });
		case 'draft.author_added':
			return m.audit_draft_author_added({ actor, subject });
		default:
			return `${actor}: ${e.action}`;
	}
}
