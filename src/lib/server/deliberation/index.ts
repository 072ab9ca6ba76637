export * from './amendments';
export * from './debates';
export * from './passage';
export * from './rules';
