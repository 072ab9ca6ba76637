// The association's accounts: its bank account(s) and its cash box. Balances are the running
// totals kept with each movement (./totals.ts; $lib/money/ledger.ts does the arithmetic).
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { MoneyAccount } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { ACCOUNT_NAME_MAX, isAccountKind, type AccountKind } from '$lib/money/vocabulary';
import { readTotals } from './totals';

export interface AccountInput {
	kind: AccountKind;
	name: string;
}

export function readAccountForm(form: Record<string, string>): AccountInput {
	const name = cleanLine(form.name);
	const fields: Record<string, string> = {};
	if (!isAccountKind(form.kind)) fields.kind = 'error_choice';
	if (!name) fields.name = 'error_money_account_name';
	else if (name.length > ACCOUNT_NAME_MAX) fields.name = 'error_money_account_name';
	if (Object.keys(fields).length) throw invalid(fields);
	return { kind: form.kind as AccountKind, name };
}

export async function createAccount(
	db: Db,
	ctx: AssociationContext,
	input: AccountInput,
	now = Date.now()
): Promise<MoneyAccount> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const account = await tx
			.insertInto('money_account')
			.values({
				association_id: ctx.association.id,
				kind: input.kind,
				name: input.name,
				created_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow()
			.catch((err: unknown) => {
				if (isUniqueViolation(err))
					throw new DomainError('conflict', 'error_money_account_exists', {
						name: 'error_money_account_exists'
					});
				throw err;
			});
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.account_created',
			subject: input.name,
			at: now
		});
		return account;
	});
}

export interface AccountBalance {
	id: number;
	kind: AccountKind;
	name: string;
	/** Centavos. */
	balance: number;
}

/** Each account with its balance: incomes in, expenses and transfers out, transfers in. */
export async function listAccounts(db: Db, associationId: number): Promise<AccountBalance[]> {
	const accounts = await db
		.selectFrom('money_account')
		.select(['id', 'kind', 'name'])
		.where('association_id', '=', associationId)
		.orderBy('kind')
		.orderBy('name')
		.execute();
	const balances = await accountBalances(db, associationId);
	return accounts.map((a) => ({ ...a, balance: balances.get(a.id) ?? 0 }));
}

/** Balances from the running totals, so the cost does not grow with the ledger. */
export async function accountBalances(db: Db, associationId: number): Promise<Map<number, number>> {
	const totals = await readTotals(db, associationId, 'a:');
	return new Map([...totals].map(([key, t]) => [Number(key.slice(2)), t.total]));
}

/** A boolean from SQL: 1 on SQLite, true on PostgreSQL. */
export function isForward(v: unknown): boolean {
	return v === true || v === 1 || v === '1';
}
