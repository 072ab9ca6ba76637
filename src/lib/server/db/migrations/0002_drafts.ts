import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('draft')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('investment_plan', 'rule', 'terms_of_reference', 'general')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(sql`status in ('drafting', 'deliberation', 'voting', 'decided', 'withdrawn')`)
		)
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('draft_association_idx')
		.on('draft')
		.columns(['association_id', 'updated_at'])
		.execute();

	// The members who may edit a draft besides leaders and facilitators.
	await db.schema
		.createTable('draft_author')
		.addColumn('draft_id', 'integer', (c) => c.notNull().references('draft.id').onDelete('cascade'))
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('added_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('draft_author_pk', ['draft_id', 'member_id'])
		.execute();

	// The live document as Yjs updates, appended before they are relayed and compacted from time to
	// time into one; their merge is the document.
	await db.schema
		.createTable('draft_update')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('draft_id', 'integer', (c) => c.notNull().references('draft.id').onDelete('cascade'))
		.addColumn('data', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('draft_update_draft_idx')
		.on('draft_update')
		.columns(['draft_id', 'id'])
		.execute();
}
