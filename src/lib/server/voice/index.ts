export * from './audio';
export * from './recordings';
export * from './serve';
