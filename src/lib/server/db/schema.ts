import type { Generated, Insertable, Selectable } from 'kysely';

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

export type Role = 'leader' | 'member' | 'facilitator' | 'observer';
export type MemberStatus = 'active' | 'suspended' | 'left';

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

export type DraftKind = 'investment_plan' | 'rule' | 'terms_of_reference' | 'general';
export type DraftStatus = 'drafting' | 'deliberation' | 'voting' | 'decided' | 'withdrawn';

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

export interface DB {
	user: UserTable;
	session: SessionTable;
	throttle: ThrottleTable;
	association: AssociationTable;
	member: MemberTable;
	invitation: InvitationTable;
	audit_event: AuditEventTable;
	draft: DraftTable;
	draft_author: DraftAuthorTable;
	draft_update: DraftUpdateTable;
	draft_version: DraftVersionTable;
}

export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Association = Selectable<AssociationTable>;
export type NewAssociation = Insertable<AssociationTable>;
export type Member = Selectable<MemberTable>;
export type Invitation = Selectable<InvitationTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Draft = Selectable<DraftTable>;
export type DraftVersion = Selectable<DraftVersionTable>;
