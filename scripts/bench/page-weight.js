// @ts-check
// What each page costs a phone on a slow connection: the HTML as it crosses the wire (as the server
// compresses it, with its response headers), and the JavaScript and CSS it loads, gzipped.
// Run against a running server (`npm run demo` in another terminal):
//   node scripts/bench/page-weight.js [base URL, default http://localhost:3000]
//   npm run bench:page-weight
// Logs in as a demo leader to reach the pages inside the association. The ballot pages are the
// demo's open votes, found on its votes list.
import http from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

const base = process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000';
const slug = 'sumaj-lichi';
/** @type {[string, string, boolean][]} */
const pages = [
	['landing (anonymous)', '/', false],
	['login', '/login', false],
	['register', '/register', false],
	['association home (public)', `/a/${slug}`, false],
	['my associations', '/', true],
	['association home (leader)', `/a/${slug}`, true],
	['members (leader)', `/a/${slug}/members`, true],
	['audit log', `/a/${slug}/audit`, true],
	['account', '/account', true],
	['votes (list)', `/a/${slug}/votes`, true],
	['decisions (register)', `/a/${slug}/decisions`, true],
	['debates (list)', `/a/${slug}/debates`, true],
	['draft: investment plan', `/a/${slug}/drafts/1`, true]
];

/**
 * A GET as the bytes cross the wire: the body as sent (compressed or not), its decoded text, and
 * the size of the status line and headers.
 * @param {string} url @param {string} cookie @param {string} accept
 * @returns {Promise<{ wire: number, headerBytes: number, text: string, encoding: string, status: number }>}
 */
function fetchRaw(url, cookie, accept = 'text/html') {
	return new Promise((resolve, reject) => {
		http
			.get(
				new URL(url, base),
				{ headers: { cookie, accept, 'accept-encoding': 'gzip, deflate, br' } },
				(res) => {
					/** @type {Buffer[]} */
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => {
						const body = Buffer.concat(chunks);
						const encoding = String(res.headers['content-encoding'] ?? '');
						const plain =
							encoding === 'br'
								? brotliDecompressSync(body)
								: encoding === 'gzip'
									? gunzipSync(body)
									: body;
						let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
						for (let i = 0; i < res.rawHeaders.length; i += 2)
							headerBytes += res.rawHeaders[i].length + res.rawHeaders[i + 1].length + 4;
						resolve({
							wire: body.length,
							headerBytes,
							text: plain.toString('utf8') + String(res.headers.link ?? ''),
							encoding: encoding || 'none',
							status: res.statusCode ?? 0
						});
					});
				}
			)
			.on('error', reject);
	});
}

/** The demo's open votes, as its votes list shows them to a leader. @param {string} cookie */
async function openVotes(cookie) {
	const list = await fetchRaw(`/a/${slug}/votes`, cookie);
	const open = list.text.slice(
		list.text.indexOf('id="open-votes"'),
		list.text.indexOf('id="upcoming-votes"') > 0
			? list.text.indexOf('id="upcoming-votes"')
			: list.text.indexOf('id="closed-votes"')
	);
	return [...open.matchAll(/href="(\/a\/[^"]+\/votes\/(\d+))">([^<]+)</g)].map((m) => ({
		path: m[1],
		title: m[3]
	}));
}

async function login() {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: base,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username: 'justina.mamani', password: 'minka-demo-2026' })
	});
	if (res.status !== 303) throw new Error(`login failed (${res.status}): is the demo running?`);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** @param {string} url */
async function gzipped(url) {
	const res = await fetch(new URL(url, base));
	if (!res.ok) throw new Error(`${url}: ${res.status}`);
	return gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
}

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

const cookie = await login();
for (const vote of await openVotes(cookie))
	pages.push([`ballot: ${vote.title.slice(0, 22)}`, vote.path, true]);
console.log(
	`${'page'.padEnd(34)}${'HTML wire'.padStart(10)}${'(plain)'.padStart(10)}${'headers'.padStart(9)}  enc ${'JS'.padStart(9)}${'CSS'.padStart(9)}  files`
);
for (const [name, path, withSession] of pages) {
	const html = await fetchRaw(path, withSession ? cookie : '');
	if (html.status !== 200) throw new Error(`${path}: ${html.status}`);
	// Every script the page loads: the modulepreload links and the bootstrap's imports.
	const js = new Set(
		[
			...html.text.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)|<([^>]+\.js)>/g)
		].map((m) => new URL(m[1] ?? m[2] ?? m[3], new URL(path, base)).href)
	);
	const css = new Set(
		[...html.text.matchAll(/href="([^"]+\.css)"|<([^>]+\.css)>/g)].map(
			(m) => new URL(m[1] ?? m[2], new URL(path, base)).href
		)
	);
	let jsSize = 0;
	for (const url of js) jsSize += await gzipped(url);
	let cssSize = 0;
	for (const url of css) cssSize += await gzipped(url);
	console.log(
		`${String(name).padEnd(34)}${kb(html.wire + html.headerBytes).padStart(10)}${kb(Buffer.byteLength(html.text)).padStart(10)}${kb(html.headerBytes)}  ${html.encoding.padEnd(4)}${kb(jsSize)}${kb(cssSize)}  ${js.size} js, ${css.size} css`
	);
}
