import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

// Rule sets, votes, electorates, ballots, proxies and hand counts.
//
// Secrecy is structural: `vote_participation` says who voted and `vote_ballot` what was voted,
// written in one transaction. A secret ballot row carries no member, no time and no number that
// follows casting: its key is random, and on SQLite the table is WITHOUT ROWID so even the
// storage order is that random key's.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);

	await db.schema
		.createTable('rule_set')
		.addColumn('association_id', 'integer', (c) =>
			c.primaryKey().references('association.id').onDelete('cascade')
		)
		.addColumn('rules', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();

	// One vote per household when the rule set says so; members without one are their own.
	await db.schema.alterTable('member').addColumn('household', 'text').execute();

	await db.schema
		.createTable('vote')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('motion', 'budget', 'election')`)
		)
		.addColumn('decision_kind', 'text', (c) =>
			c.notNull().check(sql`decision_kind in ('ordinary', 'statute', 'assets', 'exclusion')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('draft_id', 'integer', (c) => c.references('draft.id').onDelete('set null'))
		.addColumn('version_id', 'integer', (c) => c.references('draft_version.id'))
		.addColumn('content_hash', 'text')
		.addColumn('secret', 'integer', (c) => c.notNull())
		.addColumn('changeable', 'integer', (c) => c.notNull())
		.addColumn('live_results', 'integer', (c) => c.notNull())
		.addColumn('in_room', 'integer', (c) => c.notNull())
		.addColumn('ballot_style', 'text', (c) =>
			c.check(sql`ballot_style in ('single', 'approval', 'ranking')`)
		)
		.addColumn('budget', 'bigint')
		.addColumn('decides_by', 'text', (c) => c.check(sql`decides_by in ('greedy', 'equal_shares')`))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('preparing', 'open', 'closed', 'cancelled')`)
		)
		.addColumn('opens_at', 'bigint')
		.addColumn('closes_at', 'bigint')
		.addColumn('opened_at', 'bigint')
		.addColumn('closed_at', 'bigint')
		.addColumn('rules', 'text', (c) => c.notNull())
		.addColumn('electorate_size', 'integer')
		.addColumn('result', 'text')
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('vote_association_idx')
		.on('vote')
		.columns(['association_id', 'status'])
		.execute();
	await db.schema.createIndex('vote_due_idx').on('vote').columns(['status', 'closes_at']).execute();

	// What a ballot chooses among: budget lines of the frozen plan, candidates, or alternatives.
	await db.schema
		.createTable('vote_option')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('amount', 'bigint')
		.addColumn('details', 'text', (c) => c.notNull())
		.addUniqueConstraint('vote_option_position_unique', ['vote_id', 'position'])
		.execute();

	// The electorate, frozen when the vote opens.
	await db.schema
		.createTable('vote_elector')
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
		.addColumn('elector_key', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_elector_pk', ['vote_id', 'member_id'])
		.execute();

	// Cartas poder: the holder casts for the absent member in this vote.
	await db.schema
		.createTable('vote_proxy')
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('absent_member_id', 'integer', (c) => c.notNull().references('member.id'))
		.addColumn('holder_member_id', 'integer', (c) => c.notNull().references('member.id'))
		.addColumn('recorded_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_proxy_pk', ['vote_id', 'absent_member_id'])
		.execute();

	// Who voted (one row per elector: the UNIQUE that makes a second ballot impossible).
	await db.schema
		.createTable('vote_participation')
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('elector_key', 'text', (c) => c.notNull())
		.addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
		.addColumn('channel', 'text', (c) =>
			c.notNull().check(sql`channel in ('online', 'proxy', 'assisted')`)
		)
		.addColumn('cast_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('holder_member_id', 'integer', (c) => c.references('member.id'))
		.addColumn('witness_member_id', 'integer', (c) => c.references('member.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_participation_pk', ['vote_id', 'elector_key'])
		.execute();

	// What was voted. Public ballots name their elector (and may be changed until the close when
	// the vote allows it); secret ones carry only the receipt code their voter was given.
	await db.schema
		.createTable('vote_ballot')
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('elector_key', 'text')
		.addColumn('receipt', 'text')
		.addColumn('choice', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_ballot_pk', ['vote_id', 'id'])
		.addUniqueConstraint('vote_ballot_elector_unique', ['vote_id', 'elector_key'])
		.addUniqueConstraint('vote_ballot_receipt_unique', ['vote_id', 'receipt'])
		.addCheckConstraint(
			'vote_ballot_one_link_check',
			sql`(elector_key is null) <> (receipt is null)`
		)
		.$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
		.execute();

	// Raised hands counted by the secretary, confirmed by a second leader before they count.
	await db.schema
		.createTable('hand_count')
		.addColumn('vote_id', 'integer', (c) =>
			c.primaryKey().references('vote.id').onDelete('cascade')
		)
		.addColumn('counts', 'text', (c) => c.notNull())
		.addColumn('present', 'integer', (c) => c.notNull())
		.addColumn('represented', 'integer', (c) => c.notNull())
		.addColumn('entered_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('entered_at', 'bigint', (c) => c.notNull())
		.addColumn('confirmed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('confirmed_at', 'bigint')
		.execute();

	// A committee scores candidates against weighted criteria (technician hiring).
	await db.schema
		.createTable('vote_criterion')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 1 and 100`))
		.execute();
	await db.schema
		.createTable('vote_score')
		.addColumn('criterion_id', 'integer', (c) =>
			c.notNull().references('vote_criterion.id').onDelete('cascade')
		)
		.addColumn('option_id', 'integer', (c) =>
			c.notNull().references('vote_option.id').onDelete('cascade')
		)
		.addColumn('scorer_member_id', 'integer', (c) => c.notNull().references('member.id'))
		.addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 10`))
		.addPrimaryKeyConstraint('vote_score_pk', ['criterion_id', 'option_id', 'scorer_member_id'])
		.execute();
}
