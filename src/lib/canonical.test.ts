import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256Hex, withoutLoneSurrogates } from './canonical';

describe('canonicalJson: objects', () => {
	it('writes the same text whatever order the keys were given in', () => {
		expect(canonicalJson({ b: 2, a: 1, c: 3 })).toBe('{"a":1,"b":2,"c":3}');
		expect(canonicalJson({ c: 3, a: 1, b: 2 })).toBe('{"a":1,"b":2,"c":3}');
		expect(canonicalJson({ a: 1, b: 2, c: 3 })).toBe('{"a":1,"b":2,"c":3}');
	});

	it('sorts the keys of nested objects, also inside arrays', () => {
		const value = { z: { y: 1, x: [{ b: true, a: false }, [{ d: null, c: 'c' }]] }, a: {} };
		expect(canonicalJson(value)).toBe(
			'{"a":{},"z":{"x":[{"a":false,"b":true},[{"c":"c","d":null}]],"y":1}}'
		);
	});

	it('sorts keys by UTF-16 code units: capitals before small letters, "_" between them', () => {
		expect(canonicalJson({ b: 1, _: 2, B: 3, a: 4, A: 5 })).toBe('{"A":5,"B":3,"_":2,"a":4,"b":1}');
		// "é" (U+00E9) after "z"; an astral character (surrogates D83D…) before "\uffff".
		expect(canonicalJson({ '\uffff': 1, é: 2, z: 3, '😀': 4 })).toBe(
			'{"z":3,"é":2,"😀":4,"\uffff":1}'
		);
	});

	it('sorts integer-like keys as strings, not as numbers ("10" before "9")', () => {
		expect(canonicalJson({ 9: 'nine', 10: 'ten', 1: 'one', a: 'a' })).toBe(
			'{"1":"one","10":"ten","9":"nine","a":"a"}'
		);
		// The same deep inside, which sends the whole value to the slower serializer.
		expect(canonicalJson([{ x: { 2: 'b', 10: 'a' } }, { b: 1, a: 2 }])).toBe(
			'[{"x":{"10":"a","2":"b"}},{"a":2,"b":1}]'
		);
	});

	it('leaves out properties whose value is undefined, as JSON.stringify does', () => {
		expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
		expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
		expect(canonicalJson({ a: undefined })).toBe('{}');
		expect(canonicalJson({ 10: undefined, 9: 1, b: { y: undefined, x: 2 } })).toBe(
			'{"9":1,"b":{"x":2}}'
		);
	});

	it('accepts objects without a prototype', () => {
		const bare = Object.create(null) as Record<string, unknown>;
		bare.b = 1;
		bare.a = [bare.b];
		expect(canonicalJson(bare)).toBe('{"a":[1],"b":1}');
	});

	it('accepts the same object twice when it is not inside itself', () => {
		const shared = { k: 1 };
		expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe(
			'{"a":{"k":1},"b":[{"k":1},{"k":1}]}'
		);
	});

	it('does not change the value it is given', () => {
		const value = { b: [{ d: 1, c: 2 }], a: 1 };
		canonicalJson(value);
		expect(Object.keys(value)).toEqual(['b', 'a']);
		expect(Object.keys(value.b[0])).toEqual(['d', 'c']);
	});
});

