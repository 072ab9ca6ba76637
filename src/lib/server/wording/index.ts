export * from './catalogues';
export * from './request';
export * from './wordings';

/** Asks a page for the message keys it used (see handleWording in hooks.server.ts). */
export const WORDING_KEYS_HEADER = 'x-minka-wording-keys';
