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