describe('canonicalJson: scalars and arrays', () => {
	it('writes no whitespace and keeps array order', () => {
		expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
		expect(canonicalJson([[], {}, [[]]])).toBe('[[],{},[[]]]');
		expect(canonicalJson({ a: [1, 'two', true, false, null] })).toBe(
			'{"a":[1,"two",true,false,null]}'
		);
	});

	it('writes top-level scalars as JSON', () => {
		expect(canonicalJson(null)).toBe('null');
		expect(canonicalJson(true)).toBe('true');
		expect(canonicalJson('text')).toBe('"text"');
		expect(canonicalJson(42)).toBe('42');
	});

	it('writes numbers in their shortest ECMAScript form', () => {
		expect(canonicalJson([1.0, -0, 0.1 + 0.2, 1e21, 1e20, 1e-7, 0.000001, -1.5e-10])).toBe(
			'[1,0,0.30000000000000004,1e+21,100000000000000000000,1e-7,0.000001,-1.5e-10]'
		);
		expect(canonicalJson(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
		expect(canonicalJson(5e-324)).toBe('5e-324');
	});

	it('escapes strings the JSON way: quotes, backslashes and control characters only', () => {
		expect(canonicalJson('"\\/\b\f\n\r\t\u0000\u001f\u007f')).toBe(
			'"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f"'
		);
		// Everything else, including U+2028 and astral characters, is written as itself.
		expect(canonicalJson('ñandú € \u2028 😀')).toBe('"ñandú € \u2028 😀"');
	});
});

describe('canonicalJson: what it refuses', () => {
	it('refuses numbers JSON cannot carry', () => {
		expect(() => canonicalJson(NaN)).toThrow('canonicalJson: NaN is not JSON');
		expect(() => canonicalJson({ a: Infinity })).toThrow('canonicalJson: Infinity is not JSON');
		expect(() => canonicalJson([-Infinity])).toThrow('canonicalJson: -Infinity is not JSON');
	});

	it('refuses undefined, except as an object property', () => {
		expect(() => canonicalJson(undefined)).toThrow('canonicalJson: undefined is not JSON');
		expect(() => canonicalJson([1, undefined])).toThrow('canonicalJson: undefined is not JSON');
		// A hole in an array is undefined as well (JSON.stringify would write null).
		// eslint-disable-next-line no-sparse-arrays
		expect(() => canonicalJson([1, , 3])).toThrow('canonicalJson: undefined is not JSON');
		// The same on the slower path (integer-like keys out of order).
		expect(() => canonicalJson({ 10: 1, 9: [undefined] })).toThrow(
			'canonicalJson: undefined is not JSON'
		);
	});

	it('refuses functions, symbols and big integers', () => {
		expect(() => canonicalJson(() => 1)).toThrow('canonicalJson: function is not JSON');
		expect(() => canonicalJson({ a: Symbol('s') })).toThrow('canonicalJson: symbol is not JSON');
		expect(() => canonicalJson([1n])).toThrow('canonicalJson: bigint is not JSON');
		// Not even as a toJSON method, which JSON.stringify would call.
		expect(() => canonicalJson({ toJSON: () => 'x' })).toThrow(
			'canonicalJson: function is not JSON'
		);
	});

	it('refuses anything but plain objects and arrays', () => {
		for (const value of [new Date(0), new Map(), new Set(), /x/, new (class Thing {})()]) {
			expect(() => canonicalJson({ value })).toThrow(
				'canonicalJson: only plain objects and arrays'
			);
		}
		expect(() => canonicalJson({ 10: 1, 9: new Date(0) })).toThrow(
			'canonicalJson: only plain objects and arrays'
		);
	});

	it('refuses a value that contains itself', () => {
		const loop: Record<string, unknown> = { a: 1 };
		loop.self = loop;
		expect(() => canonicalJson(loop)).toThrow('canonicalJson: cyclic value');
		const list: unknown[] = [];
		list.push([list]);
		expect(() => canonicalJson(list)).toThrow('canonicalJson: cyclic value');
		const slow: Record<string, unknown> = { 10: 1, 9: 2 };
		slow.x = { slow };
		expect(() => canonicalJson(slow)).toThrow('canonicalJson: cyclic value');
	});

	it('refuses strings with a lone surrogate, but not a well-formed pair', () => {
		expect(() => canonicalJson('a\uD800')).toThrow('canonicalJson: lone surrogate in string');
		expect(() => canonicalJson(['\uDC00b'])).toThrow('canonicalJson: lone surrogate in string');
		expect(() => canonicalJson({ a: '\uDE00\uD83D' })).toThrow(
			'canonicalJson: lone surrogate in string'
		);
		expect(canonicalJson('\uD83D\uDE00')).toBe('"😀"');
	});

	it('refuses a lone surrogate in a key on the slower path', () => {
		expect(() => canonicalJson({ '\uD800': 1, 10: 1, 9: 1 })).toThrow(
			'canonicalJson: lone surrogate in string'
		);
	});

	// The fast path once checked values only, so the same key was accepted or refused depending
	// on the keys beside it.
	it('refuses a lone surrogate in a key whatever the other keys', () => {
		expect(() => canonicalJson({ '\uD800': 1 })).toThrow('canonicalJson: lone surrogate in string');
	});
});

describe('canonicalJson: a "__proto__" key read from JSON', () => {
	it('keeps it when the keys are already in order', () => {
		expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"b":1}'))).toBe(
			'{"__proto__":{"x":1},"b":1}'
		);
	});

	// Sorting once copied into `{}`, where assigning "__proto__" sets the copy's prototype instead
	// of adding the key: the key was dropped and the text (and its hash) depended on key order.
	it('keeps it when the keys have to be sorted', () => {
		expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe(
			'{"__proto__":{"x":1},"b":1}'
		);
	});
});

describe('withoutLoneSurrogates', () => {
	it('replaces each lone surrogate with U+FFFD and keeps pairs', () => {
		expect(withoutLoneSurrogates('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
		expect(withoutLoneSurrogates('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
		expect(withoutLoneSurrogates('\uD83D\uDE00 ok')).toBe('😀 ok');
		expect(withoutLoneSurrogates('\uD83D\uD83D\uDE00')).toBe('\uFFFD😀');
		expect(canonicalJson(withoutLoneSurrogates('x\uD800'))).toBe('"x\uFFFD"');
	});
});

describe('hashes', () => {
	it('sha256Hex is the lowercase hex SHA-256 of the UTF-8 bytes', () => {
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('contentHash hashes the canonical JSON, so key order does not change it', () => {
		expect(contentHash({})).toBe(
			'44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'
		);
		const golden = '9488dd13ca33d3291f5a91a1833dfa164811755ffba538c2b340780f8c31a0cb';
		expect(contentHash({ a: 1, b: [true, null, 'é'] })).toBe(golden);
		expect(contentHash({ b: [true, null, 'é'], a: 1 })).toBe(golden);
		expect(contentHash({ b: [true, null, 'é'], c: undefined, a: 1 })).toBe(golden);
		expect(contentHash({ a: 1, b: [true, null, 'é'], c: 0 })).not.toBe(golden);
	});
});
