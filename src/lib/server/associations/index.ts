export * from './associations';
export * from './audit';
export * from './invitations';
export * from './join-requests';
export * from './members';
export * from './policy';
export * from '$lib/associations/roles';
export * from './audit-export';
