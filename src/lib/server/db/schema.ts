import type { Generated, Insertable, Selectable } from 'kysely';
// The value types come from the pure tier ($lib/<area>/vocabulary.ts): one list of each word.
import type { MemberStatus, Role } from '$lib/associations/vocabulary';
import type { DraftKind, DraftStatus } from '$lib/drafts/vocabulary';
import type {
	BallotStyle,
	BudgetRule,
	CastChannel,
	DecisionKind,
	VoteKind,
	VoteStatus
} from '$lib/voting/vocabulary';
import type { AmendmentStatus, Stance } from '$lib/deliberation/vocabulary';
import type { DecisionEntryKind } from '$lib/record/vocabulary';
import type {
	AgendaPointKind,
	AssemblyKind,
	AssemblyStatus,
	AttendanceStatus
} from '$lib/assemblies/vocabulary';
import type { AccountKind, MovementKind } from '$lib/money/vocabulary';
import type {
	Answer,
	AnswerChannel,
	DeliverableKind,
	EvaluationOutcome
} from '$lib/assistance/vocabulary';
import type { VoiceLanguage, VoiceSubjectKind } from '$lib/voice/vocabulary';

export type {
	AgendaPointKind,
	AmendmentStatus,
	AssemblyKind,
	AssemblyStatus,
	AttendanceStatus,
	BallotStyle,
	BudgetRule,
	CastChannel,
	DecisionEntryKind,
	DecisionKind,
	DraftKind,
	DraftStatus,
	MemberStatus,
	Role,
	Stance,
	VoteKind,
	VoteStatus
};

// Times are milliseconds since the epoch and booleans are 0/1 integers, as better-sqlite3 returns
// them; the PostgreSQL pool is configured to return BIGINT as numbers too (see ./index.ts).

export interface UserTable {
	id: string;
	username: string;
	username_key: string;
	display_name: string;
	password_hash: string;
	locale: string;
	created_at: number;
}

export interface SessionTable {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: number;
}

export interface ThrottleTable {
	key: string;
	failures: number;
	window_start: number;
}

export interface AssociationTable {
	id: Generated<number>;
	slug: string;
	name: string;
	product: string;
	municipality: string;
	department: string;
	register_public: number;
	created_at: number;
}

export interface MemberTable {
	id: Generated<number>;
	association_id: number;
	user_id: string | null;
	name: string;
	id_number: string | null;
	community: string | null;
	role: Role;
	office: string | null;
	status: MemberStatus;
	created_at: number;
	updated_at: number;
	household: string | null;
}

export interface InvitationTable {
	id: Generated<number>;
	association_id: number;
	code: string;
	role: Role;
	member_id: number | null;
	max_uses: number;
	uses: number;
	expires_at: number;
	created_by: string;
	created_at: number;
	revoked_at: number | null;
}

export interface JoinRequestTable {
	id: Generated<number>;
	association_id: number;
	/** The member row of whoever was removed and asks to come back. */
	member_id: number;
	user_id: string;
	/** The role the invitation offered; given on approval. */
	role: Role;
	invitation_id: number | null;
	created_at: number;
	decided_at: number | null;
	decided_by: string | null;
	outcome: 'approved' | 'declined' | null;
}

export interface AuditEventTable {
	id: Generated<number>;
	association_id: number;
	actor_user_id: string | null;
	actor_name: string;
	action: string;
	subject: string | null;
	details: string;
	created_at: number;
}

export interface DraftTable {
	id: Generated<number>;
	association_id: number;
	kind: DraftKind;
	title: string;
	status: DraftStatus;
	created_by: string | null;
	created_at: number;
	updated_at: number;
}

export interface DraftAuthorTable {
	draft_id: number;
	member_id: number;
	added_by: string | null;
	created_at: number;
}

export interface DraftUpdateTable {
	id: Generated<number>;
	draft_id: number;
	/** A Yjs update (better-sqlite3 and pg both return a Buffer). */
	data: Uint8Array;
	size: number;
	created_at: number;
}

export interface DraftVersionTable {
	id: Generated<number>;
	draft_id: number;
	/** 1, 2, 3… within the draft. */
	number: number;
	label: string;
	/** A Yjs update that reproduces the draft as it was. */
	state: Uint8Array;
	/** The canonical JSON of the document's projection ($lib/drafts/document.ts). */
	content: string;
	/** Lowercase hex SHA-256 of `content`. */
	content_hash: string;
	frozen: Generated<number>;
	created_by: string | null;
	created_at: number;
	frozen_at: number | null;
}

