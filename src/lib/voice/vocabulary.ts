// Spoken explanations: what a recording can explain, the languages it can be in, and its limits.
// Pure and browser-safe: the recorder form and the server read the same constants.

export const VOICE_SUBJECTS = [
	'draft',
	'draft_line',
	'vote',
	'vote_option',
	'decision',
	'agenda_point'
] as const;
export type VoiceSubjectKind = (typeof VOICE_SUBJECTS)[number];

/** The languages an explanation is spoken in; `other` for anything else (the label says which). */
export const VOICE_LANGUAGES = ['es', 'qu', 'ay', 'other'] as const;
export type VoiceLanguage = (typeof VOICE_LANGUAGES)[number];

/** A short explanation, not a speech: 2 MiB holds three minutes of Opus or AAC at phone quality. */
export const VOICE_MAX_BYTES = 2 * 1024 * 1024;
export const VOICE_MAX_SECONDS = 180;

export function isVoiceSubject(value: string): value is VoiceSubjectKind {
	return (VOICE_SUBJECTS as readonly string[]).includes(value);
}

export function isVoiceLanguage(value: string): value is VoiceLanguage {
	return (VOICE_LANGUAGES as readonly string[]).includes(value);
}

/** One subject as a key (`vote_option:12`), the way pages group what they were given. */
export function subjectKey(kind: VoiceSubjectKind, ref: string | number): string {
	return `${kind}:${ref}`;
}

/**
 * A subject's reference as stored: a positive integer id, or for a budget line the draft's id and
 * the line's own id (`12:a1b2`, the line id being letters, digits, `-` or `_`). Undefined otherwise.
 */
export function readSubjectRef(kind: VoiceSubjectKind, value: string): string | undefined {
	const v = value.trim();
	if (kind === 'draft_line') return /^[1-9]\d{0,9}:[A-Za-z0-9_-]{1,64}$/.test(v) ? v : undefined;
	return /^[1-9]\d{0,9}$/.test(v) ? v : undefined;
}

/** The member's own language first, then the others in the catalogue's order. */
export function byLanguage<T extends { language: string; recorded_at: number }>(
	recordings: readonly T[],
	locale: string
): T[] {
	const rank = (lang: string) => {
		if (lang === locale) return -1;
		const i = (VOICE_LANGUAGES as readonly string[]).indexOf(lang);
		return i === -1 ? VOICE_LANGUAGES.length : i;
	};
	return [...recordings].sort(
		(a, b) => rank(a.language) - rank(b.language) || b.recorded_at - a.recorded_at
	);
}

/** A recording as pages list it (its bytes are fetched from its own address). */
export interface VoiceListing {
	id: number;
	subject_kind: VoiceSubjectKind;
	subject_ref: string;
	language: VoiceLanguage;
	mime: string;
	size: number;
	duration: number | null;
	sha256: string;
	recorded_at: number;
}

/** What a page shows a recording of: the subject and the words that name it. */
export interface VoiceTopic {
	kind: VoiceSubjectKind;
	ref: string;
	title: string;
}
