// Issue 20's attacks against the production server (server.js over build/, a real process): open
// redirects on every route that reads `next`, `?done=` codes that every object inherits, bodies
// sent in chunks past the form limit, and accounts made in bulk. Needs `npm run build` first.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { conveneAssembly } from '$lib/server/assemblies';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { makeAssociation, makeUser } from '$lib/server/testing';
import { requireBuild, startServer, type ServerProcess } from '$lib/server/testing/process';
import { createVote, openVote } from '$lib/server/voting';

const PASSWORD = 'correct horse battery';
const REGISTRATIONS = 4;

let t: TestDb;
let server: ServerProcess;
let slug: string;
let username: string;
let cookie: string;
let voteId: number;
let assemblyId: number;
let addresses = 0;

/** A client address of its own (the server reads X-Forwarded-For here), so limits never mix. */
function address(): string {
	addresses += 1;
	return `198.51.100.${addresses}`;
}

beforeAll(async () => {
	requireBuild();
	t = await createTestDb();
	const fx = await makeAssociation(t.db, await makeUser(t.db, 'Justina'));
	slug = fx.slug;
	username = fx.leader.username;
	const vote = await createVote(t.db, fx.leaderCtx, { title: '¿Compramos el tanque?' });
	await openVote(t.db, fx.leaderCtx, vote.id);
	voteId = vote.id;
	const local = new Date(Date.now() + 20 * 3600_000).toISOString();
	assemblyId = (
		await conveneAssembly(t.db, fx.leaderCtx, {
			kind: 'ordinary',
			place: 'Sede',
			date: local.slice(0, 10),
			time: local.slice(11, 16)
		})
	).id;
	const token = generateSessionToken();
	await createSession(t.db, token, fx.leader.id);
	cookie = `${SESSION_COOKIE}=${token}`;
	server = await startServer(t.url, {
		ADDRESS_HEADER: 'x-forwarded-for',
		REGISTRATIONS_PER_HOUR: String(REGISTRATIONS)
	});
}, 60_000);

afterAll(async () => {
	server?.proc.kill('SIGTERM');
	await server?.exited;
	await t?.close();
});

function post(pathname: string, form: Record<string, string>, withCookie = '') {
	return fetch(server.base + pathname, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: server.base,
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': address(),
			cookie: withCookie
		},
		body: new URLSearchParams(form)
	});
}

function get(pathname: string, withCookie = cookie) {
	return fetch(server.base + pathname, {
		redirect: 'manual',
		headers: { accept: 'text/html', cookie: withCookie, 'x-forwarded-for': address() }
	});
}

/** Where a browser goes with this Location, read against the site. */
function destination(location: string | null): URL {
	expect(location).not.toBeNull();
	return new URL(location!, server.base);
}

const OPEN_REDIRECTS = [
	'/..//evil.example/phish',
	'/./\\evil.example',
	'/a/..//evil.example',
	'/a/b/../..//evil.example',
	'/%2e%2e//evil.example',
	'/.%2e//evil.example',
	'/%2f%2fevil.example',
	'/%5cevil.example',
	'/\\\\evil.example',
	'/\t/evil.example',
	'/\n\\evil.example',
	'///evil.example',
	'//evil.example',
	'https://evil.example/'
];

describe('the page to return to', () => {
	/** Every answer sends the browser to this site, to a path that is not `//…` or `/\…`. */
	function expectHome(response: Response, next: string) {
		expect(response.status, next).toBe(303);
		const location = response.headers.get('location');
		expect(location, next).toMatch(/^\/(?![/\\])/);
		expect(destination(location).origin, next).toBe(server.base);
	}

	it('after logging in, is always on this site', async () => {
		for (const next of OPEN_REDIRECTS) {
			expectHome(await post('/login', { username, password: PASSWORD, next }), next);
		}
	});

	it('for someone already logged in, on /login and /register, is always on this site', async () => {
		for (const next of OPEN_REDIRECTS) {
			const query = `?next=${encodeURIComponent(next)}`;
			expectHome(await get(`/login${query}`), next);
			expectHome(await get(`/register${query}`), next);
		}
	});

	it('after changing the language or registering, is always on this site', async () => {
		for (const next of OPEN_REDIRECTS) {
			expectHome(await post('/locale', { locale: 'en', next }), next);
		}
		const registered = await post('/register', {
			username: 'olga.quispe',
			display_name: 'Olga Quispe',
			password: PASSWORD,
			next: '/..//evil.example/phish'
		});
		expectHome(registered, 'register');
	});

	it('still returns to a page of this site', async () => {
		const next = `/a/${slug}/votes/${voteId}?x=1`;
		const response = await post('/login', { username, password: PASSWORD, next });
		expect(response.headers.get('location')).toBe(next);
	});
});

/** Names every plain object inherits: a page that looks one up as a message code is a 500. */
const INHERITED = ['__proto__', 'constructor', 'valueOf', 'hasOwnProperty', 'toString'];

