// Recognising a recording by its bytes, never by the name or type the browser claims, and reading
// its length from the container where that is cheap (WAV, Ogg, MP4); WebM from MediaRecorder and
// MP3 carry no reliable length in their header, so for those the recorder's report is used.

export type AudioMime = 'audio/webm' | 'audio/ogg' | 'audio/mp4' | 'audio/mpeg' | 'audio/wav';

const ascii = (bytes: Uint8Array, at: number, length: number) =>
	String.fromCharCode(...bytes.subarray(at, at + length));

const MP4_BRANDS = new Set([
	'M4A ',
	'M4B ',
	'mp41',
	'mp42',
	'isom',
	'iso2',
	'iso5',
	'iso6',
	'dash'
]);

/** The audio type from the file's signature; undefined for anything else. */
export function audioType(bytes: Uint8Array): AudioMime | undefined {
	if (bytes.length < 12) return undefined;
	// EBML header, then a DocType of "webm" within it (Matroska video or others are refused).
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
		return ascii(bytes, 0, 64).includes('webm') ? 'audio/webm' : undefined;
	// An Ogg page whose first packet is an Opus (or Vorbis) identification header.
	if (ascii(bytes, 0, 4) === 'OggS') {
		const head = ascii(bytes, 28, 8);
		return head === 'OpusHead' || head.slice(1, 7) === 'vorbis' ? 'audio/ogg' : undefined;
	}
	if (ascii(bytes, 4, 4) === 'ftyp')
		return MP4_BRANDS.has(ascii(bytes, 8, 4)) ? 'audio/mp4' : undefined;
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'audio/wav';
	if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
	// An MPEG audio frame: 11 sync bits, then layer III (ADTS AAC, layer 0, is not MP3).
	if (bytes[0] === 0xff && (bytes[1] & 0xe6) === 0xe2) return 'audio/mpeg';
	return undefined;
}

/** The length in seconds (rounded up) when the container states it cheaply; undefined otherwise. */
export function audioSeconds(bytes: Uint8Array, mime: AudioMime): number | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	try {
		if (mime === 'audio/wav') return wavSeconds(bytes, view);
		if (mime === 'audio/ogg') return oggSeconds(bytes, view);
		if (mime === 'audio/mp4') return mp4Seconds(bytes, view);
	} catch {
		return undefined;
	}
	return undefined;
}

function wavSeconds(bytes: Uint8Array, view: DataView): number | undefined {
	let byteRate = 0;
	for (let at = 12; at + 8 <= bytes.length;) {
		const id = ascii(bytes, at, 4);
		const size = view.getUint32(at + 4, true);
		if (id === 'fmt ') byteRate = view.getUint32(at + 16, true);
		if (id === 'data') return byteRate > 0 ? Math.ceil(size / byteRate) : undefined;
		at += 8 + size + (size % 2);
	}
	return undefined;
}

function oggSeconds(bytes: Uint8Array, view: DataView): number | undefined {
	// The last page's granule position counts samples: 48 kHz for Opus; Vorbis states its rate.
	const opus = ascii(bytes, 28, 8) === 'OpusHead';
	const rate = opus ? 48000 : view.getUint32(28 + 12, true);
	const skip = opus ? view.getUint16(28 + 10, true) : 0;
	for (let at = bytes.length - 27; at >= 0; at--) {
		if (bytes[at] !== 0x4f || ascii(bytes, at, 4) !== 'OggS') continue;
		const granule = Number(view.getBigUint64(at + 6, true));
		return rate > 0 ? Math.ceil(Math.max(0, granule - skip) / rate) : undefined;
	}
	return undefined;
}

function mp4Seconds(bytes: Uint8Array, view: DataView): number | undefined {
	const box = (from: number, to: number, name: string): [number, number] | undefined => {
		for (let at = from; at + 8 <= to;) {
			let size = view.getUint32(at);
			if (size === 1) size = Number(view.getBigUint64(at + 8));
			if (size === 0) size = to - at;
			if (size < 8) return undefined;
			if (ascii(bytes, at + 4, 4) === name) return [at, Math.min(at + size, to)];
			at += size;
		}
		return undefined;
	};
	const moov = box(0, bytes.length, 'moov');
	if (!moov) return undefined;
	const mvhd = box(moov[0] + 8, moov[1], 'mvhd');
	if (!mvhd) return undefined;
	const at = mvhd[0] + 8;
	const v1 = bytes[at] === 1;
	const timescale = view.getUint32(at + (v1 ? 20 : 12));
	const duration = v1 ? Number(view.getBigUint64(at + 24)) : view.getUint32(at + 16);
	return timescale > 0 ? Math.ceil(duration / timescale) : undefined;
}
