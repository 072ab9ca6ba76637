// The demo association, as plain data: shared/reference/domain.md §6.1 ("Sumaj Lichi", a dairy
// association in the Punata valley, Cochabamba). Fictitious people and ID numbers, real places.
// Later features add their part of the demo here (drafts, debates, votes…) and a step in
// seed.ts that creates it through their domain functions.
import type { Category, Source } from '../../src/lib/drafts/budget';
import type { Office } from '../../src/lib/associations/roles';
import type { Role, Stance } from '../../src/lib/server/db/schema';

/** Every demo account logs in with this password; it is public, so never seed a real database. */
export const DEMO_PASSWORD = 'minka-demo-2026';

export const DEMO_ASSOCIATION = {
	slug: 'sumaj-lichi',
	name: 'Asociación de Productores de Leche "Sumaj Lichi"',
	product: 'Leche fresca de vaca',
	municipality: 'Punata',
	department: 'Cochabamba'
} as const;

export const COMMUNITIES = ['Villa Rivero', 'Chillijchi', 'Tiataco'] as const;
export type Community = (typeof COMMUNITIES)[number];

export interface DemoAccount {
	username: string;
	name: string;
	role: Role;
	/** For leaders: their seat on the board (directorio, gestión 2025–2026). */
	office?: Office;
	/** Where they live: the secretaria writes it in the register of members after they join. */
	community?: Community;
	/** The cédula de identidad in the register of members (households only). */
	id_number?: string;
	/** What the seed output says about them, when their role alone does not tell. */
	note?: string;
}

/** Creates the association and becomes its presidenta. */
export const FOUNDER = 'justina.mamani';

/** Registers the members who have no account (a task of the secretaria de actas). */
export const REGISTRAR = 'roxana.vargas';

/** Households with their own or a shared phone: the titular holds the account. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		username: 'justina.mamani',
		name: 'Justina Mamani Quispe',
		id_number: '4.816.506 Cbba.',
		role: 'leader',
		office: 'presidente',
		community: 'Villa Rivero'
	},
	{
		username: 'eusebio.rojas',
		name: 'Eusebio Rojas Camacho',
		id_number: '3.365.414 Cbba.',
		role: 'leader',
		office: 'vicepresidente',
		community: 'Chillijchi'
	},
	{
		username: 'roxana.vargas',
		name: 'Roxana Vargas Zurita',
		id_number: '5.412.019 Cbba.',
		role: 'leader',
		office: 'secretario_actas',
		community: 'Tiataco'
	},
	{
		username: 'german.torrico',
		name: 'Germán Torrico Arnez',
		id_number: '7.560.434 Cbba.',
		role: 'leader',
		office: 'tesorero',
		community: 'Villa Rivero'
	},
	{
		username: 'froilan.condori',
		name: 'Froilán Condori Choque',
		id_number: '2.505.055 Cbba.',
		role: 'leader',
		// The board's secretario de producción: the app has no such office code yet.
		office: 'vocal',
		community: 'Chillijchi',
		note: 'secretario de producción del directorio'
	},
	{
		username: 'sabina.flores',
		name: 'Sabina Flores Mercado',
		id_number: '2.707.639 Cbba.',
		role: 'leader',
		office: 'vocal',
		community: 'Tiataco'
	},
	{
		username: 'celestino.siles',
		name: 'Celestino Siles Orellana',
		id_number: '8.989.348 Cbba.',
		role: 'leader',
		office: 'vocal',
		community: 'Villa Rivero'
	},
	{
		username: 'teodoro.montano',
		name: 'Teodoro Montaño Coca',
		id_number: '6.595.304 Cbba.',
		role: 'member',
		office: 'vigilancia',
		community: 'Chillijchi',
		note: 'presidente del comité de vigilancia (control social)'
	},
	{
		username: 'norma.villarroel',
		name: 'Norma Villarroel Guzmán',
		id_number: '2.889.620 Cbba.',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'hilda.choque',
		name: 'Hilda Choque Mamani',
		id_number: '5.167.620 Cbba.',
		role: 'member',
		community: 'Chillijchi'
	},
	{
		username: 'jhonny.orellana',
		name: 'Jhonny Orellana Vargas',
		id_number: '6.988.780 Cbba.',
		role: 'member',
		community: 'Tiataco'
	},
	{
		username: 'rolando.terrazas',
		name: 'Rolando Terrazas Flores',
		id_number: '2.586.530 Cbba.',
		role: 'member',
		community: 'Chillijchi'
	},
	{
		username: 'genara.rocha',
		name: 'Genara Rocha Montaño',
		id_number: '5.208.731 Cbba.',
		role: 'member',
		community: 'Tiataco'
	},
	{
		username: 'antonio.guzman',
		name: 'Antonio Guzmán Claros',
		id_number: '9.731.150 Cbba.',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'marta.arnez',
		name: 'Marta Arnez Colque',
		id_number: '7.046.392 Cbba.',
		role: 'member',
		community: 'Chillijchi'
	},
	{
		username: 'elena.rios',
		name: 'Elena Ríos Villarroel',
		id_number: '6.356.679 Cbba.',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'nelly.ferrufino',
		name: 'Nelly Ferrufino Choque',
		id_number: '3.901.018 Cbba.',
		role: 'member',
		community: 'Tiataco'
	},
	{
		username: 'andres.mercado',
		name: 'Andrés Mercado Quispe',
		id_number: '2.414.536 Cbba.',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'patricia.sejas',
		name: 'Patricia Sejas Almanza',
		role: 'facilitator',
		note: 'facilitadora del PAR: co-redacta el Plan de Alianza, nunca vota'
	},
	{
		username: 'rodrigo.cespedes',
		name: 'Rodrigo Céspedes Vallejos',
		role: 'observer',
		note: 'técnico del GAM Punata, que cofinancia el plan'
	},
	{
		username: 'efrain.colque',
		name: 'Efraín Colque Mamani',
		role: 'observer',
		note: 'técnico lechero contratado: registra sus visitas, nunca vota'
	}
];

export interface DemoPersonWithoutAccount {
	name: string;
	id_number?: string;
	community: Community;
}

/** Households without a phone, or sharing one: registered by the secretaria, they vote in the room. */
export const DEMO_WITHOUT_ACCOUNT: DemoPersonWithoutAccount[] = [
	{ name: 'Felipa Claros Terrazas', id_number: '3.912.457 Cbba.', community: 'Tiataco' },
	{ name: 'Vicenta Coca Rojas', id_number: '2.745.318 Cbba.', community: 'Villa Rivero' },
	{ name: 'Bertha Zurita Camacho', community: 'Chillijchi' },
	{ name: 'Simón Huanca Ferrufino', id_number: '4.108.263 Cbba.', community: 'Tiataco' },
	{ name: 'Tomás Colque Zurita', id_number: '3.364.905 Cbba.', community: 'Chillijchi' },
	{ name: 'Macario Quispe Orellana', community: 'Tiataco' }
];

