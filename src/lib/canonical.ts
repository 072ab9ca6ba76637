// Canonical JSON and SHA-256: the two things every hash in Minka is made of (draft versions,
// votes' lot seeds, the decision register). Pure and synchronous, so the same code runs on the
// server, in the verifier script and in the browser's "Verificar" page. Changing what these
// produce changes every hash ever recorded: the tests pin them with golden values.
import { sha256 } from '@oslojs/crypto/sha2';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with each lone surrogate replaced by U+FFFD, so it can be hashed. */
export function withoutLoneSurrogates(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Canonical JSON (RFC 8785, JCS): object keys sorted by UTF-16 code units, no whitespace, numbers
 * in ECMAScript's shortest form. Refuses what JSON cannot carry faithfully: non-finite numbers,
 * lone surrogates, undefined outside objects, cycles, and anything but plain objects and arrays.
 * Object properties whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
	try {
		return JSON.stringify(canonicalValue(value, []));
	} catch (err) {
		if (err !== INDEX_KEYS) throw err;
		return serialize(value);
	}
}

/** Thrown by the fast path when an object's integer-like keys cannot be put in string order. */
const INDEX_KEYS = Symbol('index keys');
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

// Fast, because the verifier canonicalises every entry of a register: the value is checked and,
// only where an object's keys are out of order, copied with sorted keys; then JSON.stringify,
// whose number and string forms are the ones RFC 8785 prescribes, writes it in one go.
function canonicalValue(value: unknown, ancestors: object[]): unknown {
	switch (typeof value) {
		case 'string':
			if (!isWellFormed(value)) throw new TypeError('canonicalJson: lone surrogate in string');
			return value;
		case 'number':
			if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not JSON`);
			return value;
		case 'boolean':
			return value;
		case 'object': {
			if (value === null) return null;
			if (ancestors.includes(value)) throw new TypeError('canonicalJson: cyclic value');
			ancestors.push(value);
			const out = Array.isArray(value)
				? canonicalArray(value, ancestors)
				: canonicalObject(value, ancestors);
			ancestors.pop();
			return out;
		}
		default:
			throw new TypeError(`canonicalJson: ${typeof value} is not JSON`);
	}
}

function canonicalArray(value: unknown[], ancestors: object[]): unknown[] {
	let copy: unknown[] | null = null;
	for (let i = 0; i < value.length; i++) {
		const item = value[i];
		// JSON.stringify writes undefined in an array as null; JCS has no undefined at all.
		if (item === undefined) throw new TypeError('canonicalJson: undefined is not JSON');
		const c = canonicalValue(item, ancestors);
		if (c !== item && !copy) copy = value.slice(0, i);
		if (copy) copy.push(c);
	}
	return copy ?? value;
}

function canonicalObject(value: object, ancestors: object[]): object {
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) {
		throw new TypeError('canonicalJson: only plain objects and arrays');
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	let sorted = proto === Object.prototype;
	for (let i = 1; sorted && i < keys.length; i++) sorted = keys[i - 1] < keys[i];
	// Integer-like keys come first in property order whatever the insertion, so a copy cannot
	// hold them in string order: such values are written by the plain serializer below.
	if (!sorted && keys.some((k) => INDEX_KEY.test(k))) throw INDEX_KEYS;
	// Copies have no prototype: a "__proto__" key read from JSON stays a key, not a prototype.
	let copy: Record<string, unknown> | null = sorted ? null : Object.create(null);
	if (copy) keys.sort();
	for (const key of keys) {
		if (!isWellFormed(key)) throw new TypeError('canonicalJson: lone surrogate in string');
		const v = record[key];
		if (v === undefined) continue;
		const c = canonicalValue(v, ancestors);
		if (copy) copy[key] = c;
		else if (c !== v) {
			copy = Object.create(null) as Record<string, unknown>;
			for (const k of keys) {
				if (k === key) break;
				if (record[k] !== undefined) copy[k] = record[k];
			}
			copy[key] = c;
		}
	}
	return copy ?? record;
}
/** The plain serializer, which checks and sorts as it writes. */
function serialize(value: unknown, ancestors: object[] = []): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(canonicalValue(value, []));
	if (ancestors.includes(value)) throw new TypeError('canonicalJson: cyclic value');
	const inner = [...ancestors, value];
	if (Array.isArray(value)) {
		if (value.includes(undefined)) throw new TypeError('canonicalJson: undefined is not JSON');
		return `[${value.map((v) => serialize(v, inner)).join(',')}]`;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) {
		throw new TypeError('canonicalJson: only plain objects and arrays');
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record)
		.filter((k) => record[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${serialize(k, inner)}:${serialize(record[k], inner)}`).join(',')}}`;
}

const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

const isWellFormed: (s: string) => boolean =
	typeof ''.isWellFormed === 'function'
		? (s) => s.isWellFormed()
		: (s) => !HAS_LONE_SURROGATE.test(s);

const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of the value's canonical JSON in UTF-8. */
export function contentHash(value: unknown): string {
	return sha256Hex(canonicalJson(value));
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(s: string): string {
	let hex = '';
	for (const byte of sha256(encoder.encode(s))) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