export interface RuleSetTable {
	association_id: number;
	/** JSON of a RuleSet ($lib/voting/rule-set.ts). */
	rules: string;
	updated_by: string | null;
	updated_at: number;
}

export interface VoteTable {
	id: Generated<number>;
	association_id: number;
	kind: VoteKind;
	decision_kind: DecisionKind;
	title: string;
	description: string;
	draft_id: number | null;
	version_id: number | null;
	/** SHA-256 of the frozen version put to the vote. */
	content_hash: string | null;
	secret: number;
	changeable: number;
	live_results: number;
	/** Decided in the assembly room by a hand count instead of ballots. */
	in_room: number;
	ballot_style: BallotStyle | null;
	/** Centavos available, for budget votes. */
	budget: number | null;
	decides_by: BudgetRule | null;
	status: VoteStatus;
	opens_at: number | null;
	closes_at: number | null;
	opened_at: number | null;
	closed_at: number | null;
	/** JSON copy of the rule set the vote is decided under. */
	rules: string;
	electorate_size: number | null;
	/** JSON of the stored result, once closed. */
	result: string | null;
	created_by: string | null;
	created_at: number;
	updated_at: number;
	/** The assembly the vote was decided in, if any. */
	assembly_id: number | null;
	/** The call at which that assembly met: which quorum rule the vote is counted under. */
	quorum_call: Generated<'first' | 'second'>;
	/** A vote on phones in an assembly: those present and represented when it opened (its quorum). */
	room_present: number | null;
	/** JSON: the households left out of the electorate at opening, and why (VoteExclusion[]). */
	exclusions: string | null;
}

export interface VoteOptionTable {
	id: Generated<number>;
	vote_id: number;
	position: number;
	label: string;
	description: string;
	/** Centavos: a budget line's cost or a candidate's monthly fee. */
	amount: number | null;
	/** JSON with the option's other facts (a budget line's fields, a candidate's profile). */
	details: string;
}

export interface VoteElectorTable {
	vote_id: number;
	member_id: number;
	/** The member's id, or their household's, when the rule set gives one vote per household. */
	elector_key: string;
}

export interface VoteProxyTable {
	vote_id: number;
	absent_member_id: number;
	holder_member_id: number;
	recorded_by: string | null;
	created_at: number;
}

export interface VoteParticipationTable {
	vote_id: number;
	elector_key: string;
	member_id: number;
	channel: CastChannel;
	cast_by: string | null;
	holder_member_id: number | null;
	witness_member_id: number | null;
	created_at: number;
}

/** A secret ballot while its vote is open: encrypted, readable only at the close (secrecy.ts). */
export interface VoteSealedBallotTable {
	vote_id: number;
	/** Random, unrelated to the ballot's own id. */
	id: string;
	/** AES-256-GCM: nonce, tag, then the padded receipt and choice. */
	sealed: Uint8Array;
}

export interface VoteBallotTable {
	vote_id: number;
	/** Random. */
	id: string;
	/** Public ballots only. */
	elector_key: string | null;
	/** Secret ballots only: the code their voter keeps. */
	receipt: string | null;
	/** JSON of the choice. */
	choice: string;
}

export interface HandCountTable {
	vote_id: number;
	/** JSON: option key → hands raised. */
	counts: string;
	present: number;
	represented: number;
	entered_by: string | null;
	entered_at: number;
	confirmed_by: string | null;
	confirmed_at: number | null;
}

export interface VoteCriterionTable {
	id: Generated<number>;
	vote_id: number;
	label: string;
	weight: number;
}

export interface VoteScoreTable {
	criterion_id: number;
	option_id: number;
	scorer_member_id: number;
	score: number;
}

export interface DebateTable {
	id: Generated<number>;
	association_id: number;
	/** The draft this is the debate of; null for a free-standing debate. */
	draft_id: number | null;
	title: string;
	created_by: string | null;
	created_at: number;
	last_post_at: number;
}

export interface PostTable {
	id: Generated<number>;
	debate_id: number;
	/** The post this answers; replies hang from a top-level post. */
	parent_id: number | null;
	author_member_id: number;
	author_user_id: string | null;
	stance: Stance;
	body: string;
	passage: string | null;
	created_at: number;
	edited_at: number | null;
	hidden_at: number | null;
	hidden_by: string | null;
	hidden_by_name: string | null;
	hidden_reason: string | null;
}

