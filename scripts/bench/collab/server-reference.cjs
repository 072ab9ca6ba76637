// The reference server of the collaboration benchmark: y-websocket@2.1.0's own server utilities
// (`setupWSConnection`), in memory, no persistence, no auth, on an HTTP server on port 0.
// Started by scripts/bench/collab.ts with `node --expose-gc`; REFERENCE_DIR names the folder the
// benchmark installed y-websocket@2.1.0, yjs@13.6.33 and ws@8.23.0 into.
'use strict';

const http = require('node:http');
const path = require('node:path');
const { createProbe, serveRequests } = require('./probe.cjs');

const dir = process.env.REFERENCE_DIR;
if (!dir) throw new Error('REFERENCE_DIR is not set');
const modules = path.join(dir, 'node_modules');
const utils = require(path.join(modules, 'y-websocket/bin/utils.cjs'));
const { WebSocketServer } = require(path.join(modules, 'ws'));

/** @type {Map<string, { conns: Map<unknown, unknown> }>} */
const docs = utils.docs;
let nextDoc = 0;

const probe = createProbe(() => {
	let connections = 0;
	for (const doc of docs.values()) connections += doc.conns.size;
	return { docs: docs.size, connections };
});

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
	res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => utils.setupWSConnection(ws, req));
});

serveRequests({
	docs({ count }) {
		const names = [];
		for (let i = 0; i < count; i++) names.push(`bench-${++nextDoc}`);
		return names;
	},
	sessions({ edit, read }) {
		// No authentication in the reference: clients send an empty cookie.
		return { edit: new Array(edit).fill(''), read: new Array(read).fill('') };
	},
	async reset() {
		await probe.reset();
		return null;
	},
	stats({ gc }) {
		return probe.stats(gc);
	},
	stop() {
		wss.close();
		server.closeAllConnections();
		server.close();
		return null;
	}
});

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	process.send?.({
		type: 'ready',
		info: {
			port,
			origin: `http://127.0.0.1:${port}`,
			urlBase: `ws://127.0.0.1:${port}`,
			description: 'y-websocket@2.1.0 bin/utils.cjs setupWSConnection, in memory (no persistence)',
			durability: 'none (in memory)'
		}
	});
});
