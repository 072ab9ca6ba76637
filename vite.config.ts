import type http from 'node:http';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { attachUpgrades } from './src/lib/server/host-bridge.js';
import { wordingOverrides } from './src/lib/i18n/wording-plugin.js';

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

export default defineConfig(({ command }) => ({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale'],
			// One module per message in builds, so each page ships only the messages it shows (one
			// module per locale would put every message of every page into one shared chunk).
			outputStructure: command === 'build' ? 'message-modules' : 'locale-modules'
		}),
		wordingOverrides(),
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
}));
