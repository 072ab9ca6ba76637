// Translated names for the domain's codes (roles, offices, statuses, audit actions).
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';

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
	vocal: m.office_vocal,
	vigilancia: m.office_vigilancia
};

const STATUS: Record<string, () => string> = {
	active: m.status_active,
	suspended: m.status_suspended,
	left: m.status_left
};

const DRAFT_KIND: Record<string, () => string> = {
	investment_plan: m.draft_kind_investment_plan,
	rule: m.draft_kind_rule,
	terms_of_reference: m.draft_kind_terms_of_reference,
	general: m.draft_kind_general
};

const DRAFT_STATUS: Record<string, () => string> = {
	drafting: m.draft_status_drafting,
	deliberation: m.draft_status_deliberation,
	voting: m.draft_status_voting,
	decided: m.draft_status_decided,
	withdrawn: m.draft_status_withdrawn
};

const SOURCE: Record<string, () => string> = {
	par: m.budget_source_par,
	cash: m.budget_source_cash,
	in_kind: m.budget_source_in_kind,
	municipality: m.budget_source_municipality
};

const CATEGORY: Record<string, () => string> = {
	infrastructure: m.budget_category_infrastructure,
	equipment: m.budget_category_equipment,
	inputs: m.budget_category_inputs,
	technical_assistance: m.budget_category_technical_assistance,
	training: m.budget_category_training,
	organisation: m.budget_category_organisation,
	other: m.budget_category_other
};

/** A funding source's column label, e.g. "Aporte PAR (Bs)". */
export function sourceLabel(source: string): string {
	return own(SOURCE, source)?.() ?? source;
}

const LINE_FIELD: Record<string, () => string> = {
	code: m.budget_code,
	title: m.budget_title,
	description: m.budget_description,
	category: m.budget_category,
	unit: m.budget_unit,
	quantity: m.budget_quantity,
	unit_cost: m.budget_unit_cost
};

/** The label of a budget line's field, as in the budget table. */
export function lineFieldLabel(field: string): string {
	return own(LINE_FIELD, field)?.() ?? sourceLabel(field);
}

export function categoryLabel(category: string): string {
	return own(CATEGORY, category)?.() ?? category;
}

export function draftKindLabel(kind: string): string {
	return own(DRAFT_KIND, kind)?.() ?? kind;
}

export function draftStatusLabel(status: string): string {
	return own(DRAFT_STATUS, status)?.() ?? status;
}

export function roleLabel(role: string): string {
	return own(ROLE, role)?.() ?? role;
}

export function officeLabel(office: string | null): string {
	return office ? (own(OFFICE, office)?.() ?? office) : '';
}

/** "Dirigente · presidente/a", or just the role when there is no office. */
export function roleWithOffice(role: string, office: string | null): string {
	return office ? `${roleLabel(role)} · ${officeLabel(office)}` : roleLabel(role);
}

