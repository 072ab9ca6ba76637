export * from './access';
export * from './drafts';
