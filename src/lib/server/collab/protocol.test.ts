import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	decodeAwarenessUpdate,
	decodeClientMessage,
	encodeAwarenessMessage,
	encodeAwarenessUpdate,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	isWrite,
	MalformedMessage
} from './protocol';

function frame(...parts: (number | Uint8Array | string)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else if (typeof part === 'string') encoding.writeVarString(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

describe('decodeClientMessage', () => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'hola');
	const update = Y.encodeStateAsUpdate(doc);

	it('reads the messages a y-websocket client sends', () => {
		expect(decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(doc)))).toEqual({
			kind: 'sync-step1',
			stateVector: Y.encodeStateVector(doc)
		});
		expect(decodeClientMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-step2', update });
		expect(decodeClientMessage(encodeUpdate(update))).toEqual({ kind: 'update', update });
		const awareness = encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: '{"a":1}' }]);
		expect(decodeClientMessage(encodeAwarenessMessage(awareness))).toEqual({
			kind: 'awareness',
			update: awareness
		});
		expect(decodeClientMessage(frame(3))).toEqual({ kind: 'query-awareness' });
	});

	it('classifies sync step 2 and updates as writes, nothing else', () => {
		expect(isWrite(decodeClientMessage(encodeSyncStep2(update)))).toBe(true);
		expect(isWrite(decodeClientMessage(encodeUpdate(update)))).toBe(true);
		expect(isWrite(decodeClientMessage(encodeSyncStep1(new Uint8Array([0]))))).toBe(false);
		expect(isWrite(decodeClientMessage(frame(3)))).toBe(false);
	});

	it.each([
		['empty', new Uint8Array([])],
		['unknown type', frame(2, 0)],
		['unknown sync sub-type', frame(0, 3, new Uint8Array([0]))],
		['truncated payload', new Uint8Array([0, 2, 10, 1, 2])],
		['varint overflow', new Uint8Array([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
		['trailing bytes', new Uint8Array([...encodeUpdate(update), 0])],
		['missing sub-type', new Uint8Array([0])]
	])('refuses a frame that is %s', (_name, bytes) => {
		expect(() => decodeClientMessage(bytes)).toThrow(MalformedMessage);
	});
});

describe('awareness updates', () => {
	it('round-trip entry by entry', () => {
		const entries = [
			{ clientId: 1, clock: 3, state: '{"user":{"name":"Rosa"}}' },
			{ clientId: 99999, clock: 0, state: 'null' }
		];
		expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries);
	});

	it('refuses states that are not JSON and truncated updates', () => {
		expect(() => decodeAwarenessUpdate(frame(1, 5, 1, '{nope'))).toThrow(MalformedMessage);
		expect(() => decodeAwarenessUpdate(frame(2, 5, 1, '{}'))).toThrow(MalformedMessage);
		expect(() => decodeAwarenessUpdate(new Uint8Array([]))).toThrow(MalformedMessage);
	});
});
