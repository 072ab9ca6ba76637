// Rule changes by vote (issue 15): the leaders set the rules alone only before the first recorded
// decision; after that a change is a motion under the statute majority, in force once approved
// (for the next vote, never for one already open); an assembly keeps the rules it was installed
// with, and a change approved in it applies from the next point; a winning amendment of the
// reglamento is written into its text as a frozen version the register entry names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AssociationContext } from '$lib/server/associations';
import { changeDraftDocument } from '$lib/server/collab';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import {
	createDraft,
	freezeVersion,
	getDraftDocument,
	listEnactments,
	saveVersion
} from '$lib/server/drafts';
import { proposeAmendment } from '$lib/server/deliberation';
import { bodyText } from '$lib/drafts/document';
import { sha256Hex } from '$lib/canonical';
import type { RegisterEntry } from '$lib/record/chain';
import { localDateTimeInput } from '$lib/format';
import {
	addPoint,
	assemblyQuorum,
	confirmPointHandCount,
	conveneAssembly,
	enterPointHandCount,
	getActa,
	getAssembly,
	linkPointVote,
	markAttendance,
	openPointVote,
	startAssembly
} from '$lib/server/assemblies';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	addAmendmentAlternative,
	cancelVote,
	castBallot,
	closeVote,
	createVote,
	DEFAULT_RULES,
	getRuleSet,
	getVote,
	getVotePage,
	listRuleChanges,
	openVote,
	proposeRuleChange,
	updateSettings
} from './index';

let t: TestDb;
let fx: Fixture;
let members: { ctx: AssociationContext }[];
let secretary: { ctx: AssociationContext };

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	secretary = await addMember(t.db, fx, 'leader', 'secretario_actas');
	members = [];
	for (let i = 0; i < 4; i++) members.push(await addMember(t.db, fx, 'member'));
});
afterEach(async () => t.close());

/** The rules a new association starts with, and a public register. */
const SETTINGS = { rules: DEFAULT_RULES, registerPublic: true };

/** Everyone votes (leader, secretary and four members: six electors); `yes` of them say yes. */
async function voteAll(voteId: number, yes: number) {
	const all = [fx.leaderCtx, secretary.ctx, ...members.map((m) => m.ctx)];
	for (const [i, ctx] of all.entries())
		await castBallot(t.db, ctx, voteId, { answer: i < yes ? 'yes' : 'no' });
}

async function entryOf(voteId: number): Promise<RegisterEntry> {
	const row = await t.db
		.selectFrom('decision')
		.select('entry')
		.where('vote_id', '=', voteId)
		.executeTakeFirstOrThrow();
	return JSON.parse(row.entry) as RegisterEntry;
}

/** A first decision in the register: an ordinary question approved online. */
async function firstDecision() {
	const vote = await createVote(t.db, fx.leaderCtx, { title: '¿Compramos el tanque de frío?' });
	await openVote(t.db, fx.leaderCtx, vote.id);
	await voteAll(vote.id, 6);
	await closeVote(t.db, fx.leaderCtx, vote.id);
}

