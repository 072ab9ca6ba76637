export * from './access';
export * from './drafts';
export * from './versions';
export * from './statute';
