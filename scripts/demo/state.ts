// What the seed has made so far, shared by seed.ts and the steps that take it whole, so the steps
// import it from here and the imports point one way: seed.ts → the steps → data.ts, state.ts.
import type { Db } from '$lib/server/db';
import type { Draft, Invitation, Member, User } from '$lib/server/db/schema';
import type { VersionInfo } from '$lib/server/drafts';

/** What the seed has made so far; each step reads it and adds to it. */
export interface DemoState {
	db: Db;
	slug: string;
	users: Map<string, User>;
	members: Map<string, Member>;
	openInvitation?: Invitation;
	drafts: SeededDraft[];
	/** The dairy technician's contract, once hired. */
	contractId?: number;
}

export interface SeededDraft {
	draft: Draft;
	versions: VersionInfo[];
}
