import type { Kysely } from 'kysely';

// A vote on phones in an assembly room counts the assembly's quorum: those present and
// represented when it opened, frozen with the vote (null for votes outside a room).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('vote').addColumn('room_present', 'integer').execute();
}
