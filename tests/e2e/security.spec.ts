import http from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { person, register, uniqueId } from './helpers';
import { ORIGIN } from './origin';

const EVIL = 'http://evil.example';
// Form posts as a browser sends them: asked for HTML, SvelteKit answers with a real 303.

/** Registers through the form post, as a browser would; the context keeps the session cookie. */
async function registerOverHttp(request: APIRequestContext) {
	const who = person('Rosa');
	const response = await request.post('/register', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: { username: who.username, display_name: who.displayName, password: who.password },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return who;
}

test('pages carry the security headers and a strict CSP', async ({ request }) => {
	for (const path of ['/', '/login', '/register', '/a/no-existe']) {
		const response = await request.get(path);
		const headers = response.headers();
		expect(headers['content-type'], path).toContain('text/html');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['referrer-policy'], path).toBe('same-origin');
		const csp = headers['content-security-policy'] ?? '';
		expect(csp, path).toContain("default-src 'self'");
		expect(csp, path).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*;/);
		expect(csp, path).toContain("object-src 'none'");
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("form-action 'self'");
		expect(csp, path).not.toContain('unsafe-inline');
	}
});

test('a cross-origin login is refused and starts no session', async ({ playwright }) => {
	const request = await playwright.request.newContext({ baseURL: ORIGIN });
	const who = await registerOverHttp(request);
	await request.post('/logout', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: {},
		maxRedirects: 0
	});

	const evil = await request.post('/login', {
		headers: { origin: EVIL, accept: 'text/html' },
		form: { username: who.username, password: who.password },
		maxRedirects: 0
	});
	expect(evil.status()).toBe(403);
	expect(evil.headers()['set-cookie'] ?? '').not.toMatch(/minka_session=[^;]/);
	const account = await request.get('/account', { maxRedirects: 0 });
	expect(account.status()).toBe(303);
	expect(account.headers()['location']).toMatch(/^\/login/);

	// The same post from the site itself works: the refusal was about the origin.
	const ok = await request.post('/login', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: { username: who.username, password: who.password },
		maxRedirects: 0
	});
	expect(ok.status()).toBe(303);
	expect((await request.get('/account', { maxRedirects: 0 })).status()).toBe(200);
	await request.dispose();
});

test('logging in again gives a new session and ends the one the browser had', async ({
	playwright
}) => {
	const request = await playwright.request.newContext({ baseURL: ORIGIN });
	const who = await registerOverHttp(request);
	const sessionCookie = async () =>
		(await request.storageState()).cookies.find((c) => c.name === 'minka_session')?.value;
	const first = await sessionCookie();
	expect(first).toBeTruthy();

	const again = await request.post('/login', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: { username: who.username, password: who.password },
		maxRedirects: 0
	});
	expect(again.status()).toBe(303);
	const second = await sessionCookie();
	expect(second).toBeTruthy();
	expect(second).not.toBe(first);

	// The old token no longer opens anything.
	const stale = await playwright.request.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { cookie: `minka_session=${first}` }
	});
	const account = await stale.get('/account', { maxRedirects: 0 });
	expect(account.status()).toBe(303);
	expect(account.headers()['location']).toMatch(/^\/login/);
	await stale.dispose();
	await request.dispose();
});

test('a cross-origin post to create an association is refused and creates nothing', async ({
	playwright
}) => {
	const request = await playwright.request.newContext({ baseURL: ORIGIN });
	await registerOverHttp(request);
	const slug = `evil-${uniqueId()}`;
	const form = {
		name: `Asociación ${slug}`,
		product: 'café',
		municipality: 'Caranavi',
		department: 'La Paz',
		slug
	};

	const evil = await request.post('/a/new', {
		headers: { origin: EVIL, accept: 'text/html' },
		form,
		maxRedirects: 0
	});
	expect(evil.status()).toBe(403);
	expect((await request.get(`/a/${slug}`)).status()).toBe(404);
	expect(await (await request.get('/')).text()).not.toContain(form.name);

	const ok = await request.post('/a/new', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form,
		maxRedirects: 0
	});
	expect(ok.status()).toBe(303);
	expect(ok.headers()['location']).toBe(`/a/${slug}`);
	expect((await request.get(`/a/${slug}`)).status()).toBe(200);
	await request.dispose();
});

test('a form body over 512 KB is refused with 413', async ({ request }) => {
	const response = await request.post('/login', {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: { username: 'alguien', password: 'x'.repeat(600 * 1024) },
		maxRedirects: 0
	});
	expect(response.status()).toBe(413);
});

test('the health check reports the database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('no-store');
	// And this instance's live-editing load, as counts only (behind a balancer, per instance).
	expect(await response.json()).toEqual({
		status: 'ok',
		database: 'ok',
		live: { docs: expect.any(Number), connections: expect.any(Number) }
	});
});

test('a WebSocket upgrade to /collab/ without a session is refused promptly', async () => {
	const status = await new Promise<number>((resolve, reject) => {
		const req = http.request(`${ORIGIN}/collab/x`, {
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': Buffer.from(uniqueId().padEnd(16, '0').slice(0, 16)).toString(
					'base64'
				),
				Origin: ORIGIN
			},
			timeout: 5_000
		});
		req.on('upgrade', (res, socket) => {
			socket.destroy();
			resolve(res.statusCode ?? 101);
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('timeout', () => {
			req.destroy();
			reject(new Error('the upgrade request hung'));
		});
		req.on('error', reject);
		req.end();
	});
	expect(status).not.toBe(101);
	expect(status).toBeGreaterThanOrEqual(400);
});

test.describe('the page to return to after login stays on this site', () => {
	// Browsers drop tabs and newlines from a Location, so `/<TAB>/evil.example` would become
	// `//evil.example`: the server must read `next` the way the browser will.
	test('a tab in `next` does not send a person to another site after login', async ({ page }) => {
		await page.route(
			(url) => url.hostname === 'evil.example',
			(route) => route.fulfill({ contentType: 'text/html', body: '<h1>Not Minka</h1>' })
		);
		const who = person('Olga');
		await register(page, who);
		await page.context().clearCookies();

		await page.goto(`/login?next=${encodeURIComponent('/\t/evil.example/entrar')}`);
		await page.getByLabel('Nombre de usuario').fill(who.username);
		await page.getByLabel('Contraseña', { exact: true }).fill(who.password);
		await page.getByRole('button', { name: 'Entrar', exact: true }).click();
		await page.waitForURL((url) => url.pathname !== '/login');
		expect(new URL(page.url()).origin).toBe(ORIGIN);
	});

	test('a newline in `next` falls back to the home page instead of a 500', async ({ request }) => {
		const response = await request.post('/locale', {
			headers: { origin: ORIGIN, accept: 'text/html' },
			form: { locale: 'es', next: '/\n/evil.example' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/');
	});
});