describe('who changes the rules', () => {
	it('a new association sets them directly; after its first decision a leader cannot alone', async () => {
		await updateSettings(t.db, fx.leaderCtx, {
			...SETTINGS,
			rules: { ...DEFAULT_RULES, secondCallWaitMinutes: 45 }
		});
		expect((await getRuleSet(t.db, fx.leaderCtx.association.id)).secondCallWaitMinutes).toBe(45);
		await firstDecision();
		const refused = await rejection(
			updateSettings(t.db, fx.leaderCtx, {
				...SETTINGS,
				rules: { ...DEFAULT_RULES, quorumSecondCall: 'present' }
			})
		);
		expect(refused.code).toBe('conflict');
		expect(refused.messageRef.key).toBe('error_rules_by_vote');
		const rules = await getRuleSet(t.db, fx.leaderCtx.association.id);
		expect(rules.quorumSecondCall).toBe('third');
		expect(rules.secondCallWaitMinutes).toBe(45);
	});

	it('bad proposals are refused: a value outside the allowed ones, nothing changed, no right, a parameter already pending', async () => {
		await firstDecision();
		const outside = await rejection(
			proposeRuleChange(t.db, fx.leaderCtx, { values: { quorumSecondCall: 'a_few' } })
		);
		expect(outside.code).toBe('invalid');
		expect(outside.fields.quorum_second_call.key).toBe('error_choice');
		const number = await rejection(
			proposeRuleChange(t.db, fx.leaderCtx, { values: { proxiesPerHolder: 9 } })
		);
		expect(number.fields.proxies_per_holder.key).toBe('error_rules_number');
		const same = await rejection(
			proposeRuleChange(t.db, fx.leaderCtx, { values: { quorumSecondCall: 'third' } })
		);
		expect(same.messageRef.key).toBe('error_rule_change_nothing');
		const member = await rejection(
			proposeRuleChange(t.db, members[0].ctx, { values: { quorumSecondCall: 'half_plus_one' } })
		);
		expect(member.code).toBe('forbidden');

		const first = await proposeRuleChange(t.db, fx.leaderCtx, {
			values: { quorumSecondCall: 'half_plus_one' },
			articles: { quorumSecondCall: 'Art. 14' }
		});
		expect(first.changes).toEqual([
			{ param: 'quorumSecondCall', from: 'third', to: 'half_plus_one', article: 'Art. 14' }
		]);
		expect(first.vote.decision_kind).toBe('statute');
		const twice = await rejection(
			proposeRuleChange(t.db, fx.leaderCtx, {
				values: { quorumSecondCall: 'quarter', tieBreak: 'lot' }
			})
		);
		expect(twice.code).toBe('conflict');
		expect(twice.messageRef.key).toBe('error_rule_change_pending');
		// Another parameter may be proposed meanwhile; a cancelled proposal frees its parameter.
		await proposeRuleChange(t.db, fx.leaderCtx, { values: { tieBreak: 'lot' } });
		await cancelVote(t.db, fx.leaderCtx, first.vote.id);
		await proposeRuleChange(t.db, fx.leaderCtx, { values: { quorumSecondCall: 'quarter' } });
		// Nothing was put in force by proposing.
		expect((await getRuleSet(t.db, fx.leaderCtx.association.id)).quorumSecondCall).toBe('third');
	});
});

describe('an approved change', () => {
	it('is in force for the next vote and not for one already open; the entry has the rules before and after', async () => {
		await firstDecision();
		const open = await createVote(t.db, fx.leaderCtx, { title: '¿Cambiamos de acopiador?' });
		await openVote(t.db, fx.leaderCtx, open.id);
		const { vote } = await proposeRuleChange(t.db, fx.leaderCtx, {
			values: { 'thresholds.ordinary': 'two_thirds' },
			articles: { 'thresholds.ordinary': 'Art. 22' }
		});
		await openVote(t.db, fx.leaderCtx, vote.id);
		// The statute majority of the rules in force: two thirds. Four of six is enough.
		await voteAll(vote.id, 4);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		expect((await getVote(t.db, fx.leaderCtx, vote.id)).status).toBe('closed');
		const rules = await getRuleSet(t.db, fx.leaderCtx.association.id);
		expect(rules.thresholds.ordinary).toBe('two_thirds');

		const entry = await entryOf(vote.id);
		expect(entry.outcome).toBe('approved');
		expect(entry.rule_change?.changes).toEqual([
			{ param: 'thresholds.ordinary', from: 'simple', to: 'two_thirds', article: 'Art. 22' }
		]);
		expect(entry.rule_change?.before).toMatchObject({ thresholds: { ordinary: 'simple' } });
		expect(entry.rule_change?.after).toMatchObject({ thresholds: { ordinary: 'two_thirds' } });
		const [change] = await listRuleChanges(t.db, fx.leaderCtx);
		expect(change).toMatchObject({ status: 'approved', decisionSeq: entry.seq });

		// The vote already open keeps its rules: 4 of 6 passes by simple majority.
		expect((await getVotePage(t.db, fx.leaderCtx, open.id)).vote.rules.thresholds.ordinary).toBe(
			'simple'
		);
		await voteAll(open.id, 4);
		await closeVote(t.db, fx.leaderCtx, open.id);
		expect((await entryOf(open.id)).outcome).toBe('approved');
		// The next one opens under the new rules: 3 of 6 is not two thirds.
		const next = await createVote(t.db, fx.leaderCtx, { title: '¿Compramos una picadora?' });
		await openVote(t.db, fx.leaderCtx, next.id);
		expect((await getVotePage(t.db, fx.leaderCtx, next.id)).vote.rules.thresholds.ordinary).toBe(
			'two_thirds'
		);
		await voteAll(next.id, 4);
		await closeVote(t.db, fx.leaderCtx, next.id);
		expect((await entryOf(next.id)).outcome).toBe('approved');
	});

	it('a change without two thirds is not in force', async () => {
		await firstDecision();
		const { vote } = await proposeRuleChange(t.db, fx.leaderCtx, { values: { tieBreak: 'lot' } });
		await openVote(t.db, fx.leaderCtx, vote.id);
		await voteAll(vote.id, 3);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		expect((await getRuleSet(t.db, fx.leaderCtx.association.id)).tieBreak).toBe('status_quo');
		expect((await entryOf(vote.id)).outcome).toBe('rejected');
		expect((await listRuleChanges(t.db, fx.leaderCtx))[0].status).toBe('rejected');
	});
});

