// The area's files: the signed contract and the visits' photos. Checked like the money area's
// receipts (type from the first bytes, size limit, SHA-256) but stored apart, so only the
// association's members read them: a visit photo shows a family's home.
import { can, type AssociationContext } from '$lib/server/associations';
import { isRowId, toBuffer, type Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import type { CheckedReceipt } from '$lib/server/money/receipts';

export { checkReceipt as checkFile } from '$lib/server/money/receipts';

export async function storeFile(
	tx: Db,
	associationId: number,
	file: CheckedReceipt,
	userId: string,
	now: number
): Promise<number> {
	const row = await tx
		.insertInto('assistance_file')
		.values({
			association_id: associationId,
			mime: file.mime,
			size: file.size,
			sha256: file.sha256,
			data: toBuffer(file.data),
			uploaded_by: userId,
			uploaded_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export async function getFile(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
	if (!can(ctx.actor, 'assistance.view')) throw new DomainError('forbidden', 'error_forbidden');
	if (!isRowId(id)) return undefined;
	return db
		.selectFrom('assistance_file')
		.select(['mime', 'data', 'sha256'])
		.where('association_id', '=', ctx.association.id)
		.where('id', '=', id)
		.executeTakeFirst();
}
