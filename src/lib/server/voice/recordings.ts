// Spoken explanations: a leader records what a subject means (a proposal, a budget line, a vote,
// an option or candidate, a decision, an agenda point) in a language noted beside it. The file is
// recognised by its bytes, bounded in size and length, stored with its SHA-256 and never changed;
// withdrawing one writes a retirement row beside it.
import { createHash } from 'node:crypto';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { toBuffer, writeTx, type Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import {
	VOICE_MAX_BYTES,
	VOICE_MAX_SECONDS,
	isVoiceLanguage,
	isVoiceSubject,
	readSubjectRef,
	subjectKey,
	type VoiceListing,
	type VoiceSubjectKind
} from '$lib/voice/vocabulary';
import { audioSeconds, audioType, type AudioMime } from './audio';

export interface VoiceSubject {
	kind: VoiceSubjectKind;
	ref: string;
}

export interface VoiceInput {
	subject: VoiceSubject | undefined;
	language: string;
	/** Seconds, as the recorder in the browser measured them; absent for a picked file. */
	reportedSeconds: number | undefined;
}

export interface CheckedVoice {
	mime: AudioMime;
	size: number;
	duration: number | null;
	sha256: string;
	data: Uint8Array;
}

export type VoiceInfo = VoiceListing;

/** The recorder form's fields as typed input; the domain function checks them. */
export function readVoiceForm(values: Record<string, string>): VoiceInput {
	const kind = values.subject_kind ?? '';
	const ref = isVoiceSubject(kind) ? readSubjectRef(kind, values.subject_ref ?? '') : undefined;
	const seconds = Number(values.duration);
	return {
		subject: isVoiceSubject(kind) && ref ? { kind, ref } : undefined,
		language: values.language ?? '',
		reportedSeconds:
			values.duration && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined
	};
}

const refused = (key: string, params?: Record<string, number>) =>
	new DomainError('invalid', 'error_form_invalid', { file: params ? { key, params } : key });

/**
 * Checks a file before anything is written: present, at most VOICE_MAX_BYTES, one of the audio
 * types by its signature, and no longer than VOICE_MAX_SECONDS, by the container's own length
 * when it states one, otherwise by what the recorder reported.
 */
export function checkVoice(bytes: Uint8Array | undefined, reportedSeconds?: number): CheckedVoice {
	if (!bytes || bytes.length === 0) throw refused('error_voice_missing');
	if (bytes.length > VOICE_MAX_BYTES)
		throw refused('error_voice_large', { max: VOICE_MAX_BYTES / 1048576 });
	const mime = audioType(bytes);
	if (!mime) throw refused('error_voice_type');
	const measured = audioSeconds(bytes, mime);
	const seconds = measured ?? reportedSeconds;
	if (seconds !== undefined && seconds > VOICE_MAX_SECONDS)
		throw refused('error_voice_long', { max: VOICE_MAX_SECONDS / 60 });
	return {
		mime,
		size: bytes.length,
		duration: seconds === undefined ? null : Math.ceil(seconds),
		sha256: createHash('sha256').update(bytes).digest('hex'),
		data: bytes
	};
}

/** The subject's title for the audit log, if it exists in this association; undefined otherwise. */
async function subjectTitle(
	db: Db,
	associationId: number,
	subject: VoiceSubject
): Promise<string | undefined> {
	const id = Number(subject.ref.split(':')[0]);
	switch (subject.kind) {
		case 'draft':
		case 'draft_line':
			return (
				await db
					.selectFrom('draft')
					.select('title')
					.where('association_id', '=', associationId)
					.where('id', '=', id)
					.executeTakeFirst()
			)?.title;
		case 'vote':
			return (
				await db
					.selectFrom('vote')
					.select('title')
					.where('association_id', '=', associationId)
					.where('id', '=', id)
					.executeTakeFirst()
			)?.title;
		case 'vote_option':
			return (
				await db
					.selectFrom('vote_option')
					.innerJoin('vote', 'vote.id', 'vote_option.vote_id')
					.select('vote_option.label as title')
					.where('vote.association_id', '=', associationId)
					.where('vote_option.id', '=', id)
					.executeTakeFirst()
			)?.title;
		case 'decision':
			return (
				await db
					.selectFrom('decision')
					.select('title')
					.where('association_id', '=', associationId)
					.where('seq', '=', id)
					.executeTakeFirst()
			)?.title;
		case 'agenda_point':
			return (
				await db
					.selectFrom('assembly_point')
					.innerJoin('assembly', 'assembly.id', 'assembly_point.assembly_id')
					.select('assembly_point.title')
					.where('assembly.association_id', '=', associationId)
					.where('assembly_point.id', '=', id)
					.executeTakeFirst()
			)?.title;
	}
}

/** Records an explanation; leaders only. Nothing is written unless every check passes. */
export async function recordVoice(
	db: Db,
	ctx: AssociationContext,
	input: VoiceInput,
	bytes: Uint8Array | undefined,
	now = Date.now()
): Promise<VoiceInfo> {
	authorize(ctx.actor, 'voice.record');
	const user = actingUser(ctx);
	if (!input.subject) throw new DomainError('not_found', 'error_not_found');
	if (!isVoiceLanguage(input.language))
		throw new DomainError('invalid', 'error_form_invalid', { language: 'error_voice_language' });
	const language = input.language;
	const subject = input.subject;
	const file = checkVoice(bytes, input.reportedSeconds);
	const title = await subjectTitle(db, ctx.association.id, subject);
	if (title === undefined) throw new DomainError('not_found', 'error_not_found');
	return writeTx(db, async (tx) => {
		const row = await tx
			.insertInto('voice_recording')
			.values({
				association_id: ctx.association.id,
				subject_kind: subject.kind,
				subject_ref: subject.ref,
				language,
				mime: file.mime,
				size: file.size,
				duration: file.duration,
				sha256: file.sha256,
				data: toBuffer(file.data),
				recorded_by: user.id,
				recorded_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'voice.recorded',
			subject: title,
			details: { recording: Number(row.id), kind: subject.kind, ref: subject.ref, language },
			at: now
		});
		return {
			id: Number(row.id),
			subject_kind: subject.kind,
			subject_ref: subject.ref,
			language,
			mime: file.mime,
			size: file.size,
			duration: file.duration,
			sha256: file.sha256,
			recorded_at: now
		};
	});
}

/**
 * The explanations of the given subjects still in use, grouped by subjectKey. The page that asks
 * has already decided the reader may see those subjects.
 */
export async function listVoice(
	db: Db,
	ctx: AssociationContext,
	subjects: readonly VoiceSubject[]
): Promise<Record<string, VoiceInfo[]>> {
	const grouped: Record<string, VoiceInfo[]> = {};
	if (subjects.length === 0) return grouped;
	const rows = await db
		.selectFrom('voice_recording')
		.leftJoin('voice_retirement', 'voice_retirement.recording_id', 'voice_recording.id')
		.select([
			'voice_recording.id',
			'subject_kind',
			'subject_ref',
			'language',
			'mime',
			'size',
			'duration',
			'sha256',
			'recorded_at'
		])
		.where('voice_recording.association_id', '=', ctx.association.id)
		.where('voice_retirement.id', 'is', null)
		.where((eb) =>
			eb.or(
				subjects.map((s) =>
					eb.and([eb('subject_kind', '=', s.kind), eb('subject_ref', '=', s.ref)])
				)
			)
		)
		.orderBy('voice_recording.id')
		.execute();
	for (const row of rows) {
		const info: VoiceInfo = {
			...row,
			id: Number(row.id),
			size: Number(row.size),
			duration: row.duration === null ? null : Number(row.duration),
			recorded_at: Number(row.recorded_at)
		};
		(grouped[subjectKey(row.subject_kind, row.subject_ref)] ??= []).push(info);
	}
	return grouped;
}

/**
 * Whether anyone may hear a recording: its subject is public (a decision in the register, or a
 * closed vote and its options) and the association's register is public. Everything else
 * (drafts, agenda points, open votes) is for members.
 */
async function isPublic(db: Db, ctx: AssociationContext, subject: VoiceSubject): Promise<boolean> {
	if (ctx.association.register_public !== 1) return false;
	if (subject.kind === 'decision') return true;
	if (subject.kind !== 'vote' && subject.kind !== 'vote_option') return false;
	const id = Number(subject.ref);
	const vote =
		subject.kind === 'vote'
			? await db.selectFrom('vote').select('status').where('id', '=', id).executeTakeFirst()
			: await db
					.selectFrom('vote_option')
					.innerJoin('vote', 'vote.id', 'vote_option.vote_id')
					.select('vote.status')
					.where('vote_option.id', '=', id)
					.executeTakeFirst();
	return vote?.status === 'closed';
}

export interface VoiceFile {
	mime: string;
	sha256: string;
	data: Uint8Array;
	/** Anyone may hear it (cacheable by shared caches). */
	public: boolean;
}

/** A recording's bytes, for whoever may see its subject; undefined if missing or retired. */
export async function getVoiceFile(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<VoiceFile | undefined> {
	const row = await db
		.selectFrom('voice_recording')
		.leftJoin('voice_retirement', 'voice_retirement.recording_id', 'voice_recording.id')
		.select([
			'subject_kind',
			'subject_ref',
			'mime',
			'sha256',
			'data',
			'voice_retirement.id as retired'
		])
		.where('voice_recording.association_id', '=', ctx.association.id)
		.where('voice_recording.id', '=', id)
		.executeTakeFirst();
	const member = can(ctx.actor, 'association.view_private');
	if (!row || row.retired !== null) {
		if (!member) throw new DomainError('forbidden', 'error_forbidden');
		return undefined;
	}
	const open = await isPublic(db, ctx, { kind: row.subject_kind, ref: row.subject_ref });
	if (!member && !open) throw new DomainError('forbidden', 'error_forbidden');
	return { mime: row.mime, sha256: row.sha256, data: row.data, public: open };
}

/** Withdraws a recording from the pages (its row stays); leaders only. */
export async function retireVoice(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'voice.record');
	const user = actingUser(ctx);
	await writeTx(db, async (tx) => {
		const row = await tx
			.selectFrom('voice_recording')
			.leftJoin('voice_retirement', 'voice_retirement.recording_id', 'voice_recording.id')
			.select([
				'voice_recording.id',
				'subject_kind',
				'subject_ref',
				'voice_retirement.id as retired'
			])
			.where('voice_recording.association_id', '=', ctx.association.id)
			.where('voice_recording.id', '=', id)
			.executeTakeFirst();
		if (!row) throw new DomainError('not_found', 'error_not_found');
		if (row.retired !== null) return;
		await tx
			.insertInto('voice_retirement')
			.values({ recording_id: id, retired_by: user.id, retired_at: now })
			.execute();
		const title = await subjectTitle(tx, ctx.association.id, {
			kind: row.subject_kind,
			ref: row.subject_ref
		});
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'voice.retired',
			subject: title ?? row.subject_kind,
			details: { recording: id },
			at: now
		});
	});
}

/** What a page passes to its voice parts: the recordings of its subjects, and whether to record. */
export interface VoiceData {
	voice: Record<string, VoiceListing[]>;
	canRecordVoice: boolean;
}

/** The page's subjects' recordings for a reader who may see those subjects. */
export async function voiceFor(
	db: Db,
	ctx: AssociationContext,
	subjects: readonly VoiceSubject[]
): Promise<VoiceData> {
	return {
		voice: await listVoice(db, ctx, subjects),
		canRecordVoice: can(ctx.actor, 'voice.record')
	};
}
