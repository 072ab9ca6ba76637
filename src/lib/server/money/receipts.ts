// The photo or PDF of an expense's receipt, taken from a phone: recognised by its first bytes
// (never by the name or type the browser claims), size-limited, stored with its SHA-256 in the
// same transaction as the movement that cites it, and never changed afterwards.
import { createHash } from 'node:crypto';
import { can, type AssociationContext } from '$lib/server/associations';
import { toBuffer, type Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { imageType } from '$lib/server/assemblies/photo';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';

/** JPEG, PNG, WebP or PDF from the file's signature; undefined for anything else. */
export function receiptType(bytes: Uint8Array): string | undefined {
	const image = imageType(bytes);
	if (image) return image;
	const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
	if (pdf.every((b, i) => bytes[i] === b)) return 'application/pdf';
	return undefined;
}

export interface CheckedReceipt {
	mime: string;
	size: number;
	sha256: string;
	data: Uint8Array;
}

/** Checks a receipt file before anything is written; throws `invalid` with the field's message. */
export function checkReceipt(bytes: Uint8Array): CheckedReceipt {
	if (bytes.length > RECEIPT_MAX_BYTES)
		throw new DomainError('invalid', 'error_form_invalid', {
			receipt: { key: 'error_money_receipt_large', params: { max: RECEIPT_MAX_BYTES / 1048576 } }
		});
	const mime = receiptType(bytes);
	if (!mime)
		throw new DomainError('invalid', 'error_form_invalid', { receipt: 'error_money_receipt_type' });
	return {
		mime,
		size: bytes.length,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		data: bytes
	};
}

export async function storeReceipt(
	tx: Db,
	associationId: number,
	receipt: CheckedReceipt,
	userId: string,
	now: number
): Promise<number> {
	const row = await tx
		.insertInto('money_receipt')
		.values({
			association_id: associationId,
			mime: receipt.mime,
			size: receipt.size,
			sha256: receipt.sha256,
			data: toBuffer(receipt.data),
			uploaded_by: userId,
			uploaded_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

/** A receipt's file, for whoever may read the association's accounts. */
export async function getReceipt(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
	if (!can(ctx.actor, 'money.view', ctx.association))
		throw new DomainError('forbidden', 'error_forbidden');
	return db
		.selectFrom('money_receipt')
		.select(['mime', 'data', 'sha256'])
		.where('association_id', '=', ctx.association.id)
		.where('id', '=', id)
		.executeTakeFirst();
}
