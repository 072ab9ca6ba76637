// The demo's debates (issue 4): the members argue over the investment plan and the rule draft,
// and over a free-standing question, through the deliberation domain functions as if they had
// typed it. Fictitious people (scripts/demo/data.ts), concerns from domain.md §6.1.
import { loadAssociationContext, type AssociationContext } from '$lib/server/associations';
import type { Stance } from '$lib/server/db/schema';
import {
	addDraftPost,
	addPost,
	createDebate,
	hidePost,
	proposeAmendment,
	supportPost
} from '$lib/server/deliberation';
import type { DemoState } from './state';

interface DemoPost {
	by: string;
	stance: Exclude<Stance, 'amendment'>;
	body: string;
	/** Words of the draft the post is about, exactly as the draft has them. */
	passage?: string;
	supporters?: string[];
	replies?: { by: string; stance?: Exclude<Stance, 'amendment'>; body: string }[];
	hidden?: { by: string; reason: string };
}

export const PLAN_DEBATE: DemoPost[] = [
	{
		by: 'froilan.condori',
		stance: 'for',
		body: 'El tanque de frío tiene que ser lo primero. Sin leche enfriada a 4 °C antes de 2 horas, **Lácteos del Valle no nos compra**, y perdemos la bonificación de Bs 0,20 por litro.',
		supporters: [
			'justina.mamani',
			'german.torrico',
			'teodoro.montano',
			'rolando.terrazas',
			'marta.arnez'
		]
	},
	{
		by: 'hilda.choque',
		stance: 'against',
		passage: 'la sala de acopio donde se instala',
		body: 'La sala de acopio en Villa Rivero nos queda lejos a los de Chillijchi. Con burro o en bicicleta tardamos más de una hora, y el plazo es de 2 horas desde el ordeño. Así no llegamos.',
		supporters: ['eusebio.rojas', 'antonio.guzman'],
		replies: [
			{
				by: 'justina.mamani',
				body: 'Podemos poner un punto de recojo en Chillijchi con bidones, y que el técnico organice la ruta de la mañana. Lo vemos en la asamblea.'
			}
		]
	},
	{
		by: 'rolando.terrazas',
		stance: 'for',
		body: 'En época seca, de junio a octubre, lo que falta es forraje. Con el riego por aspersión tenemos alfalfa todo el año:\n- más leche por vaca\n- menos gasto en afrecho',
		supporters: ['hilda.choque', 'celestino.siles', 'sabina.flores']
	},
	{
		by: 'jhonny.orellana',
		stance: 'question',
		body: '¿Quién paga la luz trifásica del tanque cada mes? ¿Sale del descuento de Bs 0,05 por litro?',
		replies: [
			{
				by: 'german.torrico',
				body: 'Sí: la luz y el mantenimiento salen del fondo del tanque (Art. 25 del reglamento). Calculamos unos Bs 350 al mes.'
			}
		]
	},
	{
		by: 'norma.villarroel',
		stance: 'question',
		body: 'El técnico en producción lechera, ¿va a hablar quechua? Muchas socias no entendemos bien las capacitaciones en castellano.'
	},
	{
		by: 'patricia.sejas',
		stance: 'neutral',
		body: 'Un recordatorio: el aporte del PAR no puede pasar del 70 % del total. Si cambiamos alguna línea, hay que revisar también la contraparte de la asociación.'
	},
	{
		by: 'antonio.guzman',
		stance: 'against',
		body: 'Cuatro picadoras para 24 familias es poco. En la cosecha todos la queremos al mismo tiempo.',
		supporters: ['elena.rios']
	}
];

export const RULE_DEBATE: DemoPost[] = [
	{
		by: 'celestino.siles',
		stance: 'for',
		passage: 'la asamblea se instalará una hora después con los socios presentes',
		body: 'Con la segunda convocatoria en una hora ya no perdemos otro día de viaje. Estoy de acuerdo.',
		supporters: ['froilan.condori', 'nelly.ferrufino']
	},
	{
		by: 'elena.rios',
		stance: 'against',
		passage: 'Nadie podrá representar a más de un socio.',
		body: 'Es duro para las familias de lejos. Mi vecina y mi hermana me piden que las represente, y solo puedo llevar una carta poder.',
		supporters: ['genara.rocha']
	}
];

