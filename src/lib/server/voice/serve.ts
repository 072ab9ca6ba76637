// A recording as an HTTP answer: byte ranges (a phone's player asks for a part before it plays),
// the SHA-256 as the ETag, and caching that never lets a shared cache keep a members-only file.
import { readRange } from '$lib/voice/range';
import type { VoiceFile } from './recordings';

const YEAR = 365 * 24 * 60 * 60;

export function voiceResponse(file: VoiceFile, request: Request): Response {
	const size = file.data.byteLength;
	const etag = `"${file.sha256}"`;
	const headers: Record<string, string> = {
		'accept-ranges': 'bytes',
		etag,
		// The bytes behind an id never change (append-only), so the browser may keep them.
		'cache-control': `${file.public ? 'public' : 'private'}, max-age=${YEAR}, immutable`,
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; media-src 'self'"
	};
	if (!file.public) headers.vary = 'cookie';
	const matches = request.headers.get('if-none-match');
	if (matches && matches.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*'))
		return new Response(null, { status: 304, headers });
	// A stale If-Range (another ETag) means the whole file, as RFC 9110 §13.1.5 says.
	const ifRange = request.headers.get('if-range');
	const range =
		ifRange && ifRange !== etag
			? { kind: 'whole' as const }
			: readRange(request.headers.get('range'), size);
	if (range.kind === 'unsatisfiable')
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'content-range': `bytes */${size}` }
		});
	if (range.kind === 'whole')
		return new Response(new Uint8Array(file.data), {
			headers: { ...headers, 'content-type': file.mime, 'content-length': String(size) }
		});
	const part = file.data.subarray(range.start, range.end + 1);
	return new Response(new Uint8Array(part), {
		status: 206,
		headers: {
			...headers,
			'content-type': file.mime,
			'content-length': String(part.byteLength),
			'content-range': `bytes ${range.start}-${range.end}/${size}`
		}
	});
}
