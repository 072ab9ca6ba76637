export * from './register';
export * from './vote-entry';
export * from './decisions';
export * from './verify-db';
export * from './archive';
export * from './export';
export * from './decision-pdf';