/** Left open so the members page shows one: for households that still have to join. */
export const DEMO_OPEN_INVITATION = { role: 'member' as Role, days: 30, max_uses: 10 };

// ——— Drafts (issue 3): the Plan de Alianza's investment plan and a rule, co-written live ———

/**
 * A block of a draft's text, as the editor writes it. `revised` is the text after the second round
 * of edits; `later` marks a block written in that round (neither is in the first saved version).
 */
export type DemoBlock =
	| { type: 'heading'; level: 2 | 3; text: string; later?: true }
	| { type: 'paragraph'; text: string; revised?: string; later?: true }
	| { type: 'bullet_list'; items: string[]; later?: true };

/** A budget line in bolivianos, as domain.md writes it; the seed converts it to centavos. */
export interface DemoBudgetLine {
	code: string;
	title: string;
	description: string;
	category: Category;
	unit: string;
	quantity: number;
	/** Bolivianos per unit. */
	unit_cost: number;
	/** Bolivianos from each source. */
	par: number;
	cash: number;
	in_kind: number;
	municipality: number;
}

type Amounts = Pick<DemoBudgetLine, 'quantity' | 'par' | 'cash' | 'in_kind' | 'municipality'>;

/** Who saves a version, and whether a leader freezes it for the vote. */
export interface DemoVersion {
	label: string;
	by: string;
	frozenBy?: string;
}

export interface DemoDraftText {
	/** Creates the draft. */
	author: string;
	title: string;
	summary: string;
	body: DemoBlock[];
}

/**
 * Plan de Alianza, plan de inversiones: domain.md §6.1, "versión 2, para aprobación en asamblea",
 * line by line. Order is priority.
 */
