import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';

// Static imports so the migrations survive `vite build` and run the same from scripts and tests.
const migrations: Record<string, Migration> = {
	'0001_foundation': m0001
};

export const migrationProvider: MigrationProvider = {
	getMigrations: async () => migrations
};
