// The decision register's hash chain, as plain data. Pure and synchronous: the server appends with
// it, `npm run verify` checks exports and the database with it, and the browser's "Verificar" page
// runs the very same check on a downloaded decisions.json, trusting nothing the server says.
//
// An entry's hash is the SHA-256 of its canonical JSON (RFC 8785), and each entry names the hash
// of the one before it (`prev`), the first one naming GENESIS. Each entry also names its
// association, so one association's chain cannot pass for another's.
import { canonicalJson, sha256Hex } from '$lib/canonical';

export const REGISTER_FORMAT = 'minka-register';
export const REGISTER_VERSION = 1;
export const GENESIS = '0'.repeat(64);

export type EntryKind = 'vote' | 'hand_count' | 'consensus' | 'correction';

/** The exact text or budget decided: a frozen draft version. */
export interface EntrySubject {
	draft_id: number;
	draft_kind: string;
	version: number;
	label: string;
	/** SHA-256 of `content`: the version's own hash, as shown on its page. */
	content_hash: string;
	/** The version's canonical JSON, as text (so verifying never walks it). */
	content: string;
}

/** How a vote decided it. */
export interface EntryVote {
	id: number;
	/** What the members were asked, in the leaders' words (the question's detail), or ''. */
	description: string;
	/** motion, alternatives, budget or election. */
	method: string;
	secret: boolean;
	in_room: boolean;
	/** ballots or hand_count. */
	source: string;
	/** The rule set the vote was decided under. */
	rules: unknown;
	electorate: number;
	cast: number;
	quorum_met: boolean;
	/** The options as they were on the ballot (their ids are the result's keys). */
	options: { id: number; label: string }[];
	/** The whole result: tallies, rounds and the explanation's data. */
	result: unknown;
	/**
	 * Households the rules left out of the electorate when the vote opened (arrears in their
	 * counterpart): how many, and how many people. Only entries that had some carry it.
	 */
	excluded?: { reason: 'counterpart_arrears'; households: number; members: number };
}

export interface RegisterEntry {
	v: typeof REGISTER_VERSION;
	/** The association's slug. */
	association: string;
	seq: number;
	prev: string;
	kind: EntryKind;
	/** ordinary, statute, assets or exclusion. */
	decision_kind: string;
	title: string;
	/** One or two sentences in the association's language saying what was decided. */
	summary: string;
	/** approved, rejected, decided, no_quorum, no_majority, consensus, corrected. */
	outcome: string;
	/** ISO 8601, UTC. */
	decided_at: string;
	/** Who recorded it (the person who closed the vote, confirmed the count, or wrote it down). */
	recorded_by: string;
	subject: EntrySubject | null;
	vote: EntryVote | null;
	/** The entry this one corrects. */
	corrects: number | null;
	/** The assembly it was decided in. */
	assembly: { id: number; title: string } | null;
	/** A change of the rule set the vote decided: the parameters, and the whole set before and after. */
	rule_change?: {
		changes: { param: string; from: unknown; to: unknown; article: string }[];
		before: unknown;
		after: unknown;
	};
	/** The award of a purchase: the cuadro comparativo's figures and each document's SHA-256. */
	award?: {
		purchase: number;
		title: string;
		line: { id: string; label: string; plan: string };
		quotation: number;
		reason: string | null;
		threshold: number;
		required: number;
		quotations: {
			id: number;
			supplier: string;
			amount: number;
			terms: string;
			lowest: boolean;
			difference: number;
			document_sha256: string;
		}[];
	};
	/** A technical assistance contract drawn from a hiring vote: the facts it was made of. */
	contract?: {
		id: number;
		vote: number;
		/** The register entry of the hiring vote. */
		vote_seq: number | null;
		technician: string;
		tor_hash: string;
		candidate_fee: number;
		fee: number;
		start: string;
		months: number;
		communities: string[];
		/** Months from the start at which the service is evaluated. */
		evaluations: number[];
	};
	/** An evaluation of a technical assistance contract: the committee's scores and what it saw. */
	evaluation?: {
		contract: number;
		month: number;
		date: string;
		outcome: string;
		scores: { deliverable: number; title: string; score: number }[];
		visits: { confirmed: number; denied: number; pending: number };
		survey: { respondents: number; counts: Record<string, Record<string, number>> };
		paid: number;
	};
	/** The version of a rule's text the decision put in force (its hash). */
	enacted?: { draft_id: number; version: number; content_hash: string };
	/** The treasurer's report the assembly approved: its period, its SHA-256 and its review. */
	money_report?: {
		id: number;
		from: string;
		to: string;
		hash: string;
		observations: number;
		conforme_by: string;
	};
}

export type SignedEntry = RegisterEntry & { hash: string };

export interface Head {
	seq: number;
	hash: string;
}

/** decisions.json. */
export interface RegisterExport {
	format: typeof REGISTER_FORMAT;
	version: typeof REGISTER_VERSION;
	association: { slug: string; name: string };
	exported_at: string;
	head: Head;
	entries: SignedEntry[];
}

export type Hasher = (text: string) => string;

/** The entry's canonical JSON and its SHA-256. */
export function sealEntry(
	entry: RegisterEntry,
	hash: Hasher = sha256Hex
): { text: string; hash: string } {
	const text = canonicalJson(entry);
	return { text, hash: hash(text) };
}

export function emptyHead(): Head {
	return { seq: 0, hash: GENESIS };
}

