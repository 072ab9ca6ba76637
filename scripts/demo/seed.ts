// Migrates the database DATABASE_URL names (it must be set) and adds the demo association
// of scripts/demo/data.ts to it. Everything goes through the domain functions, as if the people
// had clicked, so every rule holds and the audit log tells the story. Does nothing if the demo
// association is already there.
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import {
	acceptInvitation,
	addMemberWithoutAccount,
	changeMemberRole,
	createAssociation,
	createInvitation,
	getAssociationBySlug,
	listMembers,
	loadAssociationContext,
	updateMemberDetails,
	type AssociationContext
} from '$lib/server/associations';
import { draftKindLabel, roleWithOffice } from '$lib/labels';
import { registerUser } from '$lib/server/auth/users';
import { createUpdateStore } from '$lib/server/collab';
import { createDb, migrateToLatest, printableUrl, writeTx, type DB } from '$lib/server/db';
import type { Draft, Invitation, Role, User } from '$lib/server/db/schema';
import {
	addCoAuthor,
	createDraft,
	freezeVersion,
	getVersion,
	loadDraftState,
	saveVersion,
	type VersionInfo
} from '$lib/server/drafts';
import { DomainError } from '$lib/server/errors';
import {
	DEMO_ACCOUNTS,
	DEMO_ASSOCIATION,
	DEMO_OPEN_INVITATION,
	DEMO_PASSWORD,
	DEMO_PLAN,
	DEMO_RULE,
	DEMO_WITHOUT_ACCOUNT,
	FOUNDER,
	PLAN_FIRST_PROPOSAL,
	PLAN_LINES,
	PLAN_TOTALS,
	REGISTRAR,
	type DemoVersion
} from './data';
import {
	budgetLines,
	checkDocument,
	checkTotals,
	earlierLines,
	firstDocument,
	projectState,
	revisedDocument
} from './drafts';
import { getRuleSet, updateSettings } from '$lib/server/voting';
import { seedDebates } from './debates';
import { seedVotes } from './votes';
import { seedAssemblies } from './assemblies';
import { seedRegister } from './register';
import { approvePlan, closeQuarter, seedMoney } from './money';
import { assistFamilies, hireAndContract } from './assistance';
import type { DemoState, SeededDraft } from './state';

export { DEMO_PASSWORD } from './data';

/** A rule refused the demo data, typically because the database is not a fresh one. */
class SeedRefused extends Error {}

/** A domain error's message keys, which say what rule the seed broke. */
function explain(err: unknown): string {
	if (!(err instanceof DomainError)) return String((err as Error)?.message ?? err);
	const fields = Object.entries(err.fields).map(([field, ref]) => `${field} ${ref.key}`);
	return [err.messageRef.key, ...fields].join(', ');
}

async function contextOf(demo: DemoState, username: string): Promise<AssociationContext> {
	const ctx = await loadAssociationContext(demo.db, demo.slug, demo.users.get(username)!);
	if (!ctx) throw new Error(`association ${demo.slug} vanished during the seed`);
	return ctx;
}

/** Everyone with an account joins by invitation, as in the founding assembly; leaders as members. */
async function joinByInvitation(demo: DemoState): Promise<void> {
	const founder = await contextOf(demo, FOUNDER);
	const byRole = new Map<Role, string[]>();
	for (const account of DEMO_ACCOUNTS) {
		if (account.username === FOUNDER) continue;
		const role = account.role === 'leader' ? 'member' : account.role;
		byRole.set(role, [...(byRole.get(role) ?? []), account.username]);
	}
	for (const [role, usernames] of byRole) {
		const invitation = await createInvitation(demo.db, founder, {
			role,
			days: 7,
			max_uses: usernames.length
		});
		for (const username of usernames) {
			const { member } = await acceptInvitation(
				demo.db,
				demo.users.get(username)!,
				demo.slug,
				invitation.code
			);
			demo.members.set(username, member);
		}
	}
}

/** The assembly elected the board (directorio); the presidenta records each seat. */
async function appointBoard(demo: DemoState): Promise<void> {
	const founder = await contextOf(demo, FOUNDER);
	for (const account of DEMO_ACCOUNTS) {
		if (account.username === FOUNDER) continue;
		// Leaders take their seat; a member may hold an office too (the vigilance committee).
		if (account.role !== 'leader' && !account.office) continue;
		if (account.role !== 'leader' && account.role !== 'member') continue;
		const member = demo.members.get(account.username)!;
		demo.members.set(
			account.username,
			await changeMemberRole(demo.db, founder, member.id, {
				role: account.role,
				office: account.office
			})
		);
	}
}

