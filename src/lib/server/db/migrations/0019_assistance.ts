import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn, isPostgres } from './helpers';

// Technical assistance (issue 14): the contract that follows a closed hiring vote (the elected
// option, the terms of reference's hash, fee, period, communities, the technician's account and
// the signed copy), its deliverables with their planned month and scheduled payment, the visits
// the technician logs with the households visited and each household's own answer, and the
// payments, each an expense of the money area tied to one approved deliverable.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);

	// The area's files (the signed contract, visit photos): kept like receipts (type from their
	// bytes, SHA-256, never changed) but apart from the money area's, so they are read only by
	// the association's members.
	await db.schema
		.createTable('assistance_file')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.references('user.id'))
		.addColumn('uploaded_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('assistance_contract')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('vote_id', 'integer', (c) => c.notNull().unique().references('vote.id'))
		.addColumn('option_id', 'integer', (c) => c.notNull().references('vote_option.id'))
		.addColumn('technician_name', 'text', (c) => c.notNull())
		.addColumn('tor_hash', 'text', (c) => c.notNull())
		.addColumn('candidate_fee', 'bigint', (c) => c.notNull())
		.addColumn('fee', 'bigint', (c) => c.notNull().check(sql`fee > 0`))
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('months', 'integer', (c) => c.notNull().check(sql`months > 0`))
		// JSON array of the communities the service covers.
		.addColumn('communities', 'text', (c) => c.notNull())
		.addColumn('decision_seq', 'integer', (c) => c.notNull())
		// JSON array of the months (from the start) the committee evaluates the service at.
		.addColumn('evaluation_months', 'text', (c) => c.notNull().defaultTo('[3,6]'))
		// The technician's own account (a non-voting member), scoped to this contract.
		.addColumn('technician_member_id', 'integer', (c) => c.references('member.id'))
		.addColumn('signed_file_id', 'integer', (c) => c.references('assistance_file.id'))
		.addColumn('created_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('assistance_deliverable')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('contract_id', 'integer', (c) => c.notNull().references('assistance_contract.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('visit', 'workshop', 'report')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('planned_month', 'text', (c) => c.notNull())
		.addColumn('community', 'text')
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
		.addColumn('delivered_at', 'bigint')
		.addColumn('approved_at', 'bigint')
		.addColumn('approved_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('assistance_visit')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('contract_id', 'integer', (c) => c.notNull().references('assistance_contract.id'))
		.addColumn('deliverable_id', 'integer', (c) => c.references('assistance_deliverable.id'))
		.addColumn('visited_on', 'text', (c) => c.notNull())
		.addColumn('community', 'text', (c) => c.notNull())
		.addColumn('work', 'text', (c) => c.notNull())
		.addColumn('logged_by', 'text', (c) => c.references('user.id'))
		.addColumn('logged_name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('assistance_visit_household')
		.addColumn('visit_id', 'integer', (c) => c.notNull().references('assistance_visit.id'))
		// The household as counted (householdKey): h:<name> or m:<member id>.
		.addColumn('household_key', 'text', (c) => c.notNull())
		.addColumn('household_name', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) =>
			c.notNull().check(sql`answer in ('pending', 'confirmed', 'denied')`)
		)
		.addColumn('channel', 'text', (c) => c.check(sql`channel in ('self', 'assembly')`))
		.addColumn('answered_member_id', 'integer', (c) => c.references('member.id'))
		.addColumn('answered_by', 'text', (c) => c.references('user.id'))
		.addColumn('answered_at', 'bigint')
		.addPrimaryKeyConstraint('assistance_visit_household_pk', ['visit_id', 'household_key'])
		.execute();

	await db.schema
		.createTable('assistance_visit_photo')
		.addColumn('visit_id', 'integer', (c) => c.notNull().references('assistance_visit.id'))
		.addColumn('file_id', 'integer', (c) => c.notNull().references('assistance_file.id'))
		.addPrimaryKeyConstraint('assistance_visit_photo_pk', ['visit_id', 'file_id'])
		.execute();

	await db.schema
		.createTable('assistance_payment')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('contract_id', 'integer', (c) => c.notNull().references('assistance_contract.id'))
		// One payment per deliverable.
		.addColumn('deliverable_id', 'integer', (c) =>
			c.notNull().unique().references('assistance_deliverable.id')
		)
		.addColumn('movement_seq', 'integer', (c) => c.notNull())
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
		.addColumn('created_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	// The members' survey of a period. Who answered (one household, once) is kept apart from what
	// was answered: while the survey is open each answer is sealed (AES-GCM, random row id); the
	// close opens them, writes only the counts, and deletes the sealed rows.
	await db.schema
		.createTable('assistance_survey')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('contract_id', 'integer', (c) => c.notNull().references('assistance_contract.id'))
		.addColumn('period', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
		.addColumn('respondents', 'integer')
		.addColumn('opened_by', 'text', (c) => c.references('user.id'))
		.addColumn('opened_at', 'bigint', (c) => c.notNull())
		.addColumn('closed_at', 'bigint')
		.addUniqueConstraint('assistance_survey_period', ['contract_id', 'period'])
		.execute();
	await db.schema
		.createTable('assistance_survey_respondent')
		.addColumn('survey_id', 'integer', (c) => c.notNull().references('assistance_survey.id'))
		.addColumn('household_key', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('assistance_survey_respondent_pk', ['survey_id', 'household_key'])
		.execute();
	await db.schema
		.createTable('assistance_survey_sealed')
		.addColumn('survey_id', 'integer', (c) => c.notNull().references('assistance_survey.id'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('sealed', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addPrimaryKeyConstraint('assistance_survey_sealed_pk', ['survey_id', 'id'])
		.execute();
	await db.schema
		.createTable('assistance_survey_count')
		.addColumn('survey_id', 'integer', (c) => c.notNull().references('assistance_survey.id'))
		.addColumn('question', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('assistance_survey_count_pk', ['survey_id', 'question', 'answer'])
		.execute();

	// An evaluation at one of the contract's months: the committee's scores of the deliverables
	// due, the figures it saw (visits, the survey, payments) and the outcome the assembly decided,
	// written in the register.
	await db.schema
		.createTable('assistance_evaluation')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('contract_id', 'integer', (c) => c.notNull().references('assistance_contract.id'))
		.addColumn('at_month', 'integer', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) =>
			c.notNull().check(sql`outcome in ('continue', 'warn', 'terminate')`)
		)
		// JSON: the scores and the figures, as written in the register entry.
		.addColumn('facts', 'text', (c) => c.notNull())
		.addColumn('decision_seq', 'integer', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('assistance_evaluation_month', ['contract_id', 'at_month'])
		.execute();

	await appendOnly(db, 'assistance_file');
	await appendOnly(db, 'assistance_evaluation');
	await appendOnly(db, 'assistance_visit_photo');
	await appendOnly(db, 'assistance_survey_respondent');
	await appendOnly(db, 'assistance_survey_count');
	await appendOnly(db, 'assistance_payment');
}
