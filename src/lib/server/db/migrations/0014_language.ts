import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers';

// The association's own wording of the interface (proposed by leaders or members they name,
// accepted by leaders, shown to its members instead of the catalogue) and the login cards of
// members who do not type a password (a QR with a long secret, stored hashed, revocable).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('wording')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('proposed', 'accepted', 'rejected', 'retired')`)
		)
		.addColumn('proposed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('proposed_by_name', 'text', (c) => c.notNull())
		.addColumn('proposed_at', 'bigint', (c) => c.notNull())
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('decided_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('wording_by_association')
		.on('wording')
		.columns(['association_id', 'locale', 'status', 'key'])
		.execute();
	// At most one accepted wording per string: accepting another retires the earlier one.
	await db.schema
		.createIndex('wording_one_accepted')
		.on('wording')
		.columns(['association_id', 'locale', 'key'])
		.unique()
		.where(sql.ref('status'), '=', 'accepted')
		.execute();

	await db.schema
		.createTable('wording_editor')
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('named_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('named_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('wording_editor_pk', ['association_id', 'member_id'])
		.execute();

	await db.schema
		.createTable('login_card')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		// SHA-256 (hex) of the card's secret; the secret itself is only ever printed.
		.addColumn('secret_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('revoked_at', 'bigint')
		.addColumn('revoked_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('revoke_reason', 'text', (c) =>
			c.check(sql`revoke_reason in ('lost', 'revoked', 'replaced')`)
		)
		.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_used_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('login_card_by_member')
		.on('login_card')
		.columns(['association_id', 'member_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('login_card').execute();
	await db.schema.dropTable('wording_editor').execute();
	await db.schema.dropTable('wording').execute();
}
