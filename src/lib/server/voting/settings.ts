import {
	actingUser,
	authorize,
	recordAudit,
	setRegisterPublic,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { invalid } from '$lib/server/errors';
import { checked, parseRulesForm, readRules, type RuleSet } from '$lib/voting/rule-set';

/** The association's rule set; the typical statutes until its leaders change it. */
export async function getRuleSet(db: Db, associationId: number): Promise<RuleSet> {
	const row = await db
		.selectFrom('rule_set')
		.select('rules')
		.where('association_id', '=', associationId)
		.executeTakeFirst();
	return readRules(row?.rules);
}

/**
 * Replaces the rule set and the register's visibility from the settings form; leaders only.
 * Votes already created keep the copy of the rules they were created under.
 */
export async function updateSettings(
	db: Db,
	ctx: AssociationContext,
	form: Record<string, string>
): Promise<RuleSet> {
	authorize(ctx.actor, 'settings.manage');
	const user = actingUser(ctx);
	const parsed = parseRulesForm(form);
	if ('errors' in parsed) throw invalid(parsed.errors);
	const registerPublic = checked(form.register_public);
	const rules = parsed.rules;
	const json = JSON.stringify(rules);
	const now = Date.now();
	await writeTx(db, async (tx) => {
		await tx
			.insertInto('rule_set')
			.values({
				association_id: ctx.association.id,
				rules: json,
				updated_by: user.id,
				updated_at: now
			})
			.onConflict((oc) =>
				oc
					.column('association_id')
					.doUpdateSet({ rules: json, updated_by: user.id, updated_at: now })
			)
			.execute();
		await setRegisterPublic(tx, ctx, registerPublic);
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'rules.updated',
			details: { rules, register_public: registerPublic }
		});
	});
	return rules;
}
