// The words of a debate, as stored: a post's stance and an amendment's status. Pure.

export const STANCES = ['for', 'against', 'question', 'neutral', 'amendment'] as const;
export type Stance = (typeof STANCES)[number];
export const AMENDMENT_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];
