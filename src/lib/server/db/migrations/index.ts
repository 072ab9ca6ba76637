import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_drafts';
import * as m0003 from './0003_versions';
import * as m0004 from './0004_deliberation';
import * as m0005 from './0005_voting';
import * as m0006 from './0006_register';
import * as m0007 from './0007_assemblies';
import * as m0008 from './0008_join_requests';
import * as m0009 from './0009_integrity';
import * as m0010 from './0010_money';
import * as m0011 from './0011_sealed_ballots';
import * as m0012 from './0012_lists_and_search';
import * as m0013 from './0013_rule_changes';
import * as m0014 from './0014_language';
import * as m0015 from './0015_counterpart';
import * as m0016 from './0016_purchases';
import * as m0017 from './0017_report_review';
import * as m0018 from './0018_tranches';
import * as m0019 from './0019_assistance';
import * as m0020 from './0020_voice';
import * as m0021 from './0021_money_totals';

// Static imports so the migrations survive `vite build` and run the same from scripts and tests.
const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_drafts': m0002,
	'0003_versions': m0003,
	'0004_deliberation': m0004,
	'0005_voting': m0005,
	'0006_register': m0006,
	'0007_assemblies': m0007,
	'0008_join_requests': m0008,
	'0009_integrity': m0009,
	'0010_money': m0010,
	'0011_sealed_ballots': m0011,
	'0012_lists_and_search': m0012,
	'0013_rule_changes': m0013,
	'0014_language': m0014,
	'0015_counterpart': m0015,
	'0016_purchases': m0016,
	'0017_report_review': m0017,
	'0018_tranches': m0018,
	'0019_assistance': m0019,
	'0020_voice': m0020,
	'0021_money_totals': m0021
};

export const migrationProvider: MigrationProvider = {
	getMigrations: async () => migrations
};
