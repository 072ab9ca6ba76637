import type http from 'node:http';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { attachUpgrades } from './src/lib/server/host-bridge.js';

function collabUpgrades(): Plugin {
	return {
		name: 'minka-collab-upgrades',
		configureServer(server) {
			if (server.httpServer) attachUpgrades(server.httpServer as http.Server);
		},
		configurePreviewServer(server) {
			attachUpgrades(server.httpServer as http.Server);
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		collabUpgrades()
	],
	test: {
		environment: 'node',
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		expect: { requireAssertions: true },
		testTimeout: 20_000,
		pool: 'forks'
	}
});
