// The photo of the signed paper acta, attached after the assembly: the physical book stays the
// legal record, the app keeps its picture and the picture's SHA-256. Kept in the database beside
// the acta (one file to back up, written in the same transaction as its audit line); images only,
// recognised by their first bytes, not by the name or type the browser claims.
import { createHash } from 'node:crypto';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { getAssembly } from './assemblies';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

export interface PhotoInfo {
	mime: string;
	size: number;
	sha256: string;
	uploaded_at: number;
}

/** The image type from the file's signature: JPEG, PNG or WebP; undefined for anything else. */
export function imageType(bytes: Uint8Array): string | undefined {
	const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	return undefined;
}

/** Attaches (or replaces) the photo of a closed assembly's signed acta; leaders only. */
export async function attachPhoto(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	bytes: Uint8Array | undefined,
	now = Date.now()
): Promise<PhotoInfo> {
	authorize(ctx.actor, 'assembly.manage');
	const user = actingUser(ctx);
	const assembly = await getAssembly(db, ctx, assemblyId);
	if (assembly.status !== 'closed') throw new DomainError('conflict', 'error_assembly_not_closed');
	if (!bytes || bytes.length === 0) throw new DomainError('invalid', 'error_acta_photo_missing');
	if (bytes.length > PHOTO_MAX_BYTES)
		throw new DomainError('invalid', { key: 'error_acta_photo_large', params: { max: 8 } });
	const mime = imageType(bytes);
	if (!mime) throw new DomainError('invalid', 'error_acta_photo_type');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const row = {
		mime,
		size: bytes.length,
		sha256,
		data: bytes,
		uploaded_by: user.id,
		uploaded_at: now
	};
	await writeTx(db, async (tx) => {
		await tx
			.insertInto('assembly_photo')
			.values({ assembly_id: assembly.id, ...row })
			.onConflict((oc) => oc.column('assembly_id').doUpdateSet(row))
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assembly.photo_attached',
			subject: assembly.title,
			details: { assembly: assembly.id, sha256 }
		});
	});
	return { mime, size: bytes.length, sha256, uploaded_at: now };
}

export async function getPhotoInfo(db: Db, assemblyId: number): Promise<PhotoInfo | null> {
	return (
		(await db
			.selectFrom('assembly_photo')
			.select(['mime', 'size', 'sha256', 'uploaded_at'])
			.where('assembly_id', '=', assemblyId)
			.executeTakeFirst()) ?? null
	);
}

/** The photo itself, for members. */
export async function getPhoto(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number
): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
	const assembly = await getAssembly(db, ctx, assemblyId);
	return db
		.selectFrom('assembly_photo')
		.select(['mime', 'data', 'sha256'])
		.where('assembly_id', '=', assembly.id)
		.executeTakeFirst();
}
