export * from './register';
export * from './vote-entry';
export * from './decisions';
