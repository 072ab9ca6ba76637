// Translated names for the register's codes, and the short form of a hash. Pure: the pages, the
// CSV and the PDF say the same words.
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';
import { outcomeLabel } from '$lib/voting/labels';

type Locale = { locale?: 'es' | 'en' };

const ENTRY_KIND: Record<string, (inputs?: Record<string, never>, options?: Locale) => string> = {
	vote: m.register_kind_vote,
	hand_count: m.register_kind_hand_count,
	consensus: m.register_kind_consensus,
	correction: m.register_kind_correction
};

/** How the decision was taken: a vote, a hand count, by consensus, or a correction. */
export function entryKindLabel(kind: string, options?: Locale): string {
	return own(ENTRY_KIND, kind)?.({}, options) ?? kind;
}

/** A decision's outcome; votes' outcomes as the voting pages say them. */
export function entryOutcomeLabel(outcome: string, options?: Locale): string {
	if (outcome === 'consensus') return m.register_outcome_consensus({}, options);
	if (outcome === 'corrected') return m.register_outcome_corrected({}, options);
	return outcomeLabel(outcome, options);
}

/** The first characters of a hash, enough to compare by eye; the full hash goes beside it. */
export function shortHash(hash: string): string {
	return hash.slice(0, 12);
}