/** The pending amendment to the rule: a member asks that mourning excuse the fine too. */
export const RULE_AMENDMENT = {
	by: 'marta.arnez',
	passage: 'No hay multa en caso de enfermedad o de viaje avisado al directorio con anticipación.',
	proposal:
		'No hay multa en caso de enfermedad, de duelo en la familia o de viaje avisado al directorio con anticipación.',
	body: 'Cuando muere un familiar nadie piensa en la asamblea. Pedimos que el duelo también cuente, como la enfermedad.',
	supporters: ['norma.villarroel', 'sabina.flores', 'hilda.choque']
};

export const FINE_DEBATE = {
	by: 'roxana.vargas',
	title: '¿Subimos la multa por inasistencia a la asamblea?',
	opening:
		'En la última asamblea faltaron 7 de las 24 familias. Hoy la multa es de Bs 50 y la propuesta de reglamento la baja a Bs 30. ¿Qué piensan?',
	posts: [
		{
			by: 'teodoro.montano',
			stance: 'for',
			body: 'Hay que subirla a Bs 100. Si la multa es menos que un jornal, a muchos les conviene faltar.',
			supporters: ['german.torrico', 'justina.mamani']
		},
		{
			by: 'sabina.flores',
			stance: 'against',
			body: 'Las familias de Tiataco caminamos más de una hora. Mejor avisar por celular con una semana y hacer las asambleas el domingo por la tarde.',
			supporters: ['genara.rocha', 'nelly.ferrufino', 'hilda.choque', 'elena.rios']
		},
		{
			by: 'genara.rocha',
			stance: 'question',
			body: '¿En qué se usa la plata de las multas?',
			replies: [
				{
					by: 'german.torrico',
					body: 'Va a la caja de la asociación. En cada asamblea informo cuánto se cobró y en qué se gastó.'
				}
			]
		},
		{
			by: 'andres.mercado',
			stance: 'against',
			body: 'Los de Tiataco siempre llegan tarde y encima quieren mandar. Que paguen el doble, por flojos.',
			hidden: {
				by: 'justina.mamani',
				reason:
					'Ofende a los socios de una comunidad. Se puede opinar sobre la multa sin culpar a nadie.'
			}
		}
	] satisfies DemoPost[]
};

async function as(demo: DemoState, username: string): Promise<AssociationContext> {
	const user = demo.users.get(username);
	if (!user) throw new Error(`no demo account ${username}`);
	const ctx = await loadAssociationContext(demo.db, demo.slug, user);
	if (!ctx) throw new Error(`association ${demo.slug} vanished during the seed`);
	return ctx;
}

async function follow(demo: DemoState, debateId: number, postId: number, post: DemoPost) {
	for (const reply of post.replies ?? []) {
		await addPost(demo.db, await as(demo, reply.by), debateId, {
			stance: reply.stance ?? 'neutral',
			body: reply.body,
			parent: postId
		});
	}
	for (const supporter of post.supporters ?? []) {
		await supportPost(demo.db, await as(demo, supporter), postId);
	}
	if (post.hidden) {
		await hidePost(demo.db, await as(demo, post.hidden.by), postId, { reason: post.hidden.reason });
	}
}

async function argueOnDraft(demo: DemoState, draftId: number, posts: DemoPost[]) {
	for (const post of posts) {
		const { debateId, postId } = await addDraftPost(demo.db, await as(demo, post.by), draftId, {
			stance: post.stance,
			body: post.body,
			passage: post.passage
		});
		await follow(demo, debateId, postId, post);
	}
}

/** The seed step: the plan's and the rule's debates, the free-standing one, an amendment. */
export async function seedDebates(demo: DemoState): Promise<void> {
	const [plan, rule] = demo.drafts;
	if (!plan || !rule) throw new Error('the debates need the demo plan and rule drafts first');
	await argueOnDraft(demo, plan.draft.id, PLAN_DEBATE);
	await argueOnDraft(demo, rule.draft.id, RULE_DEBATE);
	const amendment = await proposeAmendment(
		demo.db,
		await as(demo, RULE_AMENDMENT.by),
		rule.draft.id,
		RULE_AMENDMENT
	);
	for (const supporter of RULE_AMENDMENT.supporters) {
		await supportPost(demo.db, await as(demo, supporter), amendment);
	}

	const fine = await createDebate(demo.db, await as(demo, FINE_DEBATE.by), {
		title: FINE_DEBATE.title,
		body: FINE_DEBATE.opening,
		stance: 'neutral'
	});
	for (const post of FINE_DEBATE.posts) {
		const postId = await addPost(demo.db, await as(demo, post.by), fine.id, {
			stance: post.stance,
			body: post.body
		});
		await follow(demo, fine.id, postId, post);
	}
}
