export * from './accounts';
export * from './execution';
export * from './ledger-export';
export * from './movements';
export * from './receipts';
export * from './verify-db';
export * from './view';
export * from './reports';
