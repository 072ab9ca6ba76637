// Compressed answers: every page and JSON answer goes out gzipped or brotli, as the browser accepts.
// Without it a server-rendered page costs a 2G phone three to five times its bytes. Static files
// are compressed at build time and served by adapter-node itself; this covers what SvelteKit
// renders. It also moves the Link header SvelteKit sends with every page (the page's modules, its
// stylesheets again) into the HTML, where it is compressed: HTTP/1.1 headers never are.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this a compressed answer saves less than its framing and the work costs. */
export const MIN_COMPRESS_BYTES = 1024;

// Text and JSON; not event streams (kept plain so that every event reaches the client at once),
// nor images, PDFs or archives, which are compressed already.
const COMPRESSIBLE =
	/^\s*(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|x-ndjson|[\w.-]+\+(?:json|xml))|image\/svg\+xml)/i;

// Fast settings: a page is compressed on every request. Brotli 5 is about as fast as gzip 6 and
// smaller; its default (11) costs tens of milliseconds a page.
const BROTLI = (size?: number): zlib.BrotliOptions => ({
	params: {
		[zlib.constants.BROTLI_PARAM_QUALITY]: 5,
		[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
		...(size ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } : {})
	}
});
const GZIP: zlib.ZlibOptions = { level: 6 };
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The encoding to answer with for an Accept-Encoding header: brotli first, then gzip, or none. */
export function chooseEncoding(accept: string | null): Encoding | undefined {
	if (!accept) return undefined;
	const q = new Map<string, number>();
	for (const part of accept.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = qParam ? Number(qParam.slice(2)) : 1;
		q.set(name, Number.isFinite(value) ? value : 0);
	}
	const of = (name: Encoding) => q.get(name) ?? q.get('*') ?? 0;
	const br = of('br');
	const gz = of('gzip');
	if (br > 0 && br >= gz) return 'br';
	if (gz > 0) return 'gzip';
	return undefined;
}

/**
 * The Link header's entries as `<link>` tags for the page's head, leaving out those the HTML
 * already names (the stylesheets). `nopush` only concerns HTTP/2 push, which nobody does.
 */
export function linkTags(link: string, html: string): string {
	const tags: string[] = [];
	for (const entry of link.split(/,\s*(?=<)/)) {
		const match = /^<([^>]*)>(.*)$/.exec(entry.trim());
		if (!match) continue;
		const href = match[1];
		if (/[<>"]/.test(href)) continue;
		if (html.includes(`href="${href}"`)) continue;
		const attributes = match[2]
			.split(';')
			.map((p) => p.trim())
			.filter((p) => p && p !== 'nopush' && /^[\w-]+(?:="[^"<>]*"|=[\w/.+-]+)?$/.test(p));
		tags.push(`<link href="${href}" ${attributes.join(' ')}>`);
	}
	return tags.join('');
}

function varyOnEncoding(headers: Headers) {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', 'Accept-Encoding');
	else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
		headers.set('vary', `${vary}, Accept-Encoding`);
}

/** A strong ETag per representation: the compressed bytes differ from the plain ones. */
function etagFor(headers: Headers, encoding: Encoding) {
	const etag = headers.get('etag');
	if (etag && etag.endsWith('"')) headers.set('etag', `${etag.slice(0, -1)}-${encoding}"`);
}

/** Compresses each chunk as it comes and flushes it, so that a streamed page still streams. */
function compressStream(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
	const z = encoding === 'br' ? zlib.createBrotliCompress(BROTLI()) : zlib.createGzip(GZIP);
	const flushKind =
		encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH;
	let failed: Error | undefined;
	return new TransformStream({
		start(controller) {
			z.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
			z.on('error', (err) => {
				failed = err;
				controller.error(err);
			});
		},
		transform(chunk) {
			return new Promise<void>((resolve, reject) => {
				if (failed) return reject(failed);
				z.write(chunk);
				z.flush(flushKind, () => resolve());
			});
		},
		flush() {
			return new Promise<void>((resolve, reject) => {
				if (failed) return reject(failed);
				z.once('end', resolve);
				z.end();
			});
		}
	});
}

/**
 * The answer to send for `request`: compressed when the browser accepts it and the body is text
 * or JSON of some size; pages carry their Link header inside the HTML instead. Answers that are
 * already encoded, empty, or of another type are returned as they are.
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	if (!response.body || response.headers.has('content-encoding')) return response;
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type)) return response;
	const encoding =
		request.method === 'HEAD' ? undefined : chooseEncoding(request.headers.get('accept-encoding'));
	const link = response.headers.get('link');
	const whole = /^text\/html/i.test(type) && response.headers.has('etag') && link !== null;
	const length = response.headers.get('content-length');
	if (!whole && (!encoding || (length !== null && Number(length) < MIN_COMPRESS_BYTES))) {
		// Sent as it is; only a cache must know that another request could get it compressed.
		return withHeaders(response, varyOnEncoding);
	}
	const headers = new Headers(response.headers);
	varyOnEncoding(headers);
	const init = { status: response.status, statusText: response.statusText, headers };

	// A page rendered whole (SvelteKit gives it an ETag; a streamed page has none) is compressed in
	// one piece, with its preloads moved from the header into the head.
	if (whole) {
		let html = await response.text();
		if (html.includes('</head>')) {
			html = html.replace('</head>', `${linkTags(link, html)}</head>`);
			headers.delete('link');
		}
		const plain = Buffer.from(html);
		if (!encoding || plain.length < MIN_COMPRESS_BYTES) {
			headers.set('content-length', String(plain.length));
			return new Response(plain, init);
		}
		const body =
			encoding === 'br' ? await brotli(plain, BROTLI(plain.length)) : await gzip(plain, GZIP);
		headers.set('content-encoding', encoding);
		headers.set('content-length', String(body.length));
		etagFor(headers, encoding);
		return new Response(body, init);
	}

	headers.set('content-encoding', encoding!);
	headers.delete('content-length');
	etagFor(headers, encoding!);
	return new Response(response.body.pipeThrough(compressStream(encoding!)), init);
}

/** The response with its headers changed in place, or a copy where they are immutable. */
function withHeaders(response: Response, change: (headers: Headers) => void): Response {
	try {
		change(response.headers);
		return response;
	} catch {
		const headers = new Headers(response.headers);
		change(headers);
		return new Response(response.body, {
			status: response.status,
			statusText: response.statusText,
			headers
		});
	}
}