export const PLAN_LINES: DemoBudgetLine[] = [
	{
		code: 'I-01',
		title: 'Tanque de enfriamiento de leche de 2.000 L',
		description:
			'Acero inoxidable, instalado en la sala de acopio. Enfría a 4 °C antes de 2 horas desde el ordeño, como pide el comprador.',
		category: 'equipment',
		unit: 'pieza',
		quantity: 1,
		unit_cost: 96_000,
		par: 84_000,
		cash: 12_000,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'I-02',
		title: 'Sala de acopio de 40 m²',
		description:
			'Construcción con piso lavable y conexión trifásica. La asociación pone Bs 6.000 en efectivo y Bs 18.000 en mano de obra y adobe.',
		category: 'infrastructure',
		unit: 'global',
		quantity: 1,
		unit_cost: 72_000,
		par: 36_000,
		cash: 6_000,
		in_kind: 18_000,
		municipality: 12_000
	},
	{
		code: 'I-03',
		title: 'Riego por aspersión familiar',
		description:
			'Un kit por familia para las parcelas de forraje. Las familias ponen la mano de obra de la instalación.',
		category: 'equipment',
		unit: 'kit',
		quantity: 24,
		unit_cost: 4_500,
		par: 75_600,
		cash: 16_200,
		in_kind: 16_200,
		municipality: 0
	},
	{
		code: 'I-04',
		title: 'Semilla de alfalfa y avena forrajera',
		description: '1 ha por familia. Cada familia prepara su terreno.',
		category: 'inputs',
		unit: 'ha',
		quantity: 24,
		unit_cost: 1_950,
		par: 32_760,
		cash: 7_020,
		in_kind: 7_020,
		municipality: 0
	},
	{
		code: 'I-05',
		title: 'Picadoras de forraje a gasolina',
		description: 'De uso rotativo por comunidad.',
		category: 'equipment',
		unit: 'pieza',
		quantity: 4,
		unit_cost: 9_500,
		par: 26_600,
		cash: 11_400,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'I-06',
		title: 'Kits de ordeño higiénico',
		description: 'Baldes de acero inoxidable, coladores y bidones: uno por familia.',
		category: 'equipment',
		unit: 'kit',
		quantity: 24,
		unit_cost: 800,
		par: 13_440,
		cash: 5_760,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'I-07',
		title: 'Inseminación artificial',
		description: 'Pajuelas y servicio del inseminador.',
		category: 'inputs',
		unit: 'dosis',
		quantity: 120,
		unit_cost: 150,
		par: 12_600,
		cash: 5_400,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'I-08',
		title: 'Botiquín veterinario comunal',
		description: 'Botiquín y campaña de sanidad: desparasitación y vacunas.',
		category: 'inputs',
		unit: 'global',
		quantity: 1,
		unit_cost: 12_000,
		par: 8_400,
		cash: 3_600,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'AT-01',
		title: 'Técnico/a en producción lechera (12 meses)',
		description:
			'Dos visitas por mes a cada familia, plan de alimentación con forraje, calendario sanitario e informe mensual a la asamblea.',
		category: 'technical_assistance',
		unit: 'mes',
		quantity: 12,
		unit_cost: 7_000,
		par: 67_200,
		cash: 16_800,
		in_kind: 0,
		municipality: 0
	},
	{
		code: 'AT-02',
		title: 'Talleres de calidad de leche',
		description: 'Buenas prácticas de ordeño, acidez y carga bacteriana.',
		category: 'training',
		unit: 'taller',
		quantity: 6,
		unit_cost: 2_500,
		par: 12_000,
		cash: 0,
		in_kind: 0,
		municipality: 3_000
	},
	{
		code: 'FO-01',
		title: 'Acompañante contable-organizativo (12 meses)',
		description:
			'Pagado por la asociación: lleva las cuentas del plan y prepara los informes del tesorero.',
		category: 'organisation',
		unit: 'mes',
		quantity: 12,
		unit_cost: 1_800,
		par: 0,
		cash: 21_600,
		in_kind: 0,
		municipality: 0
	}
];

/** domain.md's TOTAL row, in bolivianos: what the live plan (version 2) must add up to. */
export const PLAN_TOTALS = {
	total: 530_600,
	par: 368_600,
	counterpart: 147_000,
	cash: 105_780,
	in_kind: 41_220,
	municipality: 15_000
};

/**
 * The facilitator's first proposal, before the seed vote and the talk with the municipality: six
 * picadoras, the riego before the sala de acopio, the talleres paid in cash, no acompañante. The
 * PAR paid 72,3 % of Bs 528.000, over the programme's 70 %.
 */
export const PLAN_FIRST_PROPOSAL: { order: string[]; amounts: Record<string, Partial<Amounts>> } = {
	order: ['I-01', 'I-03', 'I-02', 'I-04', 'I-05', 'I-06', 'I-07', 'I-08', 'AT-01', 'AT-02'],
	amounts: {
		'I-05': { quantity: 6, par: 39_900, cash: 17_100 },
		'AT-02': { cash: 3_000, municipality: 0 }
	}
};

