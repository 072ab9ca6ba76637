import type { Kysely } from 'kysely';

// A vote on phones in an assembly room counts the assembly's quorum: those present and
// represented when it opened, frozen with the vote (null for votes outside a room). An assembly
// installed before its first call keeps the reason given, which its acta prints.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('vote').addColumn('room_present', 'integer').execute();
	await db.schema.alterTable('assembly').addColumn('early_reason', 'text').execute();
}
