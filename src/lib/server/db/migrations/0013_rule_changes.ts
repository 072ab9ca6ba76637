import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers';

// Rule changes by vote: a proposal names the parameters it changes (old and new value, and the
// article of the reglamento where the association says so) and the motion that decides it. The
// assembly keeps the rules it was installed with. A statute or reglamento text changed by a
// decision points to the frozen version written from the winning words (an enactment).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('rule_change')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('vote_id', 'integer', (c) =>
			c.notNull().unique().references('vote.id').onDelete('cascade')
		)
		// JSON: [{ param, from, to, article }], the parameters this proposal changes.
		.addColumn('changes', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`)
		)
		// JSON of the whole rule set before and after, once approved.
		.addColumn('rules_before', 'text')
		.addColumn('rules_after', 'text')
		.addColumn('decision_seq', 'integer')
		.addColumn('proposed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('decided_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('rule_change_by_association')
		.on('rule_change')
		.columns(['association_id', 'status'])
		.execute();

	// The rule set in force when the assembly was installed (JSON), then as changed in it.
	await db.schema.alterTable('assembly').addColumn('rules', 'text').execute();

	await db.schema
		.createTable('draft_enactment')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('draft_id', 'integer', (c) => c.notNull().references('draft.id').onDelete('cascade'))
		.addColumn('version_id', 'integer', (c) =>
			c.notNull().unique().references('draft_version.id').onDelete('cascade')
		)
		.addColumn('vote_id', 'integer', (c) => c.references('vote.id').onDelete('set null'))
		.addColumn('decision_seq', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('enacted_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('draft_enactment_by_draft')
		.on('draft_enactment')
		.columns(['draft_id', 'enacted_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('draft_enactment').execute();
	await db.schema.alterTable('assembly').dropColumn('rules').execute();
	await db.schema.dropTable('rule_change').execute();
}
