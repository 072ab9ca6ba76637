// Spoken explanations on a real database: leaders record, members and (when public) anyone listen,
// with ranges; a plain member cannot record, an outsider cannot hear a private one; nothing is
// written when a file is refused, and a retired recording leaves the pages but keeps its row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssociationContext } from '$lib/server/associations';
import { setRegisterPublic } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { oggOpus, wav, webm } from '$lib/server/testing/audio';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { addVoteOption, closeVote, createVote, openVote } from '$lib/server/voting';
import {
	getVoiceFile,
	listVoice,
	readVoiceForm,
	recordVoice,
	retireVoice,
	voiceResponse
} from './index';

let t: TestDb;
let fx: Fixture;
let member: AssociationContext;
let outsider: AssociationContext;
let anonymous: AssociationContext;
let voteId: number;
let optionId: number;

const NOW = Date.UTC(2026, 5, 15, 15, 0);

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	member = (await addMember(t.db, fx, 'member')).ctx;
	outsider = await contextOf(t.db, fx.slug, await makeUser(t.db, 'Vecino'));
	anonymous = await contextOf(t.db, fx.slug, null);
	const vote = await createVote(t.db, fx.leaderCtx, {
		title: '¿Quién será el técnico?'
	});
	voteId = vote.id;
	optionId = (await addVoteOption(t.db, fx.leaderCtx, vote.id, { label: 'Rosa Mamani' })).id;
});

afterEach(async () => {
	await t.close();
});

const onOption = (language = 'qu', duration = '') =>
	readVoiceForm({
		subject_kind: 'vote_option',
		subject_ref: String(optionId),
		language,
		duration
	});

