import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// SvelteKit's route announcer (which reads the new page title to screen readers) hides itself with
// this style attribute. The CSP allows exactly it and no other inline style; the browser tests fail
// on any CSP report, so a Kit upgrade that changes the string is noticed.
const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const announcerHash = /** @type {`sha256-${string}`} */ (
	`sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// Type-check the plain-JS entry points and scripts too (they carry `// @ts-check`).
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server.js',
					'../svelte.config.js',
					'../eslint.config.js',
					'../playwright.config.ts',
					'../scripts/**/*.ts',
					'../scripts/**/*.js',
					'../static/**/*.js'
				);
			}
		},
		// Sent with every page: directives that would only repeat default-src (connect-src,
		// font-src) are left out.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', announcerHash],
				'img-src': ['self', 'data:'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
