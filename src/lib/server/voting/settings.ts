import {
	actingUser,
	authorize,
	recordAudit,
	setRegisterPublic,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid } from '$lib/server/errors';
import { checked } from '$lib/fields';
import { checkRules, readRules, readRulesForm, type RuleSet } from '$lib/voting/rule-set';

/** The settings page: the rules, and whether anyone may read the register. */
export interface SettingsInput {
	rules: RuleSet;
	registerPublic: boolean;
}

/** Reads the settings form; the rules are checked when they are saved. */
export function readSettingsForm(form: Record<string, string>): SettingsInput {
	return { rules: readRulesForm(form), registerPublic: checked(form.register_public) };
}

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
 * Sets the rule set and the register's visibility; leaders only, and only
 * while the association has no recorded decision: after that, the rules change by vote
 * (proposeRuleChange). Votes already opened keep the copy of the rules they were opened under.
 */
export async function updateSettings(
	db: Db,
	ctx: AssociationContext,
	input: SettingsInput
): Promise<RuleSet> {
	authorize(ctx.actor, 'settings.manage');
	const user = actingUser(ctx);
	if (await hasDecisions(db, ctx.association.id))
		throw new DomainError('conflict', 'error_rules_by_vote');
	const errors = checkRules(input.rules);
	if (Object.keys(errors).length) throw invalid(errors);
	const { registerPublic } = input;
	// Checked: read back through readRules only to keep the stored rules to their known keys.
	const rules = readRules(JSON.stringify(input.rules));
	const json = JSON.stringify(rules);
	const now = Date.now();
	await writeTx(db, async (tx) => {
		if (await hasDecisions(tx, ctx.association.id))
			throw new DomainError('conflict', 'error_rules_by_vote');
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

/** Whether the association's register has any entry yet. */
export async function hasDecisions(db: Db, associationId: number): Promise<boolean> {
	const row = await db
		.selectFrom('decision')
		.select('id')
		.where('association_id', '=', associationId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Makes the register public or private; leaders only (not a rule of decision: no vote needed). */
export async function updateRegisterVisibility(
	db: Db,
	ctx: AssociationContext,
	registerPublic: boolean
): Promise<boolean> {
	authorize(ctx.actor, 'settings.manage');
	await writeTx(db, (tx) => setRegisterPublic(tx, ctx, registerPublic));
	return registerPublic;
}
