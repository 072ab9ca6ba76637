// The y-websocket wire format (y-protocols sync and awareness), decoded strictly so that a
// malformed frame is rejected before anything reaches the document. Pure: no I/O.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	| { kind: 'sync-step2'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

export class MalformedMessage extends Error {}

/** Sync step 2 and updates change the document: read-only peers may send neither. */
export function isWrite(message: ClientMessage): boolean {
	return message.kind === 'sync-step2' || message.kind === 'update';
}

/** One client frame; throws `MalformedMessage` on anything but exactly one well-formed message. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder);
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
		return message;
	} catch (err) {
		if (err instanceof MalformedMessage) throw err;
		throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable frame');
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC: {
			const sub = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (sub === SYNC_STEP1) return { kind: 'sync-step1', stateVector: payload };
			if (sub === SYNC_STEP2) return { kind: 'sync-step2', update: payload };
			if (sub === SYNC_UPDATE) return { kind: 'update', update: payload };
			throw new MalformedMessage(`unknown sync message ${sub}`);
		}
		case MESSAGE_AWARENESS:
			return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MESSAGE_QUERY_AWARENESS:
			return { kind: 'query-awareness' };
		default:
			throw new MalformedMessage(`unknown message type ${type}`);
	}
}

function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, sub);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return syncMessage(SYNC_STEP1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return syncMessage(SYNC_STEP2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return syncMessage(SYNC_UPDATE, update);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessUpdate);
	return encoding.toUint8Array(encoder);
}

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** The JSON text of the state; `'null'` marks the client as gone. */
	state: string;
}

/** The entries of an awareness update; throws `MalformedMessage` unless every state is JSON. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries: AwarenessEntry[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const state = decoding.readVarString(decoder);
			JSON.parse(state);
			entries.push({ clientId, clock, state });
		}
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
		return entries;
	} catch (err) {
		if (err instanceof MalformedMessage) throw err;
		throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable awareness');
	}
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}
