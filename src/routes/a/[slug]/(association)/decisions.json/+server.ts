import { getDb } from '$lib/server/app';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { registerExport } from '$lib/server/record';
import type { RequestHandler } from './$types';

/** Text pieces as a byte stream, pulled as the client reads (thousands of entries, little memory). */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const iterator = chunks[Symbol.asyncIterator]();
	return new ReadableStream({
		async pull(controller) {
			const { value, done } = await iterator.next();
			if (done) controller.close();
			else controller.enqueue(encoder.encode(value));
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	let chunks: AsyncIterable<string>;
	try {
		chunks = registerExport(getDb(), ctx);
	} catch (err) {
		throwPageError(err);
	}
	return new Response(streamOf(chunks), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-decisions.json"`,
			'cache-control': 'no-store'
		}
	});
};
