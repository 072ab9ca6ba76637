import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT as PORT } from './tests/e2e/origin';

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

// Browser tests run against the built production server (`npm run build` first), on a fresh
// database, in Debian's Chromium: nothing is downloaded.
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// A journey of a dozen pages (two people registering, a role changed, forms sent) takes 10 to
	// 20 s here and twice that on a machine busy with other work: 60 s per test, and no retries,
	// so a slow page shows as slow and a hang still fails. Each step keeps its own 5 s wait.
	timeout: 60_000,
	forbidOnly: !!process.env.CI,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'es-BO',
		trace: 'off',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	// A cheap Android phone: Pixel 7's touch and pixel ratio on the narrowest common screen.
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Pixel 7'],
				viewport: { width: 360, height: 740 },
				defaultBrowserType: 'chromium'
			}
		}
	],
	webServer: {
		command: 'node scripts/e2e-server.js',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(PORT), ORIGIN: `http://localhost:${PORT}`, HOST: '127.0.0.1' }
	}
});