export interface PostRevisionTable {
	id: Generated<number>;
	post_id: number;
	body: string;
	stance: Stance;
	created_at: number;
	replaced_at: number;
}

export interface PostSupportTable {
	post_id: number;
	member_id: number;
	created_at: number;
}

export interface AmendmentTable {
	post_id: number;
	draft_id: number;
	passage: string;
	proposal: string;
	status: AmendmentStatus;
	decided_by: string | null;
	decided_by_name: string | null;
	decided_at: number | null;
	decision_reason: string | null;
}

export interface DebateReadTable {
	debate_id: number;
	user_id: string;
	last_post_id: number;
	seen_at: number;
}

/** One entry of an association's decision register (append-only: see migration 0006). */
export interface DecisionTable {
	id: Generated<number>;
	association_id: number;
	/** 1, 2, 3… within the association. */
	seq: number;
	kind: DecisionEntryKind;
	outcome: string;
	title: string;
	/** Title and summary in lower case without accents, for word search. */
	search_text: string;
	decided_at: number;
	/** The year it was decided, in Bolivia's time (UTC−4). */
	year: number;
	vote_id: number | null;
	corrects_seq: number | null;
	/** The entry's canonical JSON ($lib/record/chain.ts): what the hash covers. */
	entry: string;
	prev_hash: string;
	/** Lowercase hex SHA-256 of `entry`. */
	hash: string;
	created_at: number;
}

export interface AssemblyTable {
	id: Generated<number>;
	association_id: number;
	kind: AssemblyKind;
	title: string;
	place: string;
	first_call_at: number;
	second_call_at: number;
	status: AssemblyStatus;
	/** The call at which the assembly was installed (quorum met), once in session. */
	call: 'first' | 'second' | null;
	current_point_id: number | null;
	started_at: number | null;
	ended_at: number | null;
	acta_number: number | null;
	acta_year: number | null;
	/** The register's head when the assembly closed. */
	head_seq: number | null;
	head_hash: string | null;
	/** JSON of the attendance count at the close ($lib/assemblies/quorum.ts). */
	closing_quorum: string | null;
	/** JSON of the rule set in force at the installation (then as changed in the assembly). */
	rules: string | null;
	/** Why it was installed before its first call, when it was (printed on the acta). */
	early_reason: string | null;
	created_by: string | null;
	created_at: number;
	updated_at: number;
}

export interface AssemblyPointTable {
	id: Generated<number>;
	assembly_id: number;
	position: number;
	kind: AgendaPointKind;
	title: string;
	proposed_by: string;
	summary: string;
	vote_id: number | null;
	decision_seq: number | null;
	resolution: 'vote' | 'consensus' | 'postponed' | null;
	resolution_text: Generated<string>;
}

export interface AssemblyAttendanceTable {
	assembly_id: number;
	member_id: number;
	status: AttendanceStatus;
	/** Who carries the carta poder, for `proxy`. */
	holder_member_id: number | null;
	recorded_by: string | null;
	recorded_at: number;
}

export interface AssemblyPhotoTable {
	assembly_id: number;
	mime: string;
	size: number;
	sha256: string;
	data: Uint8Array;
	uploaded_by: string | null;
	uploaded_at: number;
}

export interface MoneyAccountTable {
	id: Generated<number>;
	association_id: number;
	kind: AccountKind;
	name: string;
	created_at: number;
}

export interface MoneyReceiptTable {
	id: Generated<number>;
	association_id: number;
	mime: string;
	size: number;
	sha256: string;
	data: Uint8Array;
	uploaded_by: string | null;
	uploaded_at: number;
}

export interface MoneyMovementTable {
	id: Generated<number>;
	association_id: number;
	seq: number;
	kind: MovementKind;
	income_kind: string | null;
	account_id: number;
	to_account_id: number | null;
	/** Centavos, positive. */
	amount: number;
	/** YYYY-MM-DD, the day in Bolivia. */
	occurred_on: string;
	line_id: string | null;
	source: string | null;
	/** The content hash of the approved plan version the line belongs to. */
	plan_hash: string | null;
	supplier: string | null;
	receipt_number: string | null;
	/** Supplier and number, normalised, to flag the same receipt twice. */
	supplier_key: string | null;
	receipt_id: number | null;
	household: string | null;
	reverses_seq: number | null;
	/** The awarded purchase and quotation an expense above the threshold pays. */
	purchase_id: number | null;
	quotation_id: number | null;
	/** The movement's canonical JSON ($lib/money/chain.ts). */
	entry: string;
	prev_hash: string;
	hash: string;
	recorded_by: string | null;
	created_at: number;
}

