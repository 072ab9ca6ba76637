import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			'node_modules/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// The app is served at the root (no `paths.base`), so plain hrefs are already resolved.
			'svelte/no-navigation-without-resolve': 'off',
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// CommonJS helpers (the reference server of the collaboration benchmark) are plain Node
		// scripts outside the TypeScript project.
		files: ['**/*.cjs'],
		...ts.configs.disableTypeChecked,
		languageOptions: {
			parserOptions: { projectService: false, project: false },
			sourceType: 'commonjs',
			globals: globals.node
		},
		rules: {
			...ts.configs.disableTypeChecked.rules,
			'@typescript-eslint/no-require-imports': 'off',
			'svelte/no-inner-declarations': 'off'
		}
	},
	{
		// Migrations are frozen and work on any schema: `Kysely<any>` is deliberate there.
		files: ['src/lib/server/db/migrations/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	}
);
