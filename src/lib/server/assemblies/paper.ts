// The assembly on paper: the blank attendance sheet the secretary passes round (every elector
// with a box to sign or stamp a thumbprint) and the call as a poster for the sede, the school and
// the church door, with a QR code to the assembly's page.
import { isElector } from '$lib/associations/electorate';
import { assemblyKindLabel } from '$lib/assemblies/labels';
import { clock } from '$lib/assemblies/time';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { authorize, listMembers, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Assembly } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';
import { assemblyRules, getAssembly } from './assemblies';
import { listPoints } from './agenda';

interface Place {
	name: string;
	municipality: string;
	department: string;
}

export interface AttendanceSheet {
	association: Place;
	assembly: Assembly;
	/** One vote per household: the list shows each person's household, families together. */
	perHousehold: boolean;
	people: {
		name: string;
		id_number: string | null;
		community: string | null;
		household: string | null;
	}[];
}

/** The electors to sign in, with their ID numbers; leaders only (ID numbers are personal data). */
export async function getAttendanceSheet(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<AttendanceSheet> {
	authorize(ctx.actor, 'assembly.manage');
	const assembly = await getAssembly(db, ctx, id);
	if (assembly.status === 'cancelled')
		throw new DomainError('conflict', 'error_assembly_cancelled');
	const perHousehold = (await assemblyRules(db, assembly)).electorate === 'household';
	const people = (await listMembers(db, assembly.association_id))
		.filter(isElector)
		.map((p) => ({
			name: p.name,
			id_number: p.id_number,
			community: p.community,
			household: p.household
		}))
		.sort(
			(a, b) =>
				(perHousehold ? (a.household ?? a.name).localeCompare(b.household ?? b.name, 'es') : 0) ||
				a.name.localeCompare(b.name, 'es')
		);
	return { association: place(ctx), assembly, perHousehold, people };
}

function place(ctx: AssociationContext): Place {
	const { name, municipality, department } = ctx.association;
	return { name, municipality, department };
}

function callFacts(association: Place, a: Assembly, locale: string): [string, string][] {
	return [
		[m.acta_kind(), assemblyKindLabel(a.kind)],
		[m.acta_place(), `${a.place} (${association.municipality}, ${association.department})`],
		[m.acta_date(), formatDate(a.first_call_at, locale)],
		[m.assembly_first_call(), clock(a.first_call_at)],
		[m.assembly_second_call(), clock(a.second_call_at)]
	];
}

export function attendanceSheetBlocks(sheet: AttendanceSheet, locale: string): PdfBlock[] {
	const a = sheet.assembly;
	const columns = sheet.perHousehold
		? [
				{ label: m.acta_col_number(), width: 0.06, align: 'right' as const },
				{ label: m.acta_col_name(), width: 0.27 },
				{ label: m.acta_col_ci(), width: 0.13 },
				{ label: m.attendance_sheet_col_community(), width: 0.14 },
				{ label: m.attendance_sheet_col_household(), width: 0.14 },
				{ label: m.attendance_sheet_col_sign(), width: 0.26 }
			]
		: [
				{ label: m.acta_col_number(), width: 0.06, align: 'right' as const },
				{ label: m.acta_col_name(), width: 0.32 },
				{ label: m.acta_col_ci(), width: 0.15 },
				{ label: m.attendance_sheet_col_community(), width: 0.17 },
				{ label: m.attendance_sheet_col_sign(), width: 0.3 }
			];
	return [
		{ type: 'title', text: m.attendance_sheet_title() },
		{ type: 'paragraph', text: `${sheet.association.name} · ${a.title}` },
		{ type: 'facts', rows: callFacts(sheet.association, a, locale) },
		{ type: 'paragraph', text: m.attendance_sheet_hint(), small: true },
		{
			type: 'table',
			columns,
			rows: sheet.people.map((p, i) => [
				String(i + 1),
				p.name,
				p.id_number ?? '',
				p.community ?? '',
				...(sheet.perHousehold ? [p.household ?? ''] : []),
				''
			]),
			rowHeight: 30
		},
		{
			type: 'signatures',
			people: [{ name: '……………………………', role: m.office_secretario_actas() }]
		}
	];
}

export function renderAttendanceSheetPdf(
	sheet: AttendanceSheet,
	paper: Paper,
	locale: string
): Promise<Buffer> {
	return renderPdf({
		title: `${m.attendance_sheet_title()} · ${sheet.assembly.title}`,
		author: sheet.association.name,
		paper,
		footer: `${sheet.association.name} · ${sheet.assembly.title}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: attendanceSheetBlocks(sheet, locale)
	});
}

export interface AssemblyPoster {
	association: Place;
	assembly: Assembly;
	points: string[];
}

/** The call as it was made: whoever may see the assembly may print it. */
export async function getAssemblyPoster(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<AssemblyPoster> {
	const assembly = await getAssembly(db, ctx, id);
	if (assembly.status === 'cancelled')
		throw new DomainError('conflict', 'error_assembly_cancelled');
	const points = (await listPoints(db, assembly.id)).map((p) => p.title);
	return { association: place(ctx), assembly, points };
}

export function posterBlocks(poster: AssemblyPoster, url: string, locale: string): PdfBlock[] {
	const a = poster.assembly;
	const blocks: PdfBlock[] = [
		{ type: 'display', text: m.poster_call(), size: 34, bold: true },
		{ type: 'display', text: poster.association.name, size: 16 },
		{ type: 'display', text: a.title, size: 26, bold: true },
		{ type: 'display', text: assemblyKindLabel(a.kind), size: 14 },
		{ type: 'display', text: formatDate(a.first_call_at, locale), size: 22, bold: true },
		{
			type: 'display',
			text: m.poster_place({
				place: a.place,
				municipality: poster.association.municipality
			}),
			size: 18
		},
		{
			type: 'display',
			text: m.poster_calls({ first: clock(a.first_call_at), second: clock(a.second_call_at) }),
			size: 14
		},
		{ type: 'heading', text: m.acta_agenda_heading() }
	];
	blocks.push({
		type: 'paragraph',
		text: poster.points.length
			? poster.points.map((title, i) => `${i + 1}. ${title}`).join('\n')
			: m.poster_no_points(),
		large: true
	});
	blocks.push(
		{ type: 'qr', text: url, size: 170 },
		{ type: 'paragraph', text: m.poster_scan({ url }), small: true }
	);
	return blocks;
}

export function renderPosterPdf(
	poster: AssemblyPoster,
	url: string,
	paper: Paper,
	locale: string
): Promise<Buffer> {
	return renderPdf({
		title: `${m.poster_call()} · ${poster.assembly.title}`,
		author: poster.association.name,
		paper,
		footer: poster.association.name,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: posterBlocks(poster, url, locale)
	});
}
