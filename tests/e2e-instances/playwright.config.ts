import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';
import { E2E_PORT as PORT } from '../e2e/origin';

// Two instances on one PostgreSQL database behind nginx (scripts/e2e-instances.js); needs
// TEST_POSTGRES_URL and nginx. `npm test` runs it when TEST_POSTGRES_URL is set:
// npx playwright test -c tests/e2e-instances/playwright.config.ts
export default defineConfig({
	...base,
	testDir: '.',
	timeout: 60_000,
	webServer: {
		command: 'node scripts/e2e-instances.js',
		cwd: path.resolve(import.meta.dirname, '../..'),
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
		env: { E2E_PORT: String(PORT) }
	}
});
