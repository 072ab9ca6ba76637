// The words of an association's membership, as stored: roles and member statuses. Pure.

export const ROLES = ['leader', 'member', 'facilitator', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export const MEMBER_STATUSES = ['active', 'suspended', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
