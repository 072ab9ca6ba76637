// HTTP byte ranges (RFC 9110 §14) for serving recordings: a phone's player asks for a part first.

export type RangeAnswer =
	{ kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Reads a Range header against a file of `size` bytes. One range only (`bytes=0-9`, `bytes=500-`,
 * `bytes=-500`); a header in another unit, or with several ranges, is ignored (the whole file, as
 * the RFC allows); a bytes range that is malformed or starts past the end is unsatisfiable.
 */
export function readRange(header: string | null, size: number): RangeAnswer {
	if (!header) return { kind: 'whole' };
	const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
	if (!match) return { kind: 'whole' };
	const spec = match[1].trim();
	if (spec.includes(',')) return { kind: 'whole' };
	const parts = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
	if (!parts || (parts[1] === '' && parts[2] === '')) return { kind: 'unsatisfiable' };
	if (parts[1] === '') {
		const suffix = Number(parts[2]);
		if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(parts[1]);
	const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1);
	if (start >= size || end < start) return { kind: 'unsatisfiable' };
	return { kind: 'part', start, end };
}
