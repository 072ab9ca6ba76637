import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull())
		.addColumn('username_key', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('es'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_start', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('association')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('product', 'text', (c) => c.notNull())
		.addColumn('municipality', 'text', (c) => c.notNull())
		.addColumn('department', 'text', (c) => c.notNull())
		.addColumn('register_public', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('member')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('id_number', 'text')
		.addColumn('community', 'text')
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('leader', 'member', 'facilitator', 'observer')`)
		)
		.addColumn('office', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('active', 'suspended', 'left')`)
		)
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('member_association_user_unique', ['association_id', 'user_id'])
		.execute();
	await db.schema.createIndex('member_user_idx').on('member').column('user_id').execute();
	await db.schema
		.createIndex('member_id_number_unique')
		.on('member')
		.columns(['association_id', 'id_number'])
		.unique()
		.where(sql.ref('id_number'), 'is not', null)
		.execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('member_id', 'integer', (c) => c.references('member.id').onDelete('cascade'))
		.addColumn('max_uses', 'integer', (c) => c.notNull())
		.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('revoked_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('invitation_association_idx')
		.on('invitation')
		.column('association_id')
		.execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('actor_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('actor_name', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject', 'text')
		.addColumn('details', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_event_association_idx')
		.on('audit_event')
		.columns(['association_id', 'id'])
		.execute();
}
