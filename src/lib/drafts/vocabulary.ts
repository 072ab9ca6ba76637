// The words of a draft, as stored: its kind and where it stands. Pure.

export const DRAFT_KINDS = ['investment_plan', 'rule', 'terms_of_reference', 'general'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];
export const DRAFT_STATUSES = [
	'drafting',
	'deliberation',
	'voting',
	'decided',
	'withdrawn'
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A frozen version as a form names it. */
export interface VersionRef {
	draftId: number;
	number: number;
}

/**
 * Reads a version named "draftId:number" (the value of a form's version select); NaN parts when
 * the text names a version that cannot exist, so the domain refuses it.
 */
export function readVersionRef(text: string): VersionRef {
	const match = /^([1-9][0-9]{0,9}):([1-9][0-9]{0,5})$/.exec(text);
	return match
		? { draftId: Number(match[1]), number: Number(match[2]) }
		: { draftId: Number.NaN, number: Number.NaN };
}