export type ProblemReason =
	/** Not a register, or an entry that is not an entry. */
	| 'format'
	/** An entry of another association. */
	| 'association'
	/** Numbers out of order: an entry removed, inserted or moved. */
	| 'sequence'
	/** The entry's content does not match its hash: it was changed. */
	| 'hash'
	/** The entry is not the one the next entry recorded as its predecessor. */
	| 'link'
	/** The file's declared head is not its last entry. */
	| 'head'
	/** The register is shorter than a head seen before: entries were removed from its end. */
	| 'truncated'
	/** The entry at a head seen before has another hash now: the register was rewritten. */
	| 'anchor';

export interface ChainProblem {
	reason: ProblemReason;
	/** The first bad entry's number (0 when the file itself is not a register). */
	seq: number;
	/** What was found and what was expected, for people who want the detail. */
	detail: string;
}

export type Verification =
	| { ok: true; head: Head; count: number }
	| { ok: false; problem: ChainProblem; /** The last entry that checked out. */ head: Head };

export interface VerifyOptions {
	/** The association the entries must belong to. */
	association: string;
	/** A head seen before (by this browser, printed in an acta…) that the register must still hold. */
	anchor?: Head | null;
	/** The head the source declares (the export's `head`), checked against the last entry. */
	declaredHead?: Head | null;
	hash?: Hasher;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Recomputes the chain over the entries in the order given. Returns the head, or the first bad
 * entry and why. Each entry carries its `hash`; everything else in it is covered by that hash.
 */
export function verifyEntries(entries: readonly unknown[], options: VerifyOptions): Verification {
	const hash = options.hash ?? sha256Hex;
	let head = emptyHead();
	const hashes: string[] = [];
	const fail = (reason: ProblemReason, seq: number, detail: string): Verification => ({
		ok: false,
		problem: { reason, seq, detail },
		head
	});

	for (let i = 0; i < entries.length; i++) {
		const expected = i + 1;
		const item = entries[i];
		if (!isObject(item) || typeof item.hash !== 'string' || !HEX64.test(item.hash)) {
			return fail('format', expected, `entry at position ${expected} is not a register entry`);
		}
		const { hash: recorded, ...entry } = item;
		if (entry.association !== options.association) {
			return fail(
				'association',
				expected,
				`entry ${String(entry.seq)} belongs to "${String(entry.association)}", not "${options.association}"`
			);
		}
		if (entry.seq !== expected) {
			const what =
				typeof entry.seq === 'number' && entry.seq > expected
					? `entry ${expected} is missing (found ${entry.seq})`
					: `entry ${String(entry.seq)} is out of place (expected ${expected})`;
			return fail('sequence', expected, what);
		}
		let computed: string;
		try {
			computed = hash(canonicalJson(entry));
		} catch {
			return fail('format', expected, `entry ${expected} is not valid JSON data`);
		}
		if (computed !== recorded) {
			return fail(
				'hash',
				expected,
				`entry ${expected} was changed: its content hashes to ${computed}, not ${recorded}`
			);
		}
		if (entry.prev !== head.hash) {
			// This entry is intact, so the one before it is not the one it followed.
			return fail(
				'link',
				Math.max(1, i),
				i === 0
					? `entry 1 does not start the register (prev ${String(entry.prev)})`
					: `entry ${i} is not the entry ${expected} followed: ${expected} names ${String(entry.prev)}, entry ${i} hashes to ${head.hash}`
			);
		}
		hashes.push(recorded);
		head = { seq: expected, hash: recorded };
	}

	const declared = options.declaredHead;
	if (declared && (declared.seq !== head.seq || declared.hash !== head.hash)) {
		return fail(
			'head',
			Math.min(declared.seq, head.seq + 1) || 1,
			`the declared head is ${declared.seq} ${declared.hash}, the entries end at ${head.seq} ${head.hash}`
		);
	}
	const anchor = options.anchor;
	if (anchor && anchor.seq > 0) {
		if (anchor.seq > head.seq) {
			return fail(
				'truncated',
				head.seq + 1,
				`a head at entry ${anchor.seq} was seen before; the register now ends at ${head.seq}`
			);
		}
		if (hashes[anchor.seq - 1] !== anchor.hash) {
			return fail(
				'anchor',
				anchor.seq,
				`entry ${anchor.seq} had hash ${anchor.hash} when seen before; now ${hashes[anchor.seq - 1]}`
			);
		}
	}
	return { ok: true, head, count: entries.length };
}

/** Checks a decisions.json (already parsed): its shape, its chain, its declared head. */
export function verifyExport(
	doc: unknown,
	options: { anchor?: Head | null; hash?: Hasher } = {}
): Verification & { association: string | null } {
	if (
		!isObject(doc) ||
		doc.format !== REGISTER_FORMAT ||
		doc.version !== REGISTER_VERSION ||
		!isObject(doc.association) ||
		typeof doc.association.slug !== 'string' ||
		!Array.isArray(doc.entries) ||
		!isObject(doc.head)
	) {
		return {
			ok: false,
			association: null,
			head: emptyHead(),
			problem: { reason: 'format', seq: 0, detail: 'this file is not a Minka decision register' }
		};
	}
	const head = doc.head as unknown as Head;
	const result = verifyEntries(doc.entries, {
		association: doc.association.slug,
		declaredHead: head,
		anchor: options.anchor,
		hash: options.hash
	});
	return { ...result, association: doc.association.slug };
}

/** Whether `next` can follow `seen` (same chain, not shorter) from the heads alone. */
export function headRegression(seen: Head, next: Head): 'backwards' | 'forked' | null {
	if (next.seq < seen.seq) return 'backwards';
	if (next.seq === seen.seq && next.hash !== seen.hash) return 'forked';
	return null;
}