/**
 * The Reglamento Interno in force from the start: the typical rules, and Art. 24, a household in
 * arrears with its counterpart is not habilitado to vote.
 */
async function adoptReglamento(demo: DemoState): Promise<void> {
	const founder = await contextOf(demo, FOUNDER);
	const rules = await getRuleSet(demo.db, founder.association.id);
	await updateSettings(demo.db, founder, {
		rules: { ...rules, arrearsDisqualify: true },
		registerPublic: founder.association.register_public === 1
	});
}

/** Households without a phone of their own: the secretaria de actas registers them. */
async function registerWithoutAccount(demo: DemoState): Promise<void> {
	const registrar = await contextOf(demo, REGISTRAR);
	for (const person of DEMO_WITHOUT_ACCOUNT) {
		await addMemberWithoutAccount(demo.db, registrar, person);
	}
}

/** The secretaria de actas writes each household's cédula and community in the register. */
async function recordMemberDetails(demo: DemoState): Promise<void> {
	const registrar = await contextOf(demo, REGISTRAR);
	for (const account of DEMO_ACCOUNTS) {
		if (!account.id_number && !account.community) continue;
		// The founder became a member by creating the association, not by invitation.
		const member =
			demo.members.get(account.username) ?? (await contextOf(demo, account.username)).member;
		if (!member) continue;
		demo.members.set(
			account.username,
			await updateMemberDetails(demo.db, registrar, member.id, {
				name: member.name,
				id_number: account.id_number,
				community: account.community,
				household: member.household
			})
		);
	}
}

async function openInvitation(demo: DemoState): Promise<void> {
	const founder = await contextOf(demo, FOUNDER);
	demo.openInvitation = await createInvitation(demo.db, founder, DEMO_OPEN_INVITATION);
}

/** Stores one edit of a draft's live document as the collaboration server does. */
async function storeEdit(demo: DemoState, draft: Draft, update: Uint8Array): Promise<void> {
	const store = createUpdateStore(demo.db);
	await store.append(draft.id, update);
	await store.touch(draft.id, draft.title);
}

async function saveDemoVersion(
	demo: DemoState,
	draft: Draft,
	version: DemoVersion
): Promise<VersionInfo> {
	const saved = await saveVersion(demo.db, await contextOf(demo, version.by), draft.id, {
		label: version.label
	});
	if (!version.frozenBy) return saved;
	return freezeVersion(demo.db, await contextOf(demo, version.frozenBy), draft.id, saved.number);
}

/**
 * The facilitator writes the Plan de Alianza's investment plan and saves it; the board revises it
 * after the seed vote (domain.md's version 2) and the presidenta freezes that for the assembly.
 */
async function draftInvestmentPlan(demo: DemoState): Promise<void> {
	const ids = new Map<string, string>();
	const first = budgetLines(earlierLines(PLAN_LINES, PLAN_FIRST_PROPOSAL), ids);
	const revised = budgetLines(PLAN_LINES, ids);
	const draft = await createDraft(demo.db, await contextOf(demo, DEMO_PLAN.author), {
		kind: 'investment_plan',
		title: DEMO_PLAN.title
	});
	await storeEdit(demo, draft, firstDocument(DEMO_PLAN, first));
	const v1 = await saveDemoVersion(demo, draft, DEMO_PLAN.versions[0]);
	const saved = await getVersion(demo.db, await contextOf(demo, FOUNDER), draft.id, v1.number);
	checkDocument("the plan's first version", saved.document, DEMO_PLAN, false, first);

	await storeEdit(
		demo,
		draft,
		revisedDocument(await loadDraftState(demo.db, draft.id), DEMO_PLAN, revised)
	);
	const live = projectState(await loadDraftState(demo.db, draft.id));
	checkDocument('the revised plan', live, DEMO_PLAN, true, revised);
	checkTotals('the revised plan does not add up to domain.md', live.totals, PLAN_TOTALS);
	const v2 = await saveDemoVersion(demo, draft, DEMO_PLAN.versions[1]);
	demo.drafts.push({ draft, versions: [v1, v2] });
}

/**
 * The secretaria de actas drafts changes to the Reglamento Interno and saves them; the presidente
 * of control social, added as co-author, writes one more article.
 */
