// Recordings are recognised by their bytes and bounded in size and length, whatever the browser
// says they are.
import { describe, expect, it } from 'vitest';
import { m4a, mp3, oggOpus, wav, webm } from '$lib/server/testing/audio';
import { DomainError } from '$lib/server/errors';
import { VOICE_MAX_BYTES, VOICE_MAX_SECONDS } from '$lib/voice/vocabulary';
import { audioSeconds, audioType } from './audio';
import { checkVoice } from './recordings';

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (err) {
		expect(err).toBeInstanceOf(DomainError);
		return (err as DomainError).fields.file?.key;
	}
	throw new Error('accepted');
};

describe('audioType', () => {
	it('recognises each accepted type by its signature', () => {
		expect(audioType(webm())).toBe('audio/webm');
		expect(audioType(oggOpus(3))).toBe('audio/ogg');
		expect(audioType(m4a(3))).toBe('audio/mp4');
		expect(audioType(mp3())).toBe('audio/mpeg');
		expect(audioType(mp3(false))).toBe('audio/mpeg');
		expect(audioType(wav(1))).toBe('audio/wav');
	});

	it('refuses what only claims to be audio', () => {
		const bytes = (s: string) => new TextEncoder().encode(s);
		expect(audioType(bytes('<html><script>alert(1)</script></html>'))).toBeUndefined();
		expect(audioType(bytes('%PDF-1.7 trailer'))).toBeUndefined();
		// A PNG, a WebP image (RIFF but not WAVE), Matroska video, ADTS AAC, an Ogg without Opus.
		expect(
			audioType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))
		).toBeUndefined();
		expect(audioType(bytes('RIFF\x00\x00\x00\x00WEBPVP8 '))).toBeUndefined();
		const mkv = webm();
		mkv.set(new TextEncoder().encode('mtrs'), 12);
		expect(audioType(mkv)).toBeUndefined();
		expect(
			audioType(new Uint8Array([0xff, 0xf1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]))
		).toBeUndefined();
		const theora = oggOpus(1);
		theora.set(new TextEncoder().encode('\x80theora_'), 28);
		expect(audioType(theora)).toBeUndefined();
		expect(audioType(new Uint8Array(4))).toBeUndefined();
	});
});

describe('audioSeconds', () => {
	it('reads the length WAV, Ogg and MP4 state, and none for WebM and MP3', () => {
		expect(audioSeconds(wav(2), 'audio/wav')).toBe(2);
		expect(audioSeconds(oggOpus(95), 'audio/ogg')).toBe(95);
		expect(audioSeconds(m4a(200), 'audio/mp4')).toBe(200);
		expect(audioSeconds(webm(), 'audio/webm')).toBeUndefined();
		expect(audioSeconds(mp3(), 'audio/mpeg')).toBeUndefined();
	});

	it('gives up on a truncated container instead of throwing', () => {
		expect(audioSeconds(m4a(5).subarray(0, 40), 'audio/mp4')).toBeUndefined();
	});
});

describe('checkVoice', () => {
	it('accepts a short recording with its SHA-256 and length', () => {
		const file = checkVoice(wav(1));
		expect(file.mime).toBe('audio/wav');
		expect(file.duration).toBe(1);
		expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(checkVoice(webm(), 12.4).duration).toBe(13);
	});

	it('refuses a missing, fake, too big or too long file', () => {
		expect(refusal(() => checkVoice(undefined))).toBe('error_voice_missing');
		expect(refusal(() => checkVoice(new TextEncoder().encode('not audio at all')))).toBe(
			'error_voice_type'
		);
		const big = new Uint8Array(VOICE_MAX_BYTES + 1);
		big.set(webm());
		expect(refusal(() => checkVoice(big))).toBe('error_voice_large');
		expect(refusal(() => checkVoice(m4a(VOICE_MAX_SECONDS + 1)))).toBe('error_voice_long');
		expect(refusal(() => checkVoice(webm(), VOICE_MAX_SECONDS + 1))).toBe('error_voice_long');
		// The container's own length wins over a smaller report.
		expect(refusal(() => checkVoice(oggOpus(VOICE_MAX_SECONDS + 5), 10))).toBe('error_voice_long');
	});
});
