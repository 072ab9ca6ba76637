// The demo association, as plain data: shared/reference/domain.md §6.1 ("Sumaj Lichi", a dairy
// association in the Punata valley, Cochabamba). Fictitious people and ID numbers, real places.
// Later features add their part of the demo here (drafts, debates, votes…) and a step in
// seed-demo.ts that creates it through their domain functions.
import type { Office } from '../src/lib/server/associations/roles';
import type { Role } from '../src/lib/server/db/schema';

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
	/** Where they live; members who join with an account have no community field yet. */
	community?: Community;
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
		role: 'leader',
		office: 'presidente',
		community: 'Villa Rivero'
	},
	{
		username: 'eusebio.rojas',
		name: 'Eusebio Rojas Camacho',
		role: 'leader',
		office: 'vicepresidente',
		community: 'Chillijchi'
	},
	{
		username: 'roxana.vargas',
		name: 'Roxana Vargas Zurita',
		role: 'leader',
		office: 'secretario_actas',
		community: 'Tiataco'
	},
	{
		username: 'german.torrico',
		name: 'Germán Torrico Arnez',
		role: 'leader',
		office: 'tesorero',
		community: 'Villa Rivero'
	},
	{
		username: 'froilan.condori',
		name: 'Froilán Condori Choque',
		role: 'leader',
		// The board's secretario de producción: the app has no such office code yet.
		office: 'vocal',
		community: 'Chillijchi',
		note: 'secretario de producción on the board'
	},
	{
		username: 'sabina.flores',
		name: 'Sabina Flores Mercado',
		role: 'leader',
		office: 'vocal',
		community: 'Tiataco'
	},
	{
		username: 'celestino.siles',
		name: 'Celestino Siles Orellana',
		role: 'leader',
		office: 'vocal',
		community: 'Villa Rivero'
	},
	{
		username: 'teodoro.montano',
		name: 'Teodoro Montaño Coca',
		role: 'member',
		community: 'Chillijchi',
		note: 'presidente of the comité de control social'
	},
	{
		username: 'norma.villarroel',
		name: 'Norma Villarroel Guzmán',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'hilda.choque',
		name: 'Hilda Choque Mamani',
		role: 'member',
		community: 'Chillijchi'
	},
	{
		username: 'jhonny.orellana',
		name: 'Jhonny Orellana Vargas',
		role: 'member',
		community: 'Tiataco'
	},
	{
		username: 'rolando.terrazas',
		name: 'Rolando Terrazas Flores',
		role: 'member',
		community: 'Chillijchi'
	},
	{ username: 'genara.rocha', name: 'Genara Rocha Montaño', role: 'member', community: 'Tiataco' },
	{
		username: 'antonio.guzman',
		name: 'Antonio Guzmán Claros',
		role: 'member',
		community: 'Villa Rivero'
	},
	{ username: 'marta.arnez', name: 'Marta Arnez Colque', role: 'member', community: 'Chillijchi' },
	{
		username: 'elena.rios',
		name: 'Elena Ríos Villarroel',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'nelly.ferrufino',
		name: 'Nelly Ferrufino Choque',
		role: 'member',
		community: 'Tiataco'
	},
	{
		username: 'andres.mercado',
		name: 'Andrés Mercado Quispe',
		role: 'member',
		community: 'Villa Rivero'
	},
	{
		username: 'patricia.sejas',
		name: 'Patricia Sejas Almanza',
		role: 'facilitator',
		note: 'PAR facilitator: co-drafts the Plan de Alianza, never votes'
	},
	{
		username: 'rodrigo.cespedes',
		name: 'Rodrigo Céspedes Vallejos',
		role: 'observer',
		note: 'municipal technician of GAM Punata, which co-finances the plan'
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
