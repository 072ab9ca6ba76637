// The reference server of the collaboration benchmark: y-websocket@2.1.0's own server utilities
// (`setupWSConnection`), in memory, no persistence, no auth, on an HTTP server on port 0.
// Started by scripts/bench/collab.ts with `node --expose-gc`; REFERENCE_DIR names the folder the
// benchmark installed y-websocket@2.1.0, yjs@13.6.33 and ws@8.23.0 into.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createProbe, serveRequests } = require('./probe.cjs');

const dir = process.env.REFERENCE_DIR;
if (!dir) throw new Error('REFERENCE_DIR is not set');
const modules = path.join(dir, 'node_modules');
const utils = require(path.join(modules, 'y-websocket/bin/utils.cjs'));
const { WebSocketServer } = require(path.join(modules, 'ws'));
// The same yjs instance as the utilities: two copies of yjs in one process would not interoperate.
const Y = require(require.resolve('yjs', { paths: [path.join(modules, 'y-websocket')] }));

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

/** The updates of a history file: each a 4-byte big-endian length, then the bytes. */
function readHistory(file) {
	const data = fs.readFileSync(file);
	const updates = [];
	for (let at = 0; at < data.length;) {
		const length = data.readUInt32BE(at);
		updates.push(new Uint8Array(data.buffer, data.byteOffset + at + 4, length));
		at += 4 + length;
	}
	return updates;
}

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
	history({ doc, file }) {
		const started = performance.now();
		const updates = readHistory(file);
		const ydoc = utils.getYDoc(doc);
		for (const update of updates) Y.applyUpdate(ydoc, update);
		return {
			updates: updates.length,
			ms: Math.round(performance.now() - started),
			note: 'no storage: the updates are applied to the in-memory document before the client connects'
		};
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