export type PurchaseStatus = 'open' | 'awarded' | 'cancelled';

export interface PurchaseTable {
	id: Generated<number>;
	association_id: number;
	plan_hash: string;
	line_id: string;
	title: string;
	status: PurchaseStatus;
	awarded_quotation_id: number | null;
	/** The register entry of the award. */
	award_seq: number | null;
	award_reason: string | null;
	created_by: string | null;
	created_at: number;
	awarded_at: number | null;
}

export interface QuotationTable {
	id: Generated<number>;
	association_id: number;
	purchase_id: number;
	supplier: string;
	supplier_key: string;
	/** Centavos. */
	amount: number;
	terms: string;
	/** The quotation's document, kept in money_receipt. */
	document_id: number;
	recorded_by: string | null;
	created_at: number;
}

export interface MoneyLabourTable {
	id: Generated<number>;
	association_id: number;
	household: string;
	/** Tenths of a labour day. */
	tenths: number;
	occurred_on: string;
	note: string;
	witness_member_id: number | null;
	recorded_by: string | null;
	created_at: number;
}

export interface MoneyReportTable {
	id: Generated<number>;
	association_id: number;
	period_from: string;
	period_to: string;
	/** The report as handed in, canonical JSON. */
	report: string;
	report_hash: string;
	submitted_by: string | null;
	submitted_name: string;
	submitted_at: number;
}

export type ReportEventKind = 'observation' | 'answer' | 'conforme' | 'approved';

export interface MoneyReportEventTable {
	id: Generated<number>;
	association_id: number;
	report_id: number;
	kind: ReportEventKind;
	body: string;
	answers_id: number | null;
	decision_seq: number | null;
	actor_user: string | null;
	actor_name: string;
	created_at: number;
}

export interface MoneyTrancheTable {
	id: Generated<number>;
	association_id: number;
	number: number;
	/** Centavos requested. */
	amount: number;
	/** The descargo covers expenses after `since` up to `cutoff` (YYYY-MM-DD). */
	since: string | null;
	cutoff: string;
	/** The descargo as requested (canonical JSON) and its SHA-256. */
	descargo: string;
	descargo_hash: string;
	requested_by: string | null;
	requested_name: string;
	requested_at: number;
}

/** Running totals of the ledger (money/totals.ts): derived, kept with each movement. */
export interface MoneyTotalTable {
	association_id: number;
	/** `a:<account id>` or `l:<plan hash>:<source>:<line id>`. */
	key: string;
	total: number;
	count: number;
}

/** A vote that puts a treasurer report to the assembly: its close approves the report. */
export interface MoneyReportVoteTable {
	id: Generated<number>;
	association_id: number;
	report_id: number;
	vote_id: number;
	created_at: number;
}

export interface MoneyTrancheArrivalTable {
	id: Generated<number>;
	association_id: number;
	tranche_id: number;
	/** The income movement that booked the tranche. */
	movement_seq: number;
	amount: number;
	received_on: string;
	recorded_by: string | null;
	recorded_at: number;
}

export interface CounterpartQuotaTable {
	id: Generated<number>;
	association_id: number;
	/** The household key (`h:<name>` or `m:<member id>`), as counterpart payments carry it. */
	household: string;
	due_on: string;
	cash_cents: number;
	labour_tenths: number;
	agreed_by: string;
	decision_seq: number | null;
	recorded_by: string | null;
	created_at: number;
}

export type WordingStatus = 'proposed' | 'accepted' | 'rejected' | 'retired';

export interface WordingTable {
	id: Generated<number>;
	association_id: number;
	locale: string;
	key: string;
	text: string;
	status: WordingStatus;
	proposed_by: string | null;
	proposed_by_name: string;
	proposed_at: number;
	decided_by: string | null;
	decided_at: number | null;
}

export interface WordingEditorTable {
	association_id: number;
	member_id: number;
	named_by: string | null;
	named_at: number;
}

export type CardRevokeReason = 'lost' | 'revoked' | 'replaced';

export interface LoginCardTable {
	id: Generated<number>;
	association_id: number;
	member_id: number;
	secret_hash: string;
	created_by: string | null;
	created_at: number;
	revoked_at: number | null;
	revoked_by: string | null;
	revoke_reason: CardRevokeReason | null;
	uses: Generated<number>;
	last_used_at: number | null;
}

export type RuleChangeStatus = 'pending' | 'approved' | 'rejected';

