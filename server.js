// @ts-check
// Production entry: the SvelteKit handler and the /collab/ WebSocket upgrades on one port.
// Environment: PORT (3000), HOST (0.0.0.0), ORIGIN, DATABASE_URL, BODY_SIZE_LIMIT (9M: the photo
// of a signed acta; every other route refuses bodies over 512 KiB itself, in hooks.server.ts);
// see README.md.
import http from 'node:http';
import {
	appHooks,
	attachUpgrades,
	registerAppHooks,
	SECURITY_HEADERS
} from './src/lib/server/host-bridge.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
process.env.BODY_SIZE_LIMIT ??= '9M';
if (!process.env.ORIGIN) {
	// adapter-node otherwise assumes https and refuses every form post made over http.
	process.env.ORIGIN = `http://localhost:${port}`;
}

// adapter-node reads its environment when loaded, so it is imported after the defaults above.
// The path is a variable so that type-checking does not need a build.
const handlerModule = './build/handler.js';
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse) => void }} */
const { handler } = await import(handlerModule);

registerAppHooks({ hostSetsHeaders: true });
const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	handler(req, res);
});
attachUpgrades(server);

server.on('error', (/** @type {NodeJS.ErrnoException} */ err) => {
	if (err.code !== 'EADDRINUSE') throw err;
	console.error(
		`Port ${port} is already in use. Start Minka on another one, e.g. PORT=3001 npm start`
	);
	process.exit(1);
});
server.listen(port, host, () => {
	console.log(`Minka listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: closing`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	// Stop accepting; close the live sockets (upgraded sockets would keep the server open) while
	// requests in flight finish; then release the database.
	const drained = new Promise((resolve) => server.close(resolve));
	server.closeIdleConnections();
	try {
		await appHooks().closeSockets?.();
		await drained;
		await appHooks().shutdown?.();
	} catch (err) {
		console.error('shutdown failed', err);
		process.exitCode = 1;
	}
	process.exit();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
