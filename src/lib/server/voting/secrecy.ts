// Secret ballots leave no trace of the order they were cast in once the vote is closed.
//
// A ballot row has a random key and no time, but the file still remembers order: SQLite places a
// page's cells in the order they were written, and the WAL keeps old page images; PostgreSQL's heap
// follows insertion and every row carries its inserting transaction's id (`xmin`). At the close,
// inside the closing transaction, the vote's ballots are therefore deleted and written again in
// the order of their random keys: on SQLite with secure_delete on (createDb), so the old cells are
// zeroed, and after the commit the file is vacuumed and the WAL truncated (`scrubFreedSpace`:
// balancing can leave stale bytes that secure_delete does not reach); on PostgreSQL every ballot
// then shares the closing transaction's xmin and the heap holds them in key order. What remains on
// PostgreSQL until the table is vacuumed is the dead tuples' bytes: a residual risk, documented.
import type { Db } from '$lib/server/db';

const BATCH = 200;

export async function compactSecretBallots(tx: Db, voteId: number): Promise<number> {
	const ballots = await tx
		.selectFrom('vote_ballot')
		.select(['id', 'receipt', 'choice'])
		.where('vote_id', '=', voteId)
		.orderBy('id')
		.execute();
	if (ballots.length === 0) return 0;
	await tx.deleteFrom('vote_ballot').where('vote_id', '=', voteId).execute();
	for (let i = 0; i < ballots.length; i += BATCH) {
		await tx
			.insertInto('vote_ballot')
			.values(
				ballots.slice(i, i + BATCH).map((b) => ({
					vote_id: voteId,
					id: b.id,
					elector_key: null,
					receipt: b.receipt,
					choice: b.choice
				}))
			)
			.execute();
	}
	return ballots.length;
}