/** A proposed change of the rule set, decided by its motion (migration 0013). */
export interface RuleChangeTable {
	id: Generated<number>;
	association_id: number;
	vote_id: number;
	/** JSON of RuleChangeItem[] ($lib/voting/rule-change.ts). */
	changes: string;
	status: RuleChangeStatus;
	rules_before: string | null;
	rules_after: string | null;
	decision_seq: number | null;
	proposed_by: string | null;
	created_at: number;
	decided_at: number | null;
}

/** A frozen version of a rule draft put in force by a decision. */
export interface DraftEnactmentTable {
	id: Generated<number>;
	draft_id: number;
	version_id: number;
	vote_id: number | null;
	decision_seq: number;
	/** The decision's title, as the register has it. */
	title: string;
	enacted_at: number;
}

export interface AssistanceContractTable {
	id: Generated<number>;
	association_id: number;
	vote_id: number;
	option_id: number;
	technician_name: string;
	/** SHA-256 of the frozen terms of reference the hiring vote was on. */
	tor_hash: string;
	/** Centavos a month: what the elected candidate asked, and what was contracted. */
	candidate_fee: number;
	fee: number;
	/** YYYY-MM-DD. */
	start_date: string;
	months: number;
	/** JSON array of community names. */
	communities: string;
	decision_seq: number;
	/** JSON array of months from the start: when the service is evaluated. */
	evaluation_months: Generated<string>;
	technician_member_id: number | null;
	signed_file_id: number | null;
	created_by: string | null;
	created_at: number;
}

export interface AssistanceDeliverableTable {
	id: Generated<number>;
	association_id: number;
	contract_id: number;
	kind: DeliverableKind;
	title: string;
	/** YYYY-MM. */
	planned_month: string;
	community: string | null;
	/** Centavos paid once approved. */
	amount: number;
	delivered_at: number | null;
	approved_at: number | null;
	approved_by: string | null;
	created_by: string | null;
	created_at: number;
}

export interface AssistanceVisitTable {
	id: Generated<number>;
	association_id: number;
	contract_id: number;
	deliverable_id: number | null;
	/** YYYY-MM-DD. */
	visited_on: string;
	community: string;
	work: string;
	logged_by: string | null;
	logged_name: string;
	created_at: number;
}

export interface AssistanceVisitHouseholdTable {
	visit_id: number;
	household_key: string;
	household_name: string;
	answer: Answer;
	channel: AnswerChannel | null;
	answered_member_id: number | null;
	answered_by: string | null;
	answered_at: number | null;
}

export interface AssistanceVisitPhotoTable {
	visit_id: number;
	file_id: number;
}

export interface AssistanceFileTable {
	id: Generated<number>;
	association_id: number;
	mime: string;
	size: number;
	sha256: string;
	data: Uint8Array;
	uploaded_by: string | null;
	uploaded_at: number;
}

export interface AssistancePaymentTable {
	id: Generated<number>;
	association_id: number;
	contract_id: number;
	deliverable_id: number;
	movement_seq: number;
	amount: number;
	created_by: string | null;
	created_at: number;
}

export interface AssistanceEvaluationTable {
	id: Generated<number>;
	association_id: number;
	contract_id: number;
	at_month: number;
	outcome: EvaluationOutcome;
	facts: string;
	decision_seq: number;
	recorded_by: string | null;
	created_at: number;
}

export interface AssistanceSurveyTable {
	id: Generated<number>;
	association_id: number;
	contract_id: number;
	/** YYYY-MM. */
	period: string;
	status: 'open' | 'closed';
	/** How many households answered, written at the close. */
	respondents: number | null;
	opened_by: string | null;
	opened_at: number;
	closed_at: number | null;
}

/** Who answered a survey: never what. */
export interface AssistanceSurveyRespondentTable {
	survey_id: number;
	household_key: string;
}

/** An answer while its survey is open: sealed, under a random id (surveys.ts). */
export interface AssistanceSurveySealedTable {
	survey_id: number;
	id: string;
	sealed: Uint8Array;
}

/** What was answered, counted at the close: never who. */
export interface AssistanceSurveyCountTable {
	survey_id: number;
	question: string;
	answer: string;
	count: number;
}

export interface VoiceRecordingTable {
	id: Generated<number>;
	association_id: number;
	subject_kind: VoiceSubjectKind;
	subject_ref: string;
	language: VoiceLanguage;
	mime: string;
	size: number;
	duration: number | null;
	sha256: string;
	data: Uint8Array;
	recorded_by: string | null;
	recorded_at: number;
}

