// The demo's rules changed by the members' own vote (issue 15), prepared before this morning's
// assembly and decided in it (scripts/demo/assemblies.ts): the presidenta proposes raising the
// second-call quorum of Art. 14 from a third to half plus one, the members argue it in a debate,
// and the assembly approves it by more than two thirds, in force from the next point; then the
// new Reglamento de entrega de leche is voted with a member's amendment to its Art. 3 against the
// original wording, the amendment wins, and Minka writes it into the text in force.
import * as Y from 'yjs';
import type { AssociationContext } from '$lib/server/associations';
import { changeDraftDocument } from '$lib/server/collab';
import type { Db } from '$lib/server/db';
import { addPost, createDebate, proposeAmendment } from '$lib/server/deliberation';
import { createDraft, freezeVersion, saveVersion } from '$lib/server/drafts';
import { addAmendmentAlternative, createVote, proposeRuleChange } from '$lib/server/voting';
import { DELIVERY_RULE, RULE_CHANGE_TITLE } from './data';

export interface RulesDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
}

const DAY = 24 * 60 * 60 * 1000;

/** The proposal and its debate, ten days before the assembly. Returns the vote to link. */
export async function proposeQuorumChange(demo: RulesDemo, assemblyAt: number): Promise<number> {
	const president = await demo.ctxOf('justina.mamani');
	const { vote } = await proposeRuleChange(
		demo.db,
		president,
		{
			values: { quorumSecondCall: 'half_plus_one' },
			articles: { quorumSecondCall: 'Art. 14 del Reglamento Interno' },
			reason:
				'Con un tercio, en la última asamblea decidimos la compra del tanque siete familias de veinticuatro. Queremos que las decisiones se tomen con la mayoría de los socios.',
			inRoom: true
		},
		assemblyAt - 10 * DAY
	);
	const debate = await createDebate(demo.db, president, {
		title: `${RULE_CHANGE_TITLE} (votación ${vote.id})`,
		stance: 'for',
		body: 'Propongo que en segunda convocatoria se necesite la mitad más uno de los socios, como en la primera. Así ninguna decisión grande se toma entre pocos.'
	});
	await addPost(demo.db, await demo.ctxOf('teodoro.montano'), debate.id, {
		stance: 'against',
		body: 'Las familias de Villa Rivero caminan dos horas. Si pedimos la mitad más uno en segunda convocatoria, muchas asambleas no se van a poder instalar.'
	});
	await addPost(demo.db, await demo.ctxOf('hilda.choque'), debate.id, {
		stance: 'for',
		body: 'Con las cartas poder las familias lejanas igual cuentan. Estoy de acuerdo con la propuesta.'
	});
	return vote.id;
}

/** The new reglamento, frozen for the assembly, with Doña Norma's amendment to its Art. 3. */
export async function prepareDeliveryRule(demo: RulesDemo): Promise<number> {
	const secretary = await demo.ctxOf('roxana.vargas');
	const draft = await createDraft(demo.db, secretary, { kind: 'rule', title: DELIVERY_RULE.title });
	await changeDraftDocument(demo.db, draft.id, (doc) => {
		doc.getMap('meta').set('title', DELIVERY_RULE.title);
		const body = doc.getXmlFragment('body');
		for (const [i, text] of DELIVERY_RULE.articles.entries()) {
			const paragraph = new Y.XmlElement('paragraph');
			body.insert(i, [paragraph]);
			paragraph.insert(0, [new Y.XmlText(text)]);
		}
	});
	const amendment = await proposeAmendment(
		demo.db,
		await demo.ctxOf('norma.villarroel'),
		draft.id,
		{
			passage: DELIVERY_RULE.passage,
			proposal: DELIVERY_RULE.proposal,
			body: DELIVERY_RULE.reason
		}
	);
	const version = await saveVersion(demo.db, secretary, draft.id, { label: 'Para la asamblea' });
	await freezeVersion(demo.db, secretary, draft.id, version.number);
	const vote = await createVote(demo.db, secretary, {
		version: { draftId: draft.id, number: version.number },
		title: 'Aprobación del Reglamento de entrega de leche (con la enmienda al Art. 3)',
		description:
			'Es un reglamento: se necesitan dos tercios. Se vota el texto original del Art. 3 contra la enmienda de Norma Villarroel.',
		decisionKind: 'statute',
		inRoom: true
	});
	await addAmendmentAlternative(demo.db, secretary, vote.id, amendment);
	return vote.id;
}
