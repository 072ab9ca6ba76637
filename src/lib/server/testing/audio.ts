// Test support: the smallest files of each audio type Minka accepts, built byte by byte so each
// test states what it feeds the checks.

const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const u16le = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u64le = (n: number) => [...u32le(n % 2 ** 32), ...u32le(Math.floor(n / 2 ** 32))];

/** PCM WAV, 8 kHz mono 8-bit, `seconds` long (the data chunk's size says so). */
export function wav(seconds: number, realData = true): Uint8Array {
	const rate = 8000;
	const size = rate * seconds;
	const data = realData ? new Array<number>(size).fill(128) : [];
	return new Uint8Array([
		...text('RIFF'),
		...u32le(36 + size),
		...text('WAVE'),
		...text('fmt '),
		...u32le(16),
		...u16le(1),
		...u16le(1),
		...u32le(rate),
		...u32le(rate),
		...u16le(1),
		...u16le(8),
		...text('data'),
		...u32le(size),
		...data
	]);
}

function oggPage(granule: number, packet: number[]): number[] {
	return [
		...text('OggS'),
		0,
		0,
		...u64le(granule),
		...u32le(1),
		...u32le(0),
		...u32le(0),
		1,
		packet.length,
		...packet
	];
}

/** Ogg Opus whose last page's granule position says `seconds` (48 kHz, no pre-skip). */
export function oggOpus(seconds: number): Uint8Array {
	const head = [...text('OpusHead'), 1, 1, ...u16le(0), ...u32le(48000), 0, 0, 0];
	return new Uint8Array([...oggPage(0, head), ...oggPage(48000 * seconds, [1, 2, 3, 4])]);
}

/** The start of a WebM file as MediaRecorder writes it (EBML header with DocType "webm"). */
export function webm(): Uint8Array {
	return new Uint8Array([
		0x1a,
		0x45,
		0xdf,
		0xa3,
		0x9f,
		0x42,
		0x86,
		0x81,
		0x01,
		0x42,
		0x82,
		0x84,
		...text('webm'),
		0x42,
		0x87,
		0x81,
		0x04,
		...new Array<number>(32).fill(0)
	]);
}

/** An M4A: `ftyp M4A `, then a `moov` holding an `mvhd` that says `seconds` (timescale 1000). */
export function m4a(seconds: number): Uint8Array {
	const mvhd = [
		...u32be(108),
		...text('mvhd'),
		0,
		0,
		0,
		0,
		...u32be(0),
		...u32be(0),
		...u32be(1000),
		...u32be(seconds * 1000),
		...new Array<number>(80).fill(0)
	];
	return new Uint8Array([
		...u32be(20),
		...text('ftyp'),
		...text('M4A '),
		...u32be(0),
		...text('M4A '),
		...u32be(8 + mvhd.length),
		...text('moov'),
		...mvhd
	]);
}

/** An MP3 with an ID3v2 tag, and one without (a bare MPEG-1 layer III frame header). */
export function mp3(tagged = true): Uint8Array {
	const frame = [0xff, 0xfb, 0x90, 0x64, ...new Array<number>(60).fill(0)];
	return new Uint8Array(tagged ? [...text('ID3'), 4, 0, 0, 0, 0, 0, 0, ...frame] : frame);
}
