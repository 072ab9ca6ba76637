// @ts-check
// The plain-JS seam between the HTTP host (server.js in production, the Vite plugin in dev and
// preview) and the TypeScript app. Node 20 cannot load TypeScript, and Vite loads the app in its
// own module graph, so both sides meet on one process-wide object instead of an import.

/**
 * @typedef {object} AppHooks
 * @property {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} [collabUpgrade]
 *   Takes over a `/collab/` upgrade request; absent until live editing exists.
 * @property {() => Promise<void>} [closeSockets] Closes the live WebSockets, storing what they
 *   still hold; called first on shutdown, since upgraded sockets keep the HTTP server open.
 * @property {() => Promise<void>} [shutdown] Releases what the app holds (the database), last.
 * @property {boolean} [hostSetsHeaders] The host (server.js) sets SECURITY_HEADERS on every answer
 *   itself, so the app need not set them again.
 */

const KEY = Symbol.for('minka.app-hooks');

/** @returns {AppHooks} */
export function appHooks() {
	const store = /** @type {Record<symbol, AppHooks | undefined>} */ (
		/** @type {unknown} */ (globalThis)
	);
	return (store[KEY] ??= {});
}

/** @param {Partial<AppHooks>} hooks */
export function registerAppHooks(hooks) {
	Object.assign(appHooks(), hooks);
}

/**
 * Routes WebSocket upgrades on `/collab/` to the app, and refuses them cleanly while the app has
 * no handler. Other upgrade paths (Vite's HMR) are left untouched.
 * @param {import('node:http').Server} httpServer
 */
export function attachUpgrades(httpServer) {
	httpServer.on('upgrade', (req, socket, head) => {
		const path = (req.url ?? '/').split('?')[0];
		if (!path.startsWith('/collab/')) return;
		const handler = appHooks().collabUpgrade;
		if (!handler) {
			refuse(socket, 503, 'Service Unavailable');
			return;
		}
		try {
			handler(req, socket, head);
		} catch (err) {
			console.error('collab upgrade failed', err);
			refuse(socket, 500, 'Internal Server Error');
		}
	});
}

/**
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} text
 */
export function refuse(socket, status, text) {
	if (socket.destroyed) return;
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Sent with every response, pages and static files alike. The CSP comes from svelte.config.js. */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	// The microphone for this site's own pages only: a leader records a spoken explanation.
	'Permissions-Policy': 'camera=(), microphone=(self), geolocation=()'
});
