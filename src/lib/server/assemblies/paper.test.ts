import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMemberWithoutAccount } from '$lib/server/associations';
import { clock } from '$lib/assemblies/time';
import { localDateTimeInput } from '$lib/format';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { pdfText } from '$lib/server/testing/pdf';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	addPoint,
	cancelAssembly,
	conveneAssembly,
	getAssemblyPoster,
	getAttendanceSheet,
	renderAttendanceSheetPdf,
	renderPosterPdf
} from './index';

let t: TestDb;
let fx: Fixture;
const PEOPLE: [string, string, string][] = [
	['Felipa Claros', '4567890 Cbba.', 'Chillijchi'],
	['Genaro Vargas', '3456789 Cbba.', 'Molle Molle'],
	['Hilda Choque', '', 'Chillijchi'],
	['Ismael Rocha', '6789012 Cbba.', '']
];

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	for (const [name, id_number, community] of PEOPLE)
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name, id_number, community });
});
afterEach(async () => t.close());

async function convene() {
	const local = localDateTimeInput(Date.now() + 3 * 24 * 60 * 60 * 1000);
	return conveneAssembly(t.db, fx.leaderCtx, {
		kind: 'ordinary',
		place: 'Sede de Chillijchi',
		date: local.slice(0, 10),
		time: local.slice(11)
	});
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the attendance sheet', () => {
	it('lists every elector once with ID number and community, and a box to sign', async () => {
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const assembly = await convene();
		const sheet = await getAttendanceSheet(t.db, fx.leaderCtx, assembly.id);
		const pdf = await renderAttendanceSheetPdf(sheet, 'oficio', 'es');
		if (process.env.KEEP_PDF) writeFileSync(`${process.env.KEEP_PDF}/sheet.pdf`, pdf);
		const { text } = await pdfText(pdf);
		for (const [name, ci] of PEOPLE) {
			expect(count(text, name)).toBe(1);
			if (ci) expect(text).toContain(ci);
		}
		expect(count(text, fx.leaderCtx.member!.name)).toBe(1);
		// A facilitator does not vote: not on the list.
		expect(text).not.toContain(facilitator.ctx.member!.name);
		expect(text).toContain('Molle Molle');
		expect(text).toContain('Firma o huella');
		expect(text).toContain('Sede de Chillijchi');
		expect(text).toContain(clock(assembly.first_call_at));
		expect(text).toContain(clock(assembly.second_call_at));
	});

	it('is for leaders: ID numbers are personal data', async () => {
		const member = await addMember(t.db, fx, 'member');
		const assembly = await convene();
		const err = await rejection(getAttendanceSheet(t.db, member.ctx, assembly.id));
		expect(err.code).toBe('forbidden');
	});
});

describe('the poster', () => {
	it('shows the date, the place, both calls and the agenda', async () => {
		const assembly = await convene();
		await addPoint(t.db, fx.leaderCtx, assembly.id, { title: 'Compra del tanque de frío' });
		const member = await addMember(t.db, fx, 'member');
		const poster = await getAssemblyPoster(t.db, member.ctx, assembly.id);
		const url = `https://minka.example/a/${fx.slug}/assemblies/${assembly.id}`;
		const pdf = await renderPosterPdf(poster, url, 'carta', 'es');
		if (process.env.KEEP_PDF) writeFileSync(`${process.env.KEEP_PDF}/poster.pdf`, pdf);
		const { text, pages } = await pdfText(pdf);
		expect(pages).toBe(1);
		expect(text).toContain('CONVOCATORIA');
		expect(text.replace(/\s+/g, ' ')).toContain(assembly.title);
		expect(text).toContain('Lugar: Sede de Chillijchi, Tiquipaya');
		expect(text).toContain(
			`Primera convocatoria: ${clock(assembly.first_call_at)} · Segunda convocatoria: ${clock(assembly.second_call_at)}`
		);
		const date = new Intl.DateTimeFormat('es-BO', {
			dateStyle: 'long',
			timeZone: 'America/La_Paz'
		}).format(assembly.first_call_at);
		expect(text).toContain(date);
		expect(text).toContain('3. Compra del tanque de frío');
		expect(text).toContain('1. Lectura y aprobación del acta anterior');
		expect(text).toContain(url);
	});

	it('is not printed for a cancelled assembly, nor shown to someone outside', async () => {
		const assembly = await convene();
		const anonymous = {
			...fx.leaderCtx,
			user: null,
			member: undefined,
			actor: { userId: null, membership: null }
		};
		expect((await rejection(getAssemblyPoster(t.db, anonymous, assembly.id))).code).toBe(
			'forbidden'
		);
		await cancelAssembly(t.db, fx.leaderCtx, assembly.id);
		expect((await rejection(getAssemblyPoster(t.db, fx.leaderCtx, assembly.id))).code).toBe(
			'conflict'
		);
	});
});
