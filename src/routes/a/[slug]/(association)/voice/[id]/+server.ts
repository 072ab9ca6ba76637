import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getVoiceFile, voiceResponse } from '$lib/server/voice';
import { associationContext, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

// A spoken explanation's bytes, with ranges; getVoiceFile decides who may hear it.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	let file: Awaited<ReturnType<typeof getVoiceFile>>;
	try {
		file = await getVoiceFile(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	if (!file) error(404, m.error_not_found());
	return voiceResponse(file, event.request);
};
