import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

// Named, immutable snapshots of a draft. A vote shows a frozen version and the register records
// its hash, so the database itself refuses to change one: the only UPDATE allowed is freezing
// (frozen 0 → 1 with its time) and the author's account being erased (created_by → NULL, the
// foreign key's own action); no DELETE, except the cascade when the whole draft is deleted.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.createTable('draft_version')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('draft_id', 'integer', (c) => c.notNull().references('draft.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('state', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('content_hash', 'text', (c) => c.notNull())
		.addColumn('frozen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('frozen_at', 'bigint')
		.addUniqueConstraint('draft_version_number_unique', ['draft_id', 'number'])
		.addCheckConstraint(
			'draft_version_frozen_check',
			sql`(frozen = 0 and frozen_at is null) or (frozen = 1 and frozen_at is not null)`
		)
		.execute();

	if (pg) {
		await sql`
			create function draft_version_guard() returns trigger language plpgsql as $$
			begin
				if tg_op = 'DELETE' then
					if exists (select 1 from draft where id = old.draft_id) then
						raise exception 'draft_version % is immutable: it cannot be deleted', old.id
							using errcode = 'integrity_constraint_violation';
					end if;
					return old;
				end if;
				if new.id is distinct from old.id
					or new.draft_id is distinct from old.draft_id
					or new.number is distinct from old.number
					or new.label is distinct from old.label
					or new.state is distinct from old.state
					or new.content is distinct from old.content
					or new.content_hash is distinct from old.content_hash
					or new.created_at is distinct from old.created_at
					or (new.created_by is distinct from old.created_by and new.created_by is not null)
					or ((new.frozen, new.frozen_at) is distinct from (old.frozen, old.frozen_at)
						and not (old.frozen = 0 and new.frozen = 1))
				then
					raise exception 'draft_version % is immutable: only freezing it is allowed', old.id
						using errcode = 'integrity_constraint_violation';
				end if;
				return new;
			end
			$$`.execute(db);
		await sql`
			create trigger draft_version_immutable before update or delete on draft_version
			for each row execute function draft_version_guard()`.execute(db);
		await sql`
			create function draft_version_no_truncate() returns trigger language plpgsql as $$
			begin
				raise exception 'draft_version is immutable: it cannot be truncated'
					using errcode = 'integrity_constraint_violation';
			end
			$$`.execute(db);
		await sql`
			create trigger draft_version_no_truncate before truncate on draft_version
			for each statement execute function draft_version_no_truncate()`.execute(db);
		return;
	}

	await sql`
		create trigger draft_version_no_update before update on draft_version
		when not (
			new.id is old.id
			and new.draft_id is old.draft_id
			and new.number is old.number
			and new.label is old.label
			and new.state is old.state
			and new.content is old.content
			and new.content_hash is old.content_hash
			and new.created_at is old.created_at
			and (new.created_by is old.created_by or new.created_by is null)
			and ((new.frozen is old.frozen and new.frozen_at is old.frozen_at)
				or (old.frozen = 0 and new.frozen = 1))
		)
		begin
			select raise(abort, 'draft_version is immutable: only freezing it is allowed');
		end`.execute(db);
	await sql`
		create trigger draft_version_no_delete before delete on draft_version
		when exists (select 1 from draft where id = old.draft_id)
		begin
			select raise(abort, 'draft_version is immutable: it cannot be deleted');
		end`.execute(db);
}
