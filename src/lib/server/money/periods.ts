// A period the treasurer has handed in for review is closed: its report is frozen with its hash,
// so no movement may be dated inside it afterwards (a correction is a movement dated today).
import type { Db } from '$lib/server/db';

/** The last day of the latest period handed in, or null while none has been. */
export async function closedThrough(db: Db, associationId: number): Promise<string | null> {
	const row = await db
		.selectFrom('money_report')
		.select((eb) => eb.fn.max('period_to').as('to'))
		.where('association_id', '=', associationId)
		.executeTakeFirst();
	return (row?.to as string | null | undefined) ?? null;
}
