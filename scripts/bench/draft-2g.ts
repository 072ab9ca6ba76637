// The live draft on a 2G phone, as Chromium sees it: network 250 kbit/s down, 100 kbit/s up,
// 300 ms round trip, CPU four times slower, through the Chrome DevTools Protocol. A cold visit
// (empty cache) and a second one. Prints when the text is readable (the document's first lines
// on screen), when the editor is ready (its status says the text is saved or read-only), and
// what crossed the wire before that: all bytes, and the JavaScript's.
//
// Run against a running demo (`npm run demo`, or PORT=… npm run demo):
//   npx tsx scripts/bench/draft-2g.ts [base URL, default http://localhost:3000] [draft path]
import { chromium, type CDPSession, type Page } from '@playwright/test';

const base = process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000';
const draft = process.argv[3] ?? '/a/sumaj-lichi/drafts/1';
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

async function throttle(cdp: CDPSession) {
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 300,
		downloadThroughput: (250 * 1000) / 8,
		uploadThroughput: (100 * 1000) / 8
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Bytes on the wire per resource type, counted from the protocol's own events. */
function meter(cdp: CDPSession) {
	const types = new Map<string, string>();
	const bytes = { total: 0, script: 0, scripts: 0 };
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
	cdp.on('Network.loadingFinished', (e) => {
		bytes.total += e.encodedDataLength;
		if (types.get(e.requestId) === 'Script') {
			bytes.script += e.encodedDataLength;
			bytes.scripts++;
		}
	});
	return () => ({ ...bytes });
}

async function visit(page: Page, cdp: CDPSession) {
	const read = meter(cdp);
	const t0 = Date.now();
	await page.goto(base + draft, { waitUntil: 'commit' });
	await page.getByRole('heading', { level: 1 }).waitFor();
	await page.locator('.draft-text').getByText(/\S/).first().waitFor();
	const readable = Date.now() - t0;
	const atReadable = read();
	await page
		.getByRole('status')
		.filter({ hasText: /Guardado|solo lectura|Saved|read-only/ })
		.waitFor({
			timeout: 120_000
		});
	const ready = Date.now() - t0;
	const atReady = read();
	return {
		text_readable_ms: readable,
		editor_ready_ms: ready,
		kb_before_readable: +(atReadable.total / 1024).toFixed(1),
		kb_before_editor_ready: +(atReady.total / 1024).toFixed(1),
		js_kb_before_editor_ready: +(atReady.script / 1024).toFixed(1),
		js_files: atReady.scripts
	};
}

const browser = await chromium.launch({
	executablePath,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
try {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const login = await context.request.post(`${base}/login`, {
		form: { username: 'justina.mamani', password: 'minka-demo-2026' },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	if (login.status() !== 303)
		throw new Error(`login failed (${login.status()}): is the demo running?`);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await throttle(cdp);
	await cdp.send('Network.clearBrowserCache');
	console.log(JSON.stringify({ visit: 'cold', draft, ...(await visit(page, cdp)) }));
	await page.goto('about:blank');
	console.log(JSON.stringify({ visit: 'warm', draft, ...(await visit(page, cdp)) }));
} finally {
	await browser.close();
}
