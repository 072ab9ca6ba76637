// What a debate page shows, as the server builds it for one reader: plain data the components
// render. Pure types, so components never reach into $lib/server.
import type { Role } from '$lib/associations/vocabulary';
import type { ArgumentShape } from './rules';
import type { AmendmentStatus, Stance } from './vocabulary';

export interface PostView {
	id: number;
	parentId: number | null;
	stance: Stance;
	/** Empty for a hidden post, unless the reader is its author or a moderator. */
	body: string;
	passage: string | null;
	author: { name: string; role: Role };
	mine: boolean;
	createdAt: number;
	editedAt: number | null;
	/** Earlier texts of an edited post, oldest first. */
	revisions: { body: string; created_at: number }[];
	hidden: { at: number; by: string; reason: string } | null;
	supports: number;
	supportedByMe: boolean;
	/** Written after the reader's previous visit, by someone else. */
	isNew: boolean;
	canEdit: boolean;
	canSupport: boolean;
	amendment: AmendmentInfo | null;
	replies: PostView[];
}

export interface AmendmentInfo {
	passage: string;
	proposal: string;
	status: AmendmentStatus;
	decidedBy: string | null;
	decidedAt: number | null;
	reason: string | null;
}

export interface DebateView {
	/** null for a draft whose debate nobody has started yet. */
	id: number | null;
	title: string;
	draftId: number | null;
	open: boolean;
	posts: PostView[];
	shape: ArgumentShape;
	/** The newest post id: live pages compare it with what they show. */
	latest: number;
	/** The newest post the reader had seen before this page was opened: newer ones are new. */
	seen: number;
	permissions: {
		post: boolean;
		support: boolean;
		moderate: boolean;
		/** Propose amendments: a draft's debate while its text may still change. */
		amend: boolean;
		decideAmendments: boolean;
	};
}

/** What a live refresh of an open page brought, and the page data it refreshed. */
export interface LiveDebate {
	from: DebateView;
	view: DebateView;
}

/**
 * The debate a page shows: the live refresh while the page's own data is the one it refreshed;
 * a form sent from the page brings newer data, and that wins.
 */
export function shownDebate(given: DebateView, live: LiveDebate | null | undefined): DebateView {
	return live && live.from === given ? live.view : given;
}
