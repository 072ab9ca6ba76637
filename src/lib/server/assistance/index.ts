export * from './contracts';
export * from './visits';
export * from './payments';
export * from './view';
export * from './contract-pdf';
export * from './surveys';
export * from './evaluations';
export * from './files';