describe('an assembly', () => {
	const HOUR = 60 * 60 * 1000;
	function callAt(hours: number) {
		const local = localDateTimeInput(Date.now() + hours * HOUR);
		return { kind: 'ordinary', place: 'Sede', date: local.slice(0, 10), time: local.slice(11) };
	}
	async function installed(hours = 2) {
		const assembly = await conveneAssembly(t.db, fx.leaderCtx, callAt(hours));
		for (const ctx of [fx.leaderCtx, secretary.ctx, ...members.map((m) => m.ctx)])
			await markAttendance(t.db, fx.leaderCtx, assembly.id, 'present', {
				member: ctx.member!.id
			});
		// Everyone is there before the hour: installed early, with the reason the acta prints.
		await startAssembly(t.db, fx.leaderCtx, assembly.id, Date.now(), 'Todos llegaron antes');
		return assembly.id;
	}

	it('keeps the rules it was installed with when they change outside it', async () => {
		await firstDecision();
		const assemblyId = await installed();
		const before = await assemblyQuorum(t.db, await getAssembly(t.db, fx.leaderCtx, assemblyId));
		expect(before.requiredSecond).toBe(2);
		// Approved online while the assembly is in session.
		const { vote } = await proposeRuleChange(t.db, fx.leaderCtx, {
			values: { quorumSecondCall: 'half_plus_one' }
		});
		await openVote(t.db, fx.leaderCtx, vote.id);
		await voteAll(vote.id, 6);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		expect((await getRuleSet(t.db, fx.leaderCtx.association.id)).quorumSecondCall).toBe(
			'half_plus_one'
		);
		const after = await assemblyQuorum(t.db, await getAssembly(t.db, fx.leaderCtx, assemblyId));
		expect(after.requiredSecond).toBe(2);
		// The next assembly works under the new rules.
		const next = await conveneAssembly(t.db, fx.leaderCtx, callAt(48));
		expect((await assemblyQuorum(t.db, next)).requiredSecond).toBe(4);
	});

	it('a change approved by hand count in it applies from the next point, and the acta says so', async () => {
		await firstDecision();
		const { vote } = await proposeRuleChange(t.db, fx.leaderCtx, {
			values: { quorumSecondCall: 'half_plus_one' },
			inRoom: true
		});
		const assemblyId = await installed();
		const point = await addPoint(t.db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Reforma del quórum'
		});
		const later = await addPoint(t.db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Turnos de riego'
		});
		await linkPointVote(t.db, fx.leaderCtx, assemblyId, {
			point: point.id,
			vote: vote.id
		});
		await openVote(t.db, fx.leaderCtx, vote.id);
		await enterPointHandCount(t.db, fx.leaderCtx, assemblyId, {
			point: point.id,
			counts: { yes: 5, no: 1, abstain: 0 }
		});
		await confirmPointHandCount(t.db, secretary.ctx, assemblyId, { point: point.id });
		const entry = await entryOf(vote.id);
		expect(entry.kind).toBe('hand_count');
		expect(entry.outcome).toBe('approved');
		expect(entry.rule_change?.after).toMatchObject({ quorumSecondCall: 'half_plus_one' });
		// From the next point on, the assembly works under the new rules.
		const assembly = await getAssembly(t.db, fx.leaderCtx, assemblyId);
		expect((await assemblyQuorum(t.db, assembly)).requiredSecond).toBe(4);
		const voteId = await openPointVote(t.db, fx.leaderCtx, assemblyId, {
			point: later.id,
			method: 'hands'
		});
		expect((await getVotePage(t.db, fx.leaderCtx, voteId)).vote.rules.quorumSecondCall).toBe(
			'half_plus_one'
		);
		const acta = await getActa(t.db, fx.leaderCtx, assemblyId);
		// Installed early: the acta gives the reason beside the rules it was installed with.
		expect(acta.assembly.early_reason).toBe('Todos llegaron antes');
		const decided = acta.points.find((p) => p.id === point.id)!;
		expect(decided.result).toMatchObject({
			kind: 'vote',
			outcome: 'approved',
			rulesChanged: [{ param: 'quorumSecondCall', to: 'half_plus_one' }]
		});
	});
});