describe('recordVoice', () => {
	it('stores a leader’s recording with its SHA-256, listed in the member’s pages', async () => {
		const info = await recordVoice(t.db, fx.leaderCtx, onOption('qu', '7.2'), webm(), NOW);
		expect(info).toMatchObject({ mime: 'audio/webm', duration: 8, language: 'qu' });
		const listed = await listVoice(t.db, member, [
			{ kind: 'vote_option', ref: String(optionId) },
			{ kind: 'vote', ref: String(voteId) }
		]);
		expect(listed[`vote_option:${optionId}`].map((r) => r.id)).toEqual([info.id]);
		expect(listed[`vote:${voteId}`]).toBeUndefined();
		const audit = await t.db
			.selectFrom('audit_event')
			.select(['action', 'subject'])
			.where('action', '=', 'voice.recorded')
			.execute();
		expect(audit).toEqual([{ action: 'voice.recorded', subject: 'Rosa Mamani' }]);
	});

	it('lets only leaders record, and writes nothing for a refused file', async () => {
		expect((await rejection(recordVoice(t.db, member, onOption(), webm()))).code).toBe('forbidden');
		expect((await rejection(recordVoice(t.db, outsider, onOption(), webm()))).code).toBe(
			'forbidden'
		);
		const fake = new TextEncoder().encode('<svg onload="alert(1)"></svg>');
		const err = await rejection(recordVoice(t.db, fx.leaderCtx, onOption(), fake));
		expect(err.fields.file.key).toBe('error_voice_type');
		expect(
			(await rejection(recordVoice(t.db, fx.leaderCtx, onOption('fr'), webm()))).fields.language.key
		).toBe('error_voice_language');
		const count = await t.db
			.selectFrom('voice_recording')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it('refuses a subject of another association or one that does not exist', async () => {
		const other = await makeAssociation(t.db);
		const theirs = await createVote(t.db, other.leaderCtx, { title: 'Otra' });
		const input = readVoiceForm({
			subject_kind: 'vote',
			subject_ref: String(theirs.id),
			language: 'es'
		});
		expect((await rejection(recordVoice(t.db, fx.leaderCtx, input, webm()))).code).toBe(
			'not_found'
		);
		const bad = readVoiceForm({ subject_kind: 'vote', subject_ref: '1 or 1=1', language: 'es' });
		expect((await rejection(recordVoice(t.db, fx.leaderCtx, bad, webm()))).code).toBe('not_found');
	});
});

describe('getVoiceFile', () => {
	it('keeps a recording of an open vote from outsiders, public or not', async () => {
		const { id } = await recordVoice(t.db, fx.leaderCtx, onOption(), wav(1));
		expect((await getVoiceFile(t.db, member, id))?.public).toBe(false);
		expect((await rejection(getVoiceFile(t.db, outsider, id))).code).toBe('forbidden');
		expect((await rejection(getVoiceFile(t.db, anonymous, id))).code).toBe('forbidden');
	});

	it('opens a closed vote’s recordings to anyone only when the register is public', async () => {
		const { id } = await recordVoice(t.db, fx.leaderCtx, onOption(), wav(1));
		await addVoteOption(t.db, fx.leaderCtx, voteId, { label: 'Juan Quispe' });
		await openVote(t.db, fx.leaderCtx, voteId);
		await closeVote(t.db, fx.leaderCtx, voteId);
		const publicNow = await contextOf(t.db, fx.slug, null);
		expect((await getVoiceFile(t.db, publicNow, id))?.public).toBe(true);
		await setRegisterPublic(t.db, fx.leaderCtx, false);
		const privateNow = await contextOf(t.db, fx.slug, null);
		expect((await rejection(getVoiceFile(t.db, privateNow, id))).code).toBe('forbidden');
	});

	it('hides a retired recording but keeps its row', async () => {
		const { id } = await recordVoice(t.db, fx.leaderCtx, onOption(), wav(1));
		expect((await rejection(retireVoice(t.db, member, id))).code).toBe('forbidden');
		await retireVoice(t.db, fx.leaderCtx, id);
		await retireVoice(t.db, fx.leaderCtx, id);
		expect(await getVoiceFile(t.db, member, id)).toBeUndefined();
		expect(await listVoice(t.db, member, [{ kind: 'vote_option', ref: String(optionId) }])).toEqual(
			{}
		);
		expect(await t.db.selectFrom('voice_recording').select('id').execute()).toHaveLength(1);
		await expect(t.db.deleteFrom('voice_recording').execute()).rejects.toThrow(/append-only/);
	});
});

describe('voiceResponse', () => {
	const bytes = oggOpus(2);
	const file = { mime: 'audio/ogg', sha256: 'ab'.repeat(32), data: bytes, public: false };
	const get = (headers: Record<string, string> = {}) =>
		voiceResponse(file, new Request('http://minka.test/a/x/voice/1', { headers }));

	it('serves the whole file with its type, ETag and private immutable caching', async () => {
		const res = get();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('audio/ogg');
		expect(res.headers.get('accept-ranges')).toBe('bytes');
		expect(res.headers.get('etag')).toBe(`"${file.sha256}"`);
		expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
		const shared = voiceResponse({ ...file, public: true }, new Request('http://minka.test/'));
		expect(shared.headers.get('cache-control')).toMatch(/^public, /);
	});

	it('answers bytes=0-9 and a suffix range with 206 and the exact bytes', async () => {
		const first = get({ range: 'bytes=0-9' });
		expect(first.status).toBe(206);
		expect(first.headers.get('content-range')).toBe(`bytes 0-9/${bytes.length}`);
		expect(first.headers.get('content-length')).toBe('10');
		expect(new Uint8Array(await first.arrayBuffer())).toEqual(bytes.subarray(0, 10));
		const last = get({ range: 'bytes=-4' });
		expect(last.status).toBe(206);
		expect(last.headers.get('content-range')).toBe(
			`bytes ${bytes.length - 4}-${bytes.length - 1}/${bytes.length}`
		);
		expect(new Uint8Array(await last.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 4));
	});

	it('answers 416 with the size for a range past the end, 304 for a known ETag', () => {
		const res = get({ range: `bytes=${bytes.length}-` });
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
		expect(get({ 'if-none-match': `"${file.sha256}"` }).status).toBe(304);
		expect(get({ range: 'bytes=0-9', 'if-range': '"other"' }).status).toBe(200);
	});
});