export const DEMO_PLAN: DemoDraftText & { versions: DemoVersion[] } = {
	author: 'patricia.sejas',
	title: 'Plan de Alianza con Lácteos del Valle: plan de inversiones',
	summary:
		'Tanque de frío, sala de acopio, riego y forraje para las 24 familias socias, para entregar 1.800 L/día de leche enfriada al segundo año.',
	body: [
		{ type: 'heading', level: 2, text: 'Objetivo' },
		{
			type: 'paragraph',
			text: 'Pasar de 1.300 a 1.800 litros de leche por día al segundo año, enfriada a 4 °C antes de 2 horas desde el ordeño y de mejor calidad (acidez y carga bacteriana dentro de la norma). Así cumplimos con Lácteos del Valle S.R.L., que paga Bs 4,50 por litro, más Bs 0,20 por litro de bonificación por calidad, cada quince días.'
		},
		{ type: 'heading', level: 2, text: 'Qué vamos a comprar y construir' },
		{
			type: 'paragraph',
			text: 'Las líneas del presupuesto van en orden de prioridad. Primero el tanque de enfriamiento de 2.000 litros; después el riego por aspersión y el forraje, para tener más leche; luego la sala de acopio y seis picadoras de forraje, dos por comunidad.',
			revised:
				'Las líneas del presupuesto van en orden de prioridad. Primero el tanque de enfriamiento de 2.000 litros y la sala de acopio donde se instala; después el riego por aspersión y el forraje, para tener más leche. Las picadoras bajan de seis a cuatro, de uso rotativo por comunidad, como salió en la votación de semillas.'
		},
		{
			type: 'paragraph',
			later: true,
			text: 'La asociación paga también un acompañante contable-organizativo por 12 meses, para llevar las cuentas del plan y preparar los informes del tesorero. Con estos cambios el aporte del PAR baja del 72,3 % al 69,5 % del total, por debajo del 70 % que pide el programa.'
		},
		{ type: 'heading', level: 2, text: 'Cómo ponemos la contraparte' },
		{
			type: 'paragraph',
			text: 'La asociación pone Bs 134.100 (25,4 %): Bs 92.880 en efectivo y Bs 41.220 en especie. Cada familia aporta Bs 3.870 en efectivo, en 3 cuotas de Bs 1.290, y unos Bs 1.718 en especie: unos 17 jornales de Bs 100, más adobe y piedra.',
			revised:
				'La asociación pone Bs 147.000 (27,7 %): Bs 105.780 en efectivo y Bs 41.220 en especie. Cada familia aporta Bs 4.410 en efectivo, en 3 cuotas de Bs 1.470, y unos Bs 1.718 en especie: unos 17 jornales de Bs 100, más adobe y piedra.'
		},
		{
			type: 'bullet_list',
			items: [
				'1.ª cuota: al firmar el convenio con el PAR.',
				'2.ª cuota: a los tres meses.',
				'3.ª cuota: a los seis meses.'
			]
		},
		{
			type: 'paragraph',
			text: 'Los jornales son para la sala de acopio, la instalación del riego y la preparación del terreno. La secretaria de actas lleva la lista de jornales y el tesorero la de cuotas.'
		},
		{ type: 'heading', level: 3, text: 'Aporte del municipio' },
		{
			type: 'paragraph',
			text: 'El Gobierno Autónomo Municipal de Punata pone Bs 12.000 para la conexión trifásica y el piso de la sala de acopio.',
			revised:
				'El Gobierno Autónomo Municipal de Punata pone Bs 15.000: Bs 12.000 para la conexión trifásica y el piso de la sala de acopio y Bs 3.000 para los talleres de calidad de leche. Con este aporte, la contraparte local (asociación y municipio) llega al 30,5 % del total.'
		}
	],
	versions: [
		{ label: 'Primera propuesta del facilitador', by: 'patricia.sejas' },
		{
			label: 'Versión 2, para aprobación en asamblea',
			by: 'justina.mamani',
			frozenBy: 'justina.mamani'
		}
	]
};

/**
 * Changes to the Reglamento Interno for the asamblea extraordinaria (domain.md §6.1), written by
 * the secretaria de actas; the presidente of control social, a co-author, adds an article after
 * the first version.
 */
export const DEMO_RULE: DemoDraftText & { coAuthor: string; version: DemoVersion } = {
	author: 'roxana.vargas',
	coAuthor: 'teodoro.montano',
	title: 'Reglamento interno de asambleas y aportes (propuesta de modificación)',
	summary:
		'Cambios al Reglamento Interno para la asamblea extraordinaria. Se aprueban con dos tercios de los socios habilitados presentes.',
	body: [
		{ type: 'heading', level: 2, text: 'De las asambleas' },
		{ type: 'heading', level: 3, text: 'Art. 12. Quórum de segunda convocatoria' },
		{
			type: 'paragraph',
			text: 'Si a la hora señalada no hubiera quórum, la asamblea se instalará una hora después con los socios presentes, siempre que sean al menos un tercio de los socios habilitados.'
		},
		{
			type: 'paragraph',
			text: 'Texto actual: «Si no hubiera quórum, se convocará a nueva asamblea en ocho días.»'
		},
		{ type: 'heading', level: 3, text: 'Art. 18. Representación' },
		{
			type: 'paragraph',
			text: 'Un socio podrá ser representado por un miembro mayor de edad de su familia, con carta poder simple. Nadie podrá representar a más de un socio. No se admite representación en elecciones del directorio.'
		},
		{ type: 'heading', level: 3, text: 'Art. 20. Asistencia' },
		{
			type: 'paragraph',
			text: 'La asistencia a las asambleas es obligatoria para el titular o su representante. La secretaria de actas registra la asistencia con nombre, CI y firma o huella digital.'
		},
		{ type: 'heading', level: 3, text: 'Art. 21. Multa por inasistencia' },
		{
			type: 'paragraph',
			text: 'El socio que no asista ni se haga representar pagará una multa de Bs 30 (hoy Bs 50). No hay multa en caso de enfermedad o de viaje avisado al directorio con anticipación. El tesorero informa las multas cobradas en cada asamblea.'
		},
		{ type: 'heading', level: 2, text: 'De los aportes' },
		{ type: 'heading', level: 3, text: 'Art. 24. Cuotas de contraparte' },
		{
			type: 'paragraph',
			text: 'Cada familia socia pone su parte de la contraparte del Plan de Alianza: Bs 4.410 en efectivo, en 3 cuotas de Bs 1.470, y unos 17 jornales. Quien no cumpla un jornal asignado pagará Bs 100 por jornal.'
		},
		{
			type: 'paragraph',
			text: 'El socio con una cuota vencida hace más de 30 días no estará habilitado para votar hasta ponerse al día.'
		},
		{ type: 'heading', level: 3, text: 'Art. 25 (nuevo). Fondo de mantenimiento del tanque' },
		{
			type: 'paragraph',
			text: 'Se descontará Bs 0,05 por litro entregado para el mantenimiento del tanque y la sala de acopio. El tesorero informará el saldo en cada asamblea ordinaria.'
		},
		{ type: 'heading', level: 3, text: 'Art. 33. Rendición de cuentas', later: true },
		{
			type: 'paragraph',
			later: true,
			text: 'El tesorero presentará un informe económico cada tres meses. El Comité de Control Social lo revisará antes de la asamblea y el resumen se publicará en la sede y en el grupo de WhatsApp.'
		}
	],
	version: { label: 'Propuesta de la secretaria de actas', by: 'roxana.vargas' }
};