export function statusLabel(status: string): string {
	return own(STATUS, status)?.() ?? status;
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
		case 'member.rejoin_requested':
			return m.audit_member_rejoin_requested({ actor, role: roleLabel(String(d.role)) });
		case 'member.rejoin_approved':
			return m.audit_member_rejoin_approved({ actor, subject });
		case 'member.rejoin_declined':
			return m.audit_member_rejoin_declined({ actor, subject });
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
		case 'draft.version_saved':
			return m.audit_draft_version_saved({ actor, subject, n: Number(d.number) });
		case 'draft.version_frozen':
			return m.audit_draft_version_frozen({ actor, subject, n: Number(d.number) });
		case 'debate.created':
			return m.audit_debate_created({ actor, subject });
		case 'debate.post_hidden':
			return m.audit_debate_post_hidden({ actor, subject, reason: String(d.reason ?? '') });
		case 'debate.amendment_accepted':
			return m.audit_debate_amendment_accepted({ actor, subject });
		case 'debate.amendment_declined':
			return m.audit_debate_amendment_declined({ actor, subject, reason: String(d.reason ?? '') });
		case 'rules.updated':
			return m.audit_rules_updated({ actor });
		case 'rules.change_proposed':
			return m.audit_rules_change_proposed({ actor, subject });
		case 'vote.created':
			return m.audit_vote_created({ actor, subject });
		case 'vote.changed':
			return m.audit_vote_changed({ actor, subject });
		case 'vote.opened':
			return m.audit_vote_opened({ actor, subject });
		case 'vote.closed':
			return m.audit_vote_closed({ actor, subject });
		case 'vote.cancelled':
			return m.audit_vote_cancelled({ actor, subject });
		case 'vote.proxy_recorded':
			return m.audit_vote_proxy_recorded({ actor, subject });
		case 'vote.assisted_ballot':
			return m.audit_vote_assisted_ballot({ actor, subject });
		case 'vote.hand_count_entered':
			return m.audit_vote_hand_count_entered({ actor, subject });
		case 'vote.hand_count_confirmed':
			return m.audit_vote_hand_count_confirmed({ actor, subject });
		case 'decision.recorded':
			return m.audit_decision_recorded({ actor, subject, seq: String(d.seq ?? '') });
		case 'decision.corrected':
			return m.audit_decision_corrected({
				actor,
				subject,
				seq: String(d.seq ?? ''),
				corrects: String(d.corrects ?? '')
			});
		case 'assembly.convened':
			return m.audit_assembly_convened({ actor, subject });
		case 'assembly.changed':
			return m.audit_assembly_changed({ actor, subject });
		case 'assembly.call_changed':
			return m.audit_assembly_call_changed({ actor, subject });
		case 'assembly.cancelled':
			return m.audit_assembly_cancelled({ actor, subject });
		case 'assembly.started':
			return m.audit_assembly_started({ actor, subject });
		case 'assembly.closed':
			return m.audit_assembly_closed({ actor, subject, acta: String(d.acta ?? '') });
		case 'assembly.photo_attached':
			return m.audit_assembly_photo_attached({ actor, subject });
		case 'voice.recorded':
			return m.audit_voice_recorded({ actor, subject });
		case 'voice.retired':
			return m.audit_voice_retired({ actor, subject });
		case 'money.account_created':
			return m.audit_money_account_created({ actor, subject });
		case 'money.movement_recorded':
			return m.audit_money_movement_recorded({ actor, subject, seq: String(d.seq ?? '') });
		case 'assistance.contract_created':
			return m.audit_assistance_contract_created({ actor, subject, seq: String(d.seq ?? '') });
		case 'assistance.contract_changed':
			return m.audit_assistance_contract_changed({ actor, subject });
		case 'assistance.visit_logged':
			return m.audit_assistance_visit_logged({ actor, subject });
		case 'assistance.visit_answered':
			return m.audit_assistance_visit_answered({ actor, subject });
		case 'assistance.deliverable_approved':
			return m.audit_assistance_deliverable_approved({ actor, subject });
		case 'assistance.survey_answered':
			return m.audit_assistance_survey_answered({ actor, subject });
		case 'money.purchase_opened':
			return m.audit_money_purchase_opened({ actor, subject });
		case 'money.quotation_recorded':
			return m.audit_money_quotation_recorded({ actor, subject });
		case 'money.purchase_awarded':
			return m.audit_money_purchase_awarded({ actor, subject, seq: String(d.seq ?? '') });
		case 'money.movement_reversed':
			return m.audit_money_movement_reversed({
				actor,
				subject,
				seq: String(d.seq ?? ''),
				reverses: String(d.reverses ?? '')
			});
		case 'money.tranche_requested':
			return m.audit_money_tranche_requested({ actor, subject });
		case 'money.report_submitted':
			return m.audit_money_report_submitted({ actor, subject });
		case 'money.report_observed':
			return m.audit_money_report_observed({ actor, subject });
		case 'money.report_answered':
			return m.audit_money_report_answered({ actor, subject });
		case 'money.report_conforme':
			return m.audit_money_report_conforme({ actor, subject });
		case 'counterpart.quotas_set':
			return m.audit_counterpart_quotas_set({ actor, subject, count: String(d.count ?? '') });
		case 'counterpart.labour_recorded':
			return m.audit_counterpart_labour_recorded({ actor, subject });
		case 'wording.accepted':
			return m.audit_wording_accepted({ actor, subject, text: String(d.text ?? '') });
		case 'wording.retired':
			return m.audit_wording_retired({ actor, subject });
		case 'wording.editor_named':
			return m.audit_wording_editor_named({ actor, subject });
		case 'card.issued':
			return d.replaces
				? m.audit_card_replaced({ actor, subject })
				: m.audit_card_issued({ actor, subject });
		case 'card.revoked':
			return m.audit_card_revoked({ actor, subject });
		case 'card.used':
			return m.audit_card_used({ subject });
		default:
			return `${actor}: ${e.action}`;
	}
}
