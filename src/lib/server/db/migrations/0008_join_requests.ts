import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers';

// A removed member who opens a standing invitation asks to come back: a leader decides. One
// pending request per member; decided ones stay, as the record of who let whom back in.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('join_request')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('member', 'leader', 'facilitator', 'observer')`)
		)
		.addColumn('invitation_id', 'integer', (c) =>
			c.references('invitation.id').onDelete('set null')
		)
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('decided_at', 'bigint')
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('approved', 'declined')`))
		.execute();
	await db.schema
		.createIndex('join_request_pending_unique')
		.on('join_request')
		.column('member_id')
		.unique()
		.where(sql.ref('decided_at'), 'is', null)
		.execute();
	await db.schema
		.createIndex('join_request_association_idx')
		.on('join_request')
		.columns(['association_id', 'id'])
		.execute();
}
