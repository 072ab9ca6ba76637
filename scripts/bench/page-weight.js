// @ts-check
// What each page costs a phone on a slow connection: HTML, JavaScript and CSS, gzipped.
// Run against a running server (`npm run demo` in another terminal):
//   node scripts/bench/page-weight.js [base URL, default http://localhost:3000]
// Logs in as a demo leader to reach the pages inside the association.
import { gzipSync } from 'node:zlib';

const base = process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000';
const slug = 'sumaj-lichi';
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
	['ballot: budget (demo vote 6)', `/a/${slug}/votes/6`, true],
	['ballot: motion (demo vote 5)', `/a/${slug}/votes/5`, true],
	['ballot: election (demo vote 4)', `/a/${slug}/votes/4`, true],
	['closed vote with results (demo vote 3)', `/a/${slug}/votes/3`, true]
];

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

/** @param {string} url @param {string} cookie */
async function gzipped(url, cookie = '') {
	const res = await fetch(new URL(url, base), { headers: { cookie, accept: 'text/html' } });
	if (!res.ok) throw new Error(`${url}: ${res.status}`);
	const body = Buffer.from(await res.arrayBuffer());
	// SvelteKit lists the page's modules and styles in the Link header as well as in the HTML.
	const links = res.headers.get('link') ?? '';
	return { text: body.toString('utf8') + links, size: gzipSync(body, { level: 9 }).length };
}

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

const cookie = await login();
console.log(
	`${'page'.padEnd(30)}${'HTML'.padStart(9)}${'JS'.padStart(9)}${'CSS'.padStart(9)}  files`
);
for (const [name, path, withSession] of pages) {
	const jar = withSession ? cookie : '';
	const html = await gzipped(/** @type {string} */ (path), jar);
	// Every script the page loads: the modulepreload links and the bootstrap's imports.
	const js = new Set(
		[
			...html.text.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)|<([^>]+\.js)>/g)
		].map((m) => new URL(m[1] ?? m[2] ?? m[3], new URL(/** @type {string} */ (path), base)).href)
	);
	const css = new Set(
		[...html.text.matchAll(/href="([^"]+\.css)"|<([^>]+\.css)>/g)].map(
			(m) => new URL(m[1] ?? m[2], new URL(/** @type {string} */ (path), base)).href
		)
	);
	let jsSize = 0;
	for (const url of js) jsSize += (await gzipped(url)).size;
	let cssSize = 0;
	for (const url of css) cssSize += (await gzipped(url)).size;
	console.log(
		`${String(name).padEnd(30)}${kb(html.size)}${kb(jsSize)}${kb(cssSize)}  ${js.size} js, ${css.size} css`
	);
}
