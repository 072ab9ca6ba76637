export * from './amendments';
export * from './debates';
export * from './debate-view';
export * from '$lib/deliberation/passage';
export * from '$lib/deliberation/rules';