// ——— Debates (issue 4): the plan, the rule draft and a free-standing question, in debates.ts ———

export interface DemoPost {
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

// ——— Votes (issue 5): open and closed votes, the hiring of the technician, in votes.ts ———

/** The demo accounts of the households, leaders first, in the order they vote below. */
export const VOTERS = [
	'eusebio.rojas',
	'german.torrico',
	'froilan.condori',
	'sabina.flores',
	'celestino.siles',
	'teodoro.montano',
	'norma.villarroel',
	'jhonny.orellana',
	'rolando.terrazas',
	'genara.rocha',
	'antonio.guzman',
	'marta.arnez',
	'elena.rios',
	'nelly.ferrufino',
	'andres.mercado'
];

export const TANK_RULE: DemoDraftText = {
	author: 'roxana.vargas',
	title: 'Reglamento del fondo de mantenimiento del tanque de enfriamiento',
	summary:
		'Art. 25 (nuevo) del Reglamento Interno: un descuento por litro para mantener el tanque y la sala de acopio.',
	body: [
		{ type: 'heading', level: 2, text: 'Art. 25 (nuevo). Fondo de mantenimiento del tanque' },
		{
			type: 'paragraph',
			text: 'Se descontará Bs 0,05 por litro entregado para el mantenimiento del tanque y la sala de acopio.'
		},
		{
			type: 'paragraph',
			text: 'El tesorero informará el saldo del fondo en cada asamblea ordinaria. El Comité de Control Social revisará los gastos del fondo cada tres meses.'
		},
		{
			type: 'paragraph',
			text: 'Los gastos mayores a Bs 3.000 requieren tres cotizaciones y la aprobación del directorio.'
		}
	]
};

export const TERMS_OF_REFERENCE: DemoDraftText = {
	author: 'patricia.sejas',
	title: 'Términos de referencia: técnico/a en producción lechera',
	summary:
		'Asistencia técnica por 12 meses para las 24 familias socias. Honorario de referencia: Bs 7.000 por mes, con movilidad.',
	body: [
		{ type: 'heading', level: 2, text: 'Objetivo' },
		{
			type: 'paragraph',
			text: 'Mejorar la alimentación, la sanidad y la calidad de la leche de las 24 familias socias.'
		},
		{ type: 'heading', level: 2, text: 'Productos' },
		{
			type: 'bullet_list',
			items: [
				'2 visitas por mes a cada familia',
				'Plan de alimentación con forraje',
				'Calendario sanitario',
				'6 talleres',
				'Informe mensual a la asamblea, en castellano y explicado en quechua'
			]
		},
		{ type: 'heading', level: 2, text: 'Perfil' },
		{
			type: 'bullet_list',
			items: [
				'Licenciatura o técnico superior en zootecnia, veterinaria o agronomía',
				'3 años o más de experiencia en lechería',
				'Quechua hablado (indispensable)',
				'Motocicleta propia y licencia'
			]
		}
	]
};

/** domain.md's candidates, with their points per criterion (out of each criterion's weight). */
export const CANDIDATES = [
	{
		name: 'Ing. Zoot. Rubén Claros Arnez',
		profile: '6 años en módulos lecheros, quechua fluido.',
		proposal: 'Visitas quincenales con registro de producción por vaca y escuela de campo mensual.',
		fee: '7.000',
		points: [14, 21, 15, 16, 12, 7.9]
	},
	{
		name: 'Téc. Sup. Agrop. Efraín Colque Mamani',
		profile: '9 años con productores de leche, quechua nativo.',
		proposal: 'Ración con alfalfa y avena, desparasitación por calendario y ordeño limpio.',
		fee: '5.500',
		points: [10, 24, 15, 13, 14, 10]
	},
	{
		name: 'Dra. MVZ Carla Villarroel Mercado',
		profile: '4 años, especialidad en calidad de leche, quechua básico.',
		proposal: 'Control de mastitis y acidez en cada entrega, con análisis mensual.',
		fee: '6.500',
		points: [15, 17, 8, 18, 13, 8.5]
	},
	{
		name: 'Ing. Agr. Marcelo Antezana Rivas',
		profile: '3 años en cultivos, poca experiencia en leche, no habla quechua.',
		proposal: 'Parcelas demostrativas de forraje y riego.',
		fee: '6.000',
		points: [12, 10, 0, 14, 10, 9.2]
	}
];

/**
 * The terna the committee presented to the assembly for the dairy technician (domain.md: Claros and
 * Colque in a technical tie), and the hands raised for each: Colque 12, Claros 8, 1 abstention.
 */
export const DAIRY_TERNA = CANDIDATES.slice(0, 3);
export const DAIRY_HANDS = [8, 12, 0];
export const DAIRY_ABSTAIN = 1;

/** The workshops on milk quality (plan line AT-02): one a month for six months. */
export const WORKSHOP_TERMS: DemoDraftText = {
	author: 'patricia.sejas',
	title: 'Términos de referencia: capacitador/a en calidad de leche (6 talleres)',
	summary:
		'Seis talleres de calidad de leche, uno por mes, en las tres comunidades. Honorario de referencia: Bs 2.500 por mes (línea AT-02 del plan).',
	body: [
		{ type: 'heading', level: 2, text: 'Objetivo' },
		{
			type: 'paragraph',
			text: 'Que las 24 familias entreguen leche fría, limpia y sin acidez: el comprador paga más por litro dentro de norma.'
		},
		{ type: 'heading', level: 2, text: 'Productos' },
		{
			type: 'bullet_list',
			items: [
				'6 talleres prácticos: ordeño limpio, mastitis, acidez, enfriamiento, limpieza de baldes y tanque',
				'Una prueba de alcohol y de acidez enseñada a cada familia',
				'Un informe por taller con las familias que asistieron'
			]
		},
		{ type: 'heading', level: 2, text: 'Perfil' },
		{
			type: 'bullet_list',
			items: [
				'Formación en zootecnia, veterinaria o tecnología de alimentos',
				'Experiencia enseñando a productores',
				'Quechua hablado'
			]
		}
	]
};

/** Who applied to give the workshops, with their points per criterion (fees a month, Bs). */
export const WORKSHOP_CANDIDATES = [
	{
		name: 'Dra. MVZ Carla Villarroel Mercado',
		profile: 'Especialista en calidad de leche; se presentó también como técnica lechera.',
		proposal: 'Cada taller en un establo de la comunidad, con la prueba de mastitis en vivo.',
		fee: '2.500',
		points: [15, 17, 8, 18, 13, 8.8]
	},
	{
		name: 'Ing. Alim. Mirtha Rocha Vargas',
		profile: '5 años en control de calidad en una planta lechera, quechua fluido.',
		proposal: 'Talleres cortos al pie del tanque, a la hora de la entrega, con láminas en quechua.',
		fee: '2.500',
		points: [14, 20, 14, 17, 13, 8.8]
	},
	{
		name: 'Lic. Gonzalo Siles Montaño',
		profile: '8 años capacitando en buenas prácticas de ordeño, quechua básico.',
		proposal:
			'Un cuaderno de ordeño por familia y una visita de seguimiento después de cada taller.',
		fee: '2.400',
		points: [13, 23, 8, 15, 12, 9.2]
	},
	{
		name: 'Téc. Sup. Lidia Flores Quispe',
		profile: '4 años con asociaciones lecheras de Punata, quechua nativo.',
		proposal: 'Talleres de mujer a mujer, en quechua, con demostración en el establo de una socia.',
		fee: '2.200',
		points: [10, 17, 15, 16, 14, 10]
	}
];

export const CRITERIA = [
	{ label: 'Formación', weight: 15 },
	{ label: 'Experiencia en lechería', weight: 25 },
	{ label: 'Quechua', weight: 15 },
	{ label: 'Propuesta de trabajo', weight: 20 },
	{ label: 'Entrevista', weight: 15 },
	{ label: 'Honorario', weight: 10 }
];

/** The comisión calificadora (domain.md: presidenta, producción, control social). */
export const COMMITTEE = ['justina.mamani', 'roxana.vargas', 'patricia.sejas'];

// ——— Assemblies: this morning's and the next, and the rules changed in the room (assemblies.ts, rules.ts) ———

/** Two households with accounts stayed home; everyone else with an account came. */
export const STAYED_HOME = new Set(['nelly.ferrufino', 'andres.mercado']);

export const RULE_CHANGE_TITLE = 'Reforma del Art. 14: quórum en segunda convocatoria';

export const DELIVERY_RULE = {
	title: 'Reglamento de entrega de leche al centro de acopio',
	articles: [
		'Art. 1. Cada familia socia entrega su leche en el centro de acopio de Chillijchi, en baldes de acero limpios y tapados.',
		'Art. 2. El técnico de acopio mide la temperatura y la acidez de cada entrega y anota el volumen en el cuaderno de la familia.',
		'Art. 3. La leche se recibe de 6:00 a 8:00 de la mañana. La leche que llegue después no se recibe.'
	],
	passage: 'La leche que llegue después no se recibe.',
	proposal:
		'La leche que llegue después se recibe hasta las 8:30 si está fría, con aviso al técnico de acopio.',
	reason:
		'En época de lluvias el camino de Villa Rivero se corta y llegamos tarde sin culpa. Que se reciba la leche fría hasta las 8:30.'
};

// ——— The register's earlier decisions, over two years, in register.ts ———

export const REFORM: DemoDraftText = {
	author: 'roxana.vargas',
	title: 'Reforma del Reglamento Interno: alternancia y asistencia a las asambleas',
	summary:
		'Cambia el Art. 8 (la presidencia se alterna entre mujer y varón) y el Art. 14 (multa por inasistencia).',
	body: [
		{ type: 'heading', level: 2, text: 'Art. 8 (modificado). Directorio' },
		{
			type: 'paragraph',
			text: 'El directorio se elige por dos años. La presidencia se alternará entre mujer y varón en cada gestión.'
		},
		{ type: 'heading', level: 2, text: 'Art. 14 (modificado). Asistencia a las asambleas' },
		{
			type: 'paragraph',
			text: 'La familia socia que falte a una asamblea sin aviso pagará una multa de Bs 50. No hay multa en caso de enfermedad o de viaje avisado al directorio.'
		}
	]
};

export const HEALTH_TERMS: DemoDraftText = {
	author: 'froilan.condori',
	title: 'Términos de referencia: médico/a veterinario/a para la campaña de sanidad',
	summary:
		'Seis meses de campaña de sanidad para las 120 vacas en ordeño: vacunas, desparasitación y control de mastitis. Honorario de referencia: Bs 5.500 por mes.',
	body: [
		{ type: 'heading', level: 2, text: 'Productos' },
		{
			type: 'bullet_list',
			items: [
				'Vacunación contra fiebre aftosa y carbunco de todo el hato',
				'Desparasitación dos veces en la campaña',
				'Prueba de mastitis (CMT) mensual en cada establo',
				'Informe a la asamblea al final de la campaña'
			]
		},
		{ type: 'heading', level: 2, text: 'Perfil' },
		{
			type: 'bullet_list',
			items: [
				'Médico/a veterinario/a zootecnista con matrícula',
				'Experiencia con ganado lechero',
				'Quechua hablado'
			]
		}
	]
};

export const VETS = [
	{
		label: 'Dra. MVZ Lourdes Camacho Rojas',
		description: '5 años con ganado lechero en el valle alto, quechua fluido.',
		proposal: 'Una visita por mes a cada establo y una campaña de vacunación por comunidad.',
		fee: '5.500'
	},
	{
		label: 'Téc. Vet. Mario Quispe Siles',
		description: '8 años como técnico de sanidad municipal, quechua nativo.',
		proposal: 'Brigadas de vacunación los domingos y botiquín en cada comunidad.',
		fee: '4.800'
	},
	{
		label: 'Dr. MVZ Ramiro Antezana Flores',
		description: '2 años, recién matriculado, quechua básico.',
		proposal: 'Control de mastitis con análisis de laboratorio cada mes.',
		fee: '5.000'
	}
];

// ——— Money: the plan in execution, in money.ts ———

/** The households still owing the second instalment (not habilitados where the rules say so). */
export const DEMO_IN_ARREARS = [
	'Felipa Claros Terrazas',
	'Simón Huanca Ferrufino',
	'Tomás Colque Zurita',
	'Macario Quispe Orellana',
	'Bertha Zurita Camacho',
	'Andrés Mercado Quispe'
];

/** A purchase the treasurer paid from the bank, with the photo of its invoice or receipt. */
export interface DemoPurchase {
	days: number;
	/** The plan line's code and the source it is charged to. */
	line: string;
	source: Source;
	supplier: string;
	number: string;
	/** Bolivianos, as the treasurer types them. */
	bs: string;
	what: string;
	/** The same invoice recorded a second time, for the part paid from another source. */
	again?: boolean;
}

const INOX = 'Inoxidables del Valle S.R.L.';
const AGROVET = 'Agroveterinaria Punata';
const ACCOMPANIST = 'Lic. Marisol Antezana (acompañante contable)';

/**
 * A purchase above the rule set's threshold (Bs 5.000): the committee compared three quotations
 * (the cuadro comparativo) and awarded the cheapest, a decision in the register, before the
 * first invoice was paid. `offers[0]` is the supplier the plan's purchases below were paid to.
 */
export interface DemoProcurement {
	/** The plan line's code. */
	line: string;
	title: string;
	/** Days ago the quotations were collected; the award came three days later. */
	days: number;
	offers: { supplier: string; bs: string; terms: string }[];
}

export const PROCUREMENTS: DemoProcurement[] = [
	{
		line: 'I-01',
		title: 'Tanque de enfriamiento de leche de 2.000 L',
		days: 104,
		offers: [
			{
				supplier: INOX,
				bs: '96.000',
				terms: 'Entrega en 75 días, instalación incluida, garantía de 2 años'
			},
			{
				supplier: 'Frío Andino Ltda.',
				bs: '104.500',
				terms: 'Entrega en 60 días, instalación aparte'
			},
			{
				supplier: 'Metalmecánica Cochabamba',
				bs: '112.800',
				terms: 'Entrega en 90 días, garantía de 1 año'
			}
		]
	},
	{
		line: 'I-06',
		title: '24 kits de ordeño higiénico',
		days: 97,
		offers: [
			{ supplier: AGROVET, bs: '19.200', terms: 'Entrega inmediata en Punata' },
			{ supplier: 'Insumos Lecheros Quillacollo', bs: '20.640', terms: 'Entrega en 10 días' },
			{ supplier: 'Veterinaria El Ordeño', bs: '21.900', terms: 'Entrega en 15 días' }
		]
	},
	{
		line: 'I-04',
		title: 'Semilla de alfalfa y avena forrajera',
		days: 91,
		offers: [
			{
				supplier: 'Semillas Valle Alto',
				bs: '23.400',
				terms: 'Semilla certificada, entrega en la sede'
			},
			{
				supplier: 'Agroinsumos Cliza',
				bs: '24.960',
				terms: 'Semilla certificada, recojo en Cliza'
			},
			{ supplier: 'Semillería San Benito', bs: '26.100', terms: 'Entrega en 20 días' }
		]
	},
	{
		line: 'FO-01',
		title: 'Acompañante contable-organizativo, 12 meses',
		days: 70,
		offers: [
			{
				supplier: ACCOMPANIST,
				bs: '21.600',
				terms: '12 meses, dos visitas al mes e informe trimestral'
			},
			{
				supplier: 'Lic. Ramiro Vargas (contador)',
				bs: '22.800',
				terms: '12 meses, una visita al mes'
			},
			{ supplier: 'Consultora Gestión Rural', bs: '24.000', terms: '12 meses, informe trimestral' }
		]
	}
];

/** The first quarter's purchases, oldest first (domain.md §6.1). */
export const FIRST_QUARTER_PURCHASES: DemoPurchase[] = [
	{
		days: 96,
		line: 'I-01',
		source: 'par',
		supplier: INOX,
		number: '00123',
		bs: '48.000',
		what: 'Tanque de enfriamiento de 2.000 L: anticipo del 50 %'
	},
	{
		days: 90,
		line: 'I-06',
		source: 'par',
		supplier: AGROVET,
		number: '4471',
		bs: '13.440',
		what: '24 kits de ordeño higiénico (parte PAR)'
	},
	{
		days: 90,
		line: 'I-06',
		source: 'cash',
		supplier: AGROVET,
		number: '4471',
		bs: '5.760',
		what: '24 kits de ordeño higiénico (parte de la contraparte, misma factura)',
		again: true
	},
	{
		days: 84,
		line: 'I-04',
		source: 'par',
		supplier: 'Semillas Valle Alto',
		number: '0782',
		bs: '23.400',
		what: 'Semilla de alfalfa y avena forrajera: 1.ª compra'
	},
	{
		days: 62,
		line: 'FO-01',
		source: 'cash',
		supplier: ACCOMPANIST,
		number: 'Recibo 001-003',
		bs: '5.400',
		what: 'Acompañante contable-organizativo, meses 1 a 3'
	}
];

/** This quarter's purchases: the tank's balance on delivery, the accompaniment, the medicines. */
export const THIS_QUARTER_PURCHASES: DemoPurchase[] = [
	{
		days: 20,
		line: 'I-01',
		source: 'par',
		supplier: INOX,
		number: '00161',
		bs: '36.000',
		what: 'Tanque de enfriamiento: saldo a la entrega e instalación (parte PAR)'
	},
	{
		days: 20,
		line: 'I-01',
		source: 'cash',
		supplier: INOX,
		number: '00161',
		bs: '12.000',
		what: 'Tanque de enfriamiento: saldo (contraparte en efectivo, misma factura)',
		again: true
	},
	{
		days: 12,
		line: 'FO-01',
		source: 'cash',
		supplier: ACCOMPANIST,
		number: 'Recibo 004-005',
		bs: '3.600',
		what: 'Acompañante contable-organizativo, meses 4 y 5'
	},
	{
		days: 5,
		line: 'I-08',
		source: 'par',
		supplier: AGROVET,
		number: '4630',
		bs: '4.200',
		what: 'Botiquín veterinario comunal: medicamentos de la 1.ª campaña'
	}
];
