export * from './associations';
export * from './audit';
export * from './invitations';
export * from './members';
export * from './policy';
export * from '$lib/associations/roles';
export * from './audit-export';
