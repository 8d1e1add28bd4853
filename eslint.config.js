import prettier from 'eslint-config-prettier';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// TypeScript already reports undefined names, with fewer false positives.
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Browser code reads views typed in $lib/game (views.ts, wire.ts), never server modules:
		// the server imports the browser's types, not the other way round (ARCHITECTURE.md).
		// Pages type their data from PageData; the report's types are in $lib/game/reportViews.ts.
		files: ['src/lib/client/**', 'src/lib/components/**', 'src/routes/**/+page.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/server',
								'$lib/server/**',
								'**/lib/server/**',
								'../server/**',
								'../../server/**'
							],
							message: 'Browser code imports views from $lib/game, never from $lib/server.'
						}
					]
				}
			]
		}
	}
);
