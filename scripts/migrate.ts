// Applies the pending migrations to the database DATABASE_URL names (default ./data/minka.db).
// The app migrates itself on start; this is for operators and CI.
// A relative import: the database module needs no `$lib` alias, so this runs before `svelte-kit sync`.
import {
	createDb,
	DEFAULT_DATABASE_URL,
	migrateToLatest,
	printableUrl
} from '../src/lib/server/db';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const db = createDb(url);
try {
	await migrateToLatest(db);
	console.log(`Database ${printableUrl(url)} is up to date.`);
} catch (err) {
	console.error(err);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