async function draftRule(demo: DemoState): Promise<void> {
	const author = await contextOf(demo, DEMO_RULE.author);
	const draft = await createDraft(demo.db, author, { kind: 'rule', title: DEMO_RULE.title });
	await storeEdit(demo, draft, firstDocument(DEMO_RULE));
	const version = await saveDemoVersion(demo, draft, DEMO_RULE.version);
	await addCoAuthor(demo.db, author, draft.id, demo.members.get(DEMO_RULE.coAuthor)!.id);
	await storeEdit(demo, draft, revisedDocument(await loadDraftState(demo.db, draft.id), DEMO_RULE));
	checkDocument('the rule', projectState(await loadDraftState(demo.db, draft.id)), DEMO_RULE, true);
	demo.drafts.push({ draft, versions: [version] });
}

/**
 * The association votes: the plan's budget and a rule are open, the technician is being hired,
 * and the last assembly's decisions are closed with their results (scripts/demo/votes.ts).
 */
async function decideByVote(demo: DemoState): Promise<void> {
	const plan = demo.drafts.find((d) => d.draft.kind === 'investment_plan')!;
	const frozen = plan.versions.find((v) => v.frozen)!;
	const association = (await getAssociationBySlug(demo.db, demo.slug))!;
	const everyone = await listMembers(demo.db, association.id);
	const withoutAccount = DEMO_WITHOUT_ACCOUNT.map((person) =>
		everyone.find((m) => m.name === person.name && m.user_id === null)!
	);
	await seedVotes(
		{
			db: demo.db,
			ctxOf: (username) => contextOf(demo, username),
			members: demo.members,
			plan: { draft: plan.draft, frozenVersion: frozen.number }
		},
		withoutAccount
	);
}

/** The register's older decisions, over two years: before the votes below, so first in the chain. */
async function recordEarlierDecisions(demo: DemoState): Promise<void> {
	await seedRegister({
		db: demo.db,
		ctxOf: (username) => contextOf(demo, username),
		voters: DEMO_ACCOUNTS.filter((a) => a.role === 'leader' || a.role === 'member').map(
			(a) => a.username
		)
	});
}

/** This morning's assembly, closed with its acta, and the next one convened (scripts/demo/assemblies.ts). */
async function holdAssemblies(demo: DemoState): Promise<void> {
	await seedAssemblies({
		db: demo.db,
		ctxOf: (username) => contextOf(demo, username),
		contractId: demo.contractId!
	});
}

function moneyDemo(demo: DemoState) {
	const plan = demo.drafts.find((d) => d.draft.kind === 'investment_plan')!;
	return {
		db: demo.db,
		ctxOf: (username: string) => contextOf(demo, username),
		plan: { draft: plan.draft, frozenVersion: plan.versions.find((v) => v.frozen)!.number }
	};
}

/** The plan approved by consensus in the assembly of July (scripts/demo/money.ts). */
async function approveInvestmentPlan(demo: DemoState): Promise<void> {
	await approvePlan(moneyDemo(demo));
}

/** The approved plan half executed, with receipts (scripts/demo/money.ts). */
async function executePlan(demo: DemoState): Promise<void> {
	await seedMoney(moneyDemo(demo));
}

/** The dairy technician hired by raised hands in August, and his contract (scripts/demo/assistance.ts). */
async function hireTechnician(demo: DemoState): Promise<void> {
	demo.contractId = await hireAndContract({ db: demo.db, ctxOf: (u) => contextOf(demo, u) });
}

/** Three months of visits, confirmed by the families, surveyed, approved and paid. */
async function assistTheFamilies(demo: DemoState): Promise<void> {
	await assistFamilies({ db: demo.db, ctxOf: (u) => contextOf(demo, u) }, demo.contractId!);
}

/** The reports of the quarter reviewed and the second tranche requested (scripts/demo/money.ts). */
async function closeTheQuarter(demo: DemoState): Promise<void> {
	await closeQuarter(moneyDemo(demo));
}

/** The parts of the demo, in order; a later feature appends its own step. */
const STEPS: ((demo: DemoState) => Promise<void>)[] = [
	joinByInvitation,
	appointBoard,
	adoptReglamento,
	registerWithoutAccount,
	recordMemberDetails,
	openInvitation,
	draftInvestmentPlan,
	draftRule,
	seedDebates,
	recordEarlierDecisions,
	approveInvestmentPlan,
	// The months since the plan's approval, before this morning: the register keeps its order.
	hireTechnician,
	executePlan,
	assistTheFamilies,
	closeTheQuarter,
	// This morning's assembly changed a rule (rules.ts): the votes open now follow it.
	holdAssemblies,
	decideByVote
];

