// @ts-check
// Starts the production server on a fresh database for the browser tests.
import fs from 'node:fs';

const file = process.env.E2E_DATABASE ?? './data/e2e.db';
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = file;
// Every browser test registers its own people, all from this one address.
process.env.REGISTRATIONS_PER_HOUR ??= '100000';
if (!fs.existsSync('./build/handler.js')) {
	console.error('No build found: run `npm run build` first.');
	process.exit(1);
}
await import('../server.js');