describe('the statute as a living text', () => {
	async function reglamento() {
		const draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'rule',
			title: 'Reglamento Interno'
		});
		await changeDraftDocument(t.db, draft.id, (doc) => {
			doc.getMap('meta').set('title', 'Reglamento Interno');
			const body = doc.getXmlFragment('body');
			const texts = [
				'Artículo 1. La asamblea se reúne cada tres meses.',
				'Artículo 2. El socio que no asista pagará una multa de Bs 50.'
			];
			for (const [i, text] of texts.entries()) {
				const paragraph = new Y.XmlElement('paragraph');
				body.insert(i, [paragraph]);
				paragraph.insert(0, [new Y.XmlText(text)]);
			}
		});
		const amendmentId = await proposeAmendment(t.db, members[0].ctx, draft.id, {
			passage: 'una multa de Bs 50',
			proposal: 'una multa de Bs 30',
			body: 'Bs 50 es mucho para las familias.'
		});
		const version = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Para votar' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, version.number);
		const vote = await createVote(t.db, fx.leaderCtx, {
			version: { draftId: draft.id, number: version.number },
			title: 'Art. 2: multa por inasistencia',
			decisionKind: 'statute'
		});
		await addAmendmentAlternative(t.db, fx.leaderCtx, vote.id, amendmentId);
		await openVote(t.db, fx.leaderCtx, vote.id);
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		const [original, amendment] = page.options.map((o) => o.id);
		return { draft, vote, original, amendment, voted: version.number };
	}

	async function castAll(voteId: number, options: number[]) {
		const all = [fx.leaderCtx, secretary.ctx, ...members.map((m) => m.ctx)];
		for (const [i, ctx] of all.entries())
			await castBallot(t.db, ctx, voteId, { option: options[i] ?? options[0] });
	}

	it('a winning amendment is in the text afterwards, in a frozen version whose hash the entry names', async () => {
		const { draft, vote, original, amendment, voted } = await reglamento();
		await castAll(vote.id, [amendment, amendment, amendment, amendment, amendment, original]);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const entry = await entryOf(vote.id);
		expect(entry.enacted).toBeDefined();
		expect(entry.enacted!.version).toBe(voted + 1);
		const row = await t.db
			.selectFrom('draft_version')
			.selectAll()
			.where('draft_id', '=', draft.id)
			.where('number', '=', entry.enacted!.version)
			.executeTakeFirstOrThrow();
		expect(row.frozen).toBe(1);
		expect(row.content_hash).toBe(entry.enacted!.content_hash);
		expect(sha256Hex(row.content)).toBe(row.content_hash);
		expect(row.content).toContain('una multa de Bs 30');
		expect(row.content).not.toContain('una multa de Bs 50');
		// The draft points to it, with the decision that put it in force.
		const [enacted] = await listEnactments(t.db, fx.leaderCtx, draft.id);
		expect(enacted).toMatchObject({ version: voted + 1, decision_seq: entry.seq });
		// And the live draft reads the same.
		const live = await getDraftDocument(t.db, fx.leaderCtx, draft.id);
		expect(bodyText(live.body)).toContain('una multa de Bs 30');
	});

	it('a losing amendment is not written: the voted wording stays in force', async () => {
		const { draft, vote, original, amendment, voted } = await reglamento();
		await castAll(vote.id, [original, original, original, original, amendment, amendment]);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const entry = await entryOf(vote.id);
		expect(entry.enacted).toMatchObject({ version: voted });
		const versions = await t.db
			.selectFrom('draft_version')
			.select('content')
			.where('draft_id', '=', draft.id)
			.execute();
		expect(versions).toHaveLength(1);
		expect(versions.some((v) => v.content.includes('una multa de Bs 30'))).toBe(false);
		const live = await getDraftDocument(t.db, fx.leaderCtx, draft.id);
		expect(bodyText(live.body)).toContain('una multa de Bs 50');
	});
});
