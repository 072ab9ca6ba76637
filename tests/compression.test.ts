// The production server compresses what it renders: pages and JSON come gzipped or brotli as the
// browser asks, decode to the same page, and carry no Link header (its preloads are in the HTML).
// Needs `npm run build` first.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, startServer, type ServerProcess } from '$lib/server/testing/process';

let dir: string;
let server: ServerProcess;

beforeAll(async () => {
	requireBuild();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-compression-'));
	server = await startServer(path.join(dir, 'minka.db'));
}, 30_000);
afterAll(async () => {
	server?.proc.kill('SIGTERM');
	await server?.exited;
	fs.rmSync(dir, { recursive: true, force: true });
});

interface Raw {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** A GET as the bytes cross the wire (fetch would decode them). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<Raw> {
	return new Promise((resolve, reject) => {
		http
			.get(`${server.base}${pathname}`, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks)
					})
				);
			})
			.on('error', reject);
	});
}

// Each render has its own CSP nonce; everything else is the same page.
const withoutNonce = (html: string) => html.replace(/nonce-[^']+'|nonce="[^"]+"/g, 'nonce');

describe('compression in server.js', () => {
	it('sends pages brotli or gzipped as accepted, decoding to the same HTML', async () => {
		const plain = await get('/login', { accept: 'text/html' });
		const br = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' });
		const gz = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip, deflate' });

		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(br.headers['content-encoding']).toBe('br');
		expect(gz.headers['content-encoding']).toBe('gzip');
		for (const res of [plain, br, gz]) {
			expect(res.headers.vary).toMatch(/accept-encoding/i);
			expect(Number(res.headers['content-length'])).toBe(res.body.length);
		}
		expect(br.body.length).toBeLessThan(plain.body.length / 2);
		expect(gz.body.length).toBeLessThan(plain.body.length / 2);

		const html = withoutNonce(plain.body.toString('utf8'));
		expect(html).toContain('<form');
		expect(withoutNonce(zlib.brotliDecompressSync(br.body).toString('utf8'))).toBe(html);
		expect(withoutNonce(zlib.gunzipSync(gz.body).toString('utf8'))).toBe(html);
	});

	it('moves the preloads from the Link header into the page', async () => {
		const res = await get('/login', { accept: 'text/html', 'accept-encoding': 'br' });
		expect(res.headers.link).toBeUndefined();
		const html = zlib.brotliDecompressSync(res.body).toString('utf8');
		const head = html.slice(0, html.indexOf('</head>'));
		expect(head).toMatch(/<link href="[^"]+\/entry\/start\.[^"]+\.js" rel="modulepreload">/);
		// The stylesheet is named once, as a stylesheet.
		const css = [...head.matchAll(/href="([^"]+\.css)"/g)].map((m) => m[1]);
		expect(css.length).toBeGreaterThan(0);
		expect(new Set(css).size).toBe(css.length);
	});

	it('gives the compressed page its own ETag', async () => {
		const br = await get('/login', { accept: 'text/html', 'accept-encoding': 'br' });
		const gz = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip' });
		expect(String(br.headers.etag)).toMatch(/^"[^"]+-br"$/);
		expect(String(gz.headers.etag)).toMatch(/^"[^"]+-gzip"$/);
	});

	it('leaves tiny answers alone', async () => {
		const tiny = await get('/healthz', { 'accept-encoding': 'gzip, br' });
		expect(tiny.status).toBe(200);
		expect(tiny.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(tiny.body.toString('utf8'))).toMatchObject({ status: 'ok' });
		expect(tiny.headers.vary).toMatch(/accept-encoding/i);
	});
});
