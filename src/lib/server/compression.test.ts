import zlib from 'node:zlib';
import { json } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, linkTags } from './compression';

const request = (accept: string | null, method = 'GET') =>
	new Request('http://localhost/x', {
		method,
		headers: accept === null ? {} : { 'accept-encoding': accept }
	});

describe('chooseEncoding', () => {
	it('prefers brotli, then gzip, honouring q-values', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('identity')).toBeUndefined();
		expect(chooseEncoding('gzip;q=0, br;q=0')).toBeUndefined();
		expect(chooseEncoding(null)).toBeUndefined();
	});
});

describe('linkTags', () => {
	it('turns the Link header into tags, leaving out what the HTML names already', () => {
		const link =
			'<./a.css>; rel="preload"; as="style"; nopush, <./start.js>; rel="modulepreload"; nopush, <./f.woff2>; rel="preload"; as="font"; type="font/woff2"; crossorigin; nopush';
		const tags = linkTags(link, '<link href="./a.css" rel="stylesheet">');
		expect(tags).toBe(
			'<link href="./start.js" rel="modulepreload"><link href="./f.woff2" rel="preload" as="font" type="font/woff2" crossorigin>'
		);
	});

	it('drops entries that would break out of the tag', () => {
		expect(linkTags('<./x.js" onload="evil>; rel="modulepreload"', '')).toBe('');
		expect(linkTags('<./x.js>; rel="modulepreload"; onload=x>', '')).toBe(
			'<link href="./x.js" rel="modulepreload">'
		);
	});
});

describe('compressResponse', () => {
	const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Socio ${i}` })) };

	it('streams JSON compressed as accepted, decoding to the same value', async () => {
		for (const [accept, decode] of [
			['br', zlib.brotliDecompressSync],
			['gzip', zlib.gunzipSync]
		] as const) {
			const res = await compressResponse(request(accept), Response.json(big));
			expect(res.headers.get('content-encoding')).toBe(accept);
			expect(res.headers.get('vary')).toBe('Accept-Encoding');
			const bytes = Buffer.from(await res.arrayBuffer());
			expect(JSON.parse(decode(bytes).toString('utf8'))).toEqual(big);
		}
	});

	it('leaves images, encoded, tiny and HEAD answers uncompressed', async () => {
		const png = new Response(new Uint8Array(5000), { headers: { 'content-type': 'image/png' } });
		expect((await compressResponse(request('br'), png)).headers.get('content-encoding')).toBeNull();
		const pdf = new Response(new Uint8Array(5000), {
			headers: { 'content-type': 'application/pdf' }
		});
		expect((await compressResponse(request('br'), pdf)).headers.get('content-encoding')).toBeNull();
		const tiny = await compressResponse(request('br'), json({ ok: true }));
		expect(tiny.headers.get('content-encoding')).toBeNull();
		expect(await tiny.json()).toEqual({ ok: true });
		const head = await compressResponse(request('br', 'HEAD'), Response.json(big));
		expect(head.headers.get('content-encoding')).toBeNull();
		const events = new Response('data: x\n\n'.repeat(500), {
			headers: { 'content-type': 'text/event-stream' }
		});
		expect(
			(await compressResponse(request('br'), events)).headers.get('content-encoding')
		).toBeNull();
	});

	it('keeps a streamed body streaming: each chunk arrives before the next is written', async () => {
		let push!: (s: string) => void;
		let close!: () => void;
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				push = (s) => controller.enqueue(new TextEncoder().encode(s));
				close = () => controller.close();
			}
		});
		const res = await compressResponse(
			request('gzip'),
			new Response(body, { headers: { 'content-type': 'text/html' } })
		);
		const reader = res.body!.getReader();
		const inflate = zlib.createGunzip();
		let text = '';
		inflate.on('data', (c: Buffer) => (text += c.toString('utf8')));
		push('<p>primero</p>'.repeat(100));
		// The source stays open: what was written so far must come through on its own.
		// Each chunk read is inflated to the end before asking for the next: asking again while the
		// whole text was already read would wait for ever (a race the machine's load decided).
		for (let i = 0; i < 10 && text !== '<p>primero</p>'.repeat(100); i++) {
			inflate.write((await reader.read()).value!);
			await new Promise<void>((r) => inflate.flush(() => r()));
		}
		expect(text).toBe('<p>primero</p>'.repeat(100));
		push('<p>segundo</p>');
		close();
		for (let r = await reader.read(); !r.done; r = await reader.read()) inflate.write(r.value);
		inflate.end();
		await new Promise((r) => inflate.once('end', r));
		expect(text.endsWith('<p>segundo</p>')).toBe(true);
	});
});