export interface VoiceRetirementTable {
	id: Generated<number>;
	recording_id: number;
	retired_by: string | null;
	retired_at: number;
}

export interface DB {
	user: UserTable;
	session: SessionTable;
	throttle: ThrottleTable;
	association: AssociationTable;
	member: MemberTable;
	invitation: InvitationTable;
	join_request: JoinRequestTable;
	audit_event: AuditEventTable;
	draft: DraftTable;
	draft_author: DraftAuthorTable;
	draft_update: DraftUpdateTable;
	draft_version: DraftVersionTable;
	debate: DebateTable;
	post: PostTable;
	post_revision: PostRevisionTable;
	post_support: PostSupportTable;
	amendment: AmendmentTable;
	debate_read: DebateReadTable;
	rule_set: RuleSetTable;
	vote: VoteTable;
	vote_option: VoteOptionTable;
	vote_elector: VoteElectorTable;
	vote_proxy: VoteProxyTable;
	vote_participation: VoteParticipationTable;
	vote_ballot: VoteBallotTable;
	vote_sealed_ballot: VoteSealedBallotTable;
	hand_count: HandCountTable;
	vote_criterion: VoteCriterionTable;
	vote_score: VoteScoreTable;
	decision: DecisionTable;
	assembly: AssemblyTable;
	assembly_point: AssemblyPointTable;
	assembly_attendance: AssemblyAttendanceTable;
	assembly_photo: AssemblyPhotoTable;
	money_account: MoneyAccountTable;
	money_receipt: MoneyReceiptTable;
	money_movement: MoneyMovementTable;
	money_labour: MoneyLabourTable;
	money_report: MoneyReportTable;
	money_report_event: MoneyReportEventTable;
	money_tranche: MoneyTrancheTable;
	money_total: MoneyTotalTable;
	money_report_vote: MoneyReportVoteTable;
	money_tranche_arrival: MoneyTrancheArrivalTable;
	counterpart_quota: CounterpartQuotaTable;
	purchase: PurchaseTable;
	quotation: QuotationTable;
	wording: WordingTable;
	wording_editor: WordingEditorTable;
	login_card: LoginCardTable;
	rule_change: RuleChangeTable;
	draft_enactment: DraftEnactmentTable;
	assistance_contract: AssistanceContractTable;
	assistance_deliverable: AssistanceDeliverableTable;
	assistance_visit: AssistanceVisitTable;
	assistance_visit_household: AssistanceVisitHouseholdTable;
	assistance_visit_photo: AssistanceVisitPhotoTable;
	assistance_payment: AssistancePaymentTable;
	assistance_survey: AssistanceSurveyTable;
	assistance_evaluation: AssistanceEvaluationTable;
	assistance_file: AssistanceFileTable;
	assistance_survey_respondent: AssistanceSurveyRespondentTable;
	assistance_survey_sealed: AssistanceSurveySealedTable;
	assistance_survey_count: AssistanceSurveyCountTable;
	voice_recording: VoiceRecordingTable;
	voice_retirement: VoiceRetirementTable;
}

export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Association = Selectable<AssociationTable>;
export type NewAssociation = Insertable<AssociationTable>;
export type Member = Selectable<MemberTable>;
export type Invitation = Selectable<InvitationTable>;
export type JoinRequest = Selectable<JoinRequestTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Draft = Selectable<DraftTable>;
export type DraftVersion = Selectable<DraftVersionTable>;
export type Debate = Selectable<DebateTable>;
export type Post = Selectable<PostTable>;
export type Amendment = Selectable<AmendmentTable>;
export type Vote = Selectable<VoteTable>;
export type Decision = Selectable<DecisionTable>;
export type VoteOption = Selectable<VoteOptionTable>;
export type Assembly = Selectable<AssemblyTable>;
export type AssemblyPoint = Selectable<AssemblyPointTable>;
export type MoneyMovement = Selectable<MoneyMovementTable>;
export type MoneyAccount = Selectable<MoneyAccountTable>;
export type Purchase = Selectable<PurchaseTable>;
export type Quotation = Selectable<QuotationTable>;
export type Wording = Selectable<WordingTable>;
export type LoginCard = Selectable<LoginCardTable>;
export type RuleChange = Selectable<RuleChangeTable>;
export type AssistanceContract = Selectable<AssistanceContractTable>;
export type AssistanceDeliverable = Selectable<AssistanceDeliverableTable>;
export type AssistanceVisit = Selectable<AssistanceVisitTable>;