export interface SeedResult {
	slug: string;
	openInvitation: Invitation | undefined;
	drafts: SeededDraft[];
}

/**
 * Adds the demo association in one write transaction, so a failure leaves nothing behind.
 * Returns undefined, changing nothing, when the association already exists.
 */
export async function seedDemo(db: Kysely<DB>): Promise<SeedResult | undefined> {
	return writeTx(db, async (tx) => {
		if (await getAssociationBySlug(tx, DEMO_ASSOCIATION.slug)) return undefined;
		const users = new Map<string, User>();
		for (const account of DEMO_ACCOUNTS) {
			const user = await registerUser(tx, {
				username: account.username,
				display_name: account.name,
				password: DEMO_PASSWORD
			}).catch((err: unknown) => {
				if (!(err instanceof DomainError)) throw err;
				throw new SeedRefused(`cannot register ${account.username}: ${explain(err)}`);
			});
			users.set(account.username, user);
		}
		const association = await createAssociation(tx, users.get(FOUNDER)!, DEMO_ASSOCIATION);
		const demo: DemoState = {
			db: tx,
			slug: association.slug,
			users,
			members: new Map(),
			drafts: []
		};
		for (const step of STEPS) await step(demo);
		return { slug: demo.slug, openInvitation: demo.openInvitation, drafts: demo.drafts };
	});
}

/** The account's role and office in the catalogue's words ("Dirigente · Presidente/a"). */
function describe(account: (typeof DEMO_ACCOUNTS)[number]): string {
	const role = roleWithOffice(account.role, account.office ?? null);
	return account.note ? `${role} (${account.note})` : role;
}

function printAccounts(result: SeedResult): void {
	const households = DEMO_ACCOUNTS.filter((a) => a.role === 'leader' || a.role === 'member');
	console.log(
		`${households.length + DEMO_WITHOUT_ACCOUNT.length} households: ${households.length} with an` +
			` account, ${DEMO_WITHOUT_ACCOUNT.length} without; plus` +
			` ${DEMO_ACCOUNTS.length - households.length} accounts that never vote.`
	);
	console.log(`\nDemo accounts, all with the password  ${DEMO_PASSWORD}\n`);
	const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.username.length)) + 2;
	const nameWidth = Math.max(...DEMO_ACCOUNTS.map((a) => a.name.length)) + 2;
	for (const account of DEMO_ACCOUNTS) {
		console.log(
			`  ${account.username.padEnd(width)}${account.name.padEnd(nameWidth)}${describe(account)}`
		);
	}
	if (result.openInvitation) {
		console.log(
			`\nOpen invitation for members: /a/${result.slug}/join/${result.openInvitation.code}`
		);
	}
	if (result.drafts.length) console.log('\nDrafts:');
	for (const { draft, versions } of result.drafts) {
		const frozen = versions.filter((v) => v.frozen).map((v) => v.number);
		const saved = `${versions.length} version${versions.length === 1 ? '' : 's'}`;
		console.log(
			`  /a/${result.slug}/drafts/${draft.id}  ${draft.title} (${draftKindLabel(draft.kind)},` +
				` ${saved}${frozen.length ? `, frozen: ${frozen.join(', ')}` : ''})`
		);
	}
}

async function main(): Promise<void> {
	// The demo accounts share a published password: never seed a database nobody named on purpose.
	const url = process.env.DATABASE_URL;
	if (!url) {
		console.error('Set DATABASE_URL to the database to seed, e.g. DATABASE_URL=./data/demo.db');
		process.exitCode = 2;
		return;
	}
	const db = createDb(url);
	try {
		await migrateToLatest(db);
		const result = await seedDemo(db);
		if (!result) {
			console.log(
				`The demo association "${DEMO_ASSOCIATION.slug}" already exists in ${printableUrl(url)}:` +
					' nothing changed. Delete the database to seed it afresh.'
			);
			return;
		}
		console.log(`Seeded ${DEMO_ASSOCIATION.name} at /a/${result.slug} in ${printableUrl(url)}.`);
		printAccounts(result);
	} catch (err) {
		const expected = err instanceof SeedRefused || err instanceof DomainError;
		console.error('Seeding failed; nothing was added.', expected ? explain(err) : err);
		process.exitCode = 1;
	} finally {
		await db.destroy();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
