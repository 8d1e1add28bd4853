import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// SvelteKit puts a nonce (rendered pages) or a hash (prerendered ones) on its own inline
		// start-up script; no other inline script runs. Styles keep 'unsafe-inline' for the style
		// attributes Svelte sets (bar widths, `display: contents`). QR codes are data: images.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
		// `csrf` is left at its default: cross-site form posts are refused with 403.
	}
};

export default config;