describe('a `done` code in the address', () => {
	it('that every object inherits shows the page without a message, never a 500', async () => {
		for (const page of [
			`/a/${slug}/votes/${voteId}`,
			`/a/${slug}/assemblies/${assemblyId}`,
			`/a/${slug}/assemblies/${assemblyId}/attendance`,
			`/a/${slug}/assemblies/${assemblyId}/acta`
		]) {
			for (const done of INHERITED) {
				const response = await get(`${page}?done=${done}&n=${done}`);
				expect(response.status, `${page}?done=${done}`).toBe(200);
				expect(await response.text()).not.toContain('[object');
			}
		}
	});
});

/**
 * A form post of `fields` and about `padding` bytes more, on a connection of its own (the server
 * may answer and close before reading it all). Sent in chunks without a Content-Length unless
 * `declared`. Resolves with the status.
 */
function rawPost(
	pathname: string,
	fields: string,
	padding: number,
	options: { cookie?: string; declared?: boolean } = {}
): Promise<number> {
	const chunk = '&pad=' + 'x'.repeat(64 * 1024 - 5);
	const chunks = [
		fields,
		...Array.from({ length: Math.ceil(padding / chunk.length) }, () => chunk)
	];
	return new Promise((resolve, reject) => {
		const url = new URL(pathname, server.base);
		const req = http.request({
			host: url.hostname,
			port: url.port,
			path: url.pathname + url.search,
			method: 'POST',
			agent: false,
			headers: {
				accept: 'text/html',
				origin: server.base,
				'content-type': 'application/x-www-form-urlencoded',
				'x-forwarded-for': address(),
				cookie: options.cookie ?? '',
				...(options.declared
					? { 'content-length': String(chunks.reduce((n, c) => n + Buffer.byteLength(c), 0)) }
					: { 'transfer-encoding': 'chunked' })
			}
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
			if (options.declared) req.destroy();
		});
		req.on('error', (err) => (req.writableEnded || options.declared ? undefined : reject(err)));
		// A declared length is judged before the body is read: send only its first bytes and wait,
		// so the answer is not lost to a connection the server closed while we were still writing.
		if (options.declared) return void req.write(chunks[0]);
		let next = 0;
		const pump = () => {
			while (next < chunks.length) {
				if (!req.write(chunks[next++])) return void req.once('drain', pump);
			}
			req.end();
		};
		pump();
	});
}

async function userExists(name: string): Promise<boolean> {
	const row = await t.db
		.selectFrom('user')
		.select('id')
		.where('username', '=', name)
		.executeTakeFirst();
	return row !== undefined;
}

describe('a form body over 512 KiB', () => {
	const form = (name: string) =>
		new URLSearchParams({ username: name, display_name: 'Bulto', password: PASSWORD }).toString();

	it('sent in chunks is refused with 413 and writes nothing', async () => {
		expect(await rawPost('/register', form('bulto.grande'), 2 * 1024 * 1024)).toBe(413);
		expect(await userExists('bulto.grande')).toBe(false);
	});

	it('with its length declared is refused with 413 too', async () => {
		const status = await rawPost('/register', form('bulto.declarado'), 600 * 1024, {
			declared: true
		});
		expect(status).toBe(413);
		expect(await userExists('bulto.declarado')).toBe(false);
	});

	it('sent in chunks to the acta photo form is read there, under its own limit', async () => {
		const status = await rawPost(
			`/a/${slug}/assemblies/${assemblyId}/acta?/photo`,
			'photo=',
			700 * 1024,
			{ cookie }
		);
		// The assembly is not closed: the form refuses the photo itself, after reading it all.
		expect(status).toBeGreaterThanOrEqual(400);
		expect(status).toBeLessThan(500);
		expect(status).not.toBe(413);
	});

	it('small and sent in chunks goes through', async () => {
		expect(await rawPost('/register', form('bulto.chico'), 100 * 1024)).toBe(303);
		expect(await userExists('bulto.chico')).toBe(true);
	});
});

describe('registration', () => {
	it(`makes at most ${REGISTRATIONS} accounts an hour from one address, then says to wait`, async () => {
		const from = address();
		const register = (i: number) =>
			fetch(`${server.base}/register`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					accept: 'text/html',
					origin: server.base,
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': from
				},
				body: new URLSearchParams({
					username: `masivo${i}`,
					display_name: `Masivo ${i}`,
					password: PASSWORD
				})
			});
		const answers = await Promise.all(
			Array.from({ length: REGISTRATIONS + 6 }, (_, i) => register(i))
		);
		expect(answers.filter((r) => r.status === 303)).toHaveLength(REGISTRATIONS);
		const refused = answers.filter((r) => r.status !== 303);
		expect(refused).toHaveLength(6);
		for (const r of refused) {
			expect(r.status).toBe(429);
			expect(await r.text()).toContain('Espera 60 minutos y vuelve a intentar.');
		}
		// Someone else, elsewhere, registers as usual.
		const other = await post('/register', {
			username: 'vecina',
			display_name: 'Vecina',
			password: PASSWORD
		});
		expect(other.status).toBe(303);
	});
});
