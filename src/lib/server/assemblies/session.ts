// The assembly in session: installed once the quorum is met, with the rules in force frozen,
// and closed, which numbers the acta (Nº n/aaaa) and keeps the register's head at that moment.
import type { AssociationContext } from '$lib/server/associations';
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { Assembly } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { decisionYear, getRegisterHead } from '$lib/server/record/register';
import { getRuleSet } from '$lib/server/voting';
import type { QuorumCount } from '$lib/assemblies/quorum';
import { EARLY_REASON_MAX } from '$lib/assemblies/limits';
import { auditAssembly, runningAssembly } from './assemblies';
import { listPoints } from './agenda';
import { assemblyQuorum } from './attendance';

/**
 * Installs the assembly once the quorum is met, freezing the rules in force; leaders only. Not
 * before the hour of its first call, as convened, unless `earlyReason` says why (it is kept and
 * printed on the acta).
 */
export async function startAssembly(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now(),
	earlyReason = ''
): Promise<QuorumCount> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'convened') throw new DomainError('conflict', 'error_assembly_started');
	const reason = now < assembly.first_call_at ? cleanLine(earlyReason) : '';
	if (now < assembly.first_call_at && !reason)
		throw new DomainError('conflict', 'error_assembly_before_call', {
			early_reason: 'error_assembly_early_reason'
		});
	if (reason.length > EARLY_REASON_MAX)
		throw invalid({
			early_reason: tooLong(EARLY_REASON_MAX)
		});
	return writeTx(db, async (tx) => {
		const quorum = await assemblyQuorum(tx, assembly, now);
		if (!quorum.met)
			throw new DomainError('conflict', {
				key: 'error_assembly_no_quorum',
				params: { total: quorum.total, required: quorum.required }
			});
		const first = (await listPoints(tx, assembly.id))[0];
		const rules = await getRuleSet(tx, assembly.association_id);
		await tx
			.updateTable('assembly')
			.set({
				rules: JSON.stringify(rules),
				status: 'in_session',
				call: quorum.call,
				started_at: now,
				early_reason: reason || null,
				current_point_id: first?.id ?? null,
				updated_at: now
			})
			.where('id', '=', assembly.id)
			.where('status', '=', 'convened')
			.execute();
		await auditAssembly(tx, ctx, 'assembly.started', assembly, {
			call: quorum.call,
			...(reason ? { early_reason: reason } : {}),
			present: quorum.present,
			represented: quorum.represented
		});
		return quorum;
	});
}

/**
 * Closes the assembly; leaders only. Votes it opened must be closed first. The acta gets the next
 * number of the year and the register's head as it stands, which the acta prints.
 */
export async function closeAssembly(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<Assembly> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_not_in_session');
	try {
		return await writeTx(db, async (tx) => {
			const open = await tx
				.selectFrom('vote')
				.select('id')
				.where('assembly_id', '=', assembly.id)
				.where('status', 'in', ['preparing', 'open'])
				.executeTakeFirst();
			if (open) throw new DomainError('conflict', 'error_assembly_votes_open');
			const quorum = await assemblyQuorum(tx, assembly, now);
			const year = decisionYear(now);
			const last = await tx
				.selectFrom('assembly')
				.select((eb) => eb.fn.max('acta_number').as('n'))
				.where('association_id', '=', ctx.association.id)
				.where('acta_year', '=', year)
				.executeTakeFirst();
			const head = await getRegisterHead(tx, ctx.association.id);
			const closed = await tx
				.updateTable('assembly')
				.set({
					status: 'closed',
					ended_at: now,
					acta_number: Number(last?.n ?? 0) + 1,
					acta_year: year,
					head_seq: head.seq,
					head_hash: head.hash,
					closing_quorum: JSON.stringify(quorum),
					current_point_id: null,
					updated_at: now
				})
				.where('id', '=', assembly.id)
				.where('status', '=', 'in_session')
				.returningAll()
				.executeTakeFirst();
			if (!closed) throw new DomainError('conflict', 'error_assembly_not_in_session');
			await auditAssembly(tx, ctx, 'assembly.closed', assembly, {
				acta: `${closed.acta_number}/${year}`,
				head: head.hash
			});
			return closed;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new DomainError('conflict', 'error_assembly_not_in_session');
		throw err;
	}
}
