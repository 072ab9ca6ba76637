export * from './casting';
export * from './results';
export * from '$lib/voting/rule-set';
export * from './scheduler';
export * from './settings';
export * from './view';
export * from './votes';
export * from './scores';
