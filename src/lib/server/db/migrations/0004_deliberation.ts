import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers';

// Debates (free-standing or one per draft), posts with a stance, replies, the earlier text of
// edited posts, supports (one per member and post), amendments to a draft's text, and each
// reader's mark of what they have seen. Nothing here is ever deleted by a person: a moderator
// hides a post with a reason, and the post stays.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('debate')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		// One debate per draft; free-standing debates have none.
		.addColumn('draft_id', 'integer', (c) => c.unique().references('draft.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('last_post_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('debate_association_idx')
		.on('debate')
		.columns(['association_id', 'last_post_at'])
		.execute();

	await db.schema
		.createTable('post')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('debate_id', 'integer', (c) =>
			c.notNull().references('debate.id').onDelete('cascade')
		)
		.addColumn('parent_id', 'integer', (c) => c.references('post.id').onDelete('cascade'))
		.addColumn('author_member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('author_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('stance', 'text', (c) =>
			c.notNull().check(sql`stance in ('for', 'against', 'question', 'neutral', 'amendment')`)
		)
		.addColumn('body', 'text', (c) => c.notNull())
		// The words of the draft the post points at, quoted as they were.
		.addColumn('passage', 'text')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('edited_at', 'bigint')
		.addColumn('hidden_at', 'bigint')
		.addColumn('hidden_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('hidden_by_name', 'text')
		.addColumn('hidden_reason', 'text')
		.execute();
	await db.schema.createIndex('post_debate_idx').on('post').columns(['debate_id', 'id']).execute();
	await db.schema.createIndex('post_parent_idx').on('post').column('parent_id').execute();

	// What a post said before each edit.
	await db.schema
		.createTable('post_revision')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('stance', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('replaced_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('post_revision_post_idx')
		.on('post_revision')
		.columns(['post_id', 'id'])
		.execute();

	await db.schema
		.createTable('post_support')
		.addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('post_support_pk', ['post_id', 'member_id'])
		.execute();

	await db.schema
		.createTable('amendment')
		.addColumn('post_id', 'integer', (c) =>
			c.primaryKey().references('post.id').onDelete('cascade')
		)
		.addColumn('draft_id', 'integer', (c) => c.notNull().references('draft.id').onDelete('cascade'))
		.addColumn('passage', 'text', (c) => c.notNull())
		.addColumn('proposal', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`)
		)
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('decided_by_name', 'text')
		.addColumn('decided_at', 'bigint')
		.addColumn('decision_reason', 'text')
		.execute();
	await db.schema
		.createIndex('amendment_draft_idx')
		.on('amendment')
		.columns(['draft_id', 'status'])
		.execute();

	// The newest post a reader has seen in a debate: what is newer is "new since your last visit".
	await db.schema
		.createTable('debate_read')
		.addColumn('debate_id', 'integer', (c) =>
			c.notNull().references('debate.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('last_post_id', 'integer', (c) => c.notNull())
		.addColumn('seen_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('debate_read_pk', ['debate_id', 'user_id'])
		.execute();
}
