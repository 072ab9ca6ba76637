// The acta as a PDF on Carta or Oficio paper, to print, sign (or stamp a thumbprint) and paste into
// the association's book of actas. Same facts and words as the printable page.
import { renderPdf, type Paper, type PdfBlock } from '$lib/server/pdf';
import { formatDate } from '$lib/format';
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { officeLabel } from '$lib/labels';
import {
	assemblyKindLabel,
	attendanceSentence,
	callLabel,
	markLabel,
	expectsResolution,
	pointKindLabel,
	resolutionSentence
} from '$lib/assemblies/labels';
import { clock } from '$lib/assemblies/time';
import type { Acta } from './view';

/** The acta's title: "Acta Nº 3/2026", or a draft's. */
export function actaTitle(acta: Pick<Acta, 'number'>): string {
	return acta.number ? m.acta_title_number({ number: acta.number }) : m.acta_title_draft();
}

export function actaBlocks(acta: Acta): PdfBlock[] {
	const a = acta.assembly;
	const locale = getLocale();
	const q = acta.quorum;
	const blocks: PdfBlock[] = [
		{ type: 'title', text: actaTitle(acta) },
		{ type: 'paragraph', text: `${acta.association.name} · ${a.title}` },
		{
			type: 'facts',
			rows: [
				[m.acta_association(), acta.association.name],
				[m.acta_kind(), assemblyKindLabel(a.kind)],
				[
					m.acta_place(),
					`${a.place} (${acta.association.municipality}, ${acta.association.department})`
				],
				[m.acta_date(), formatDate(a.started_at ?? a.first_call_at, locale)],
				[m.acta_start(), a.started_at ? clock(a.started_at) : '—'],
				[m.acta_end(), a.ended_at ? clock(a.ended_at) : '—'],
				[m.acta_call(), a.call ? callLabel(a.call) : '—'],
				...(a.early_reason ? [[m.acta_early_reason(), a.early_reason] as [string, string]] : [])
			]
		},
		{ type: 'heading', text: m.acta_attendance_heading() },
		{
			type: 'facts',
			rows: [
				[m.acta_present(), String(q.present)],
				[m.acta_represented(), String(q.represented)],
				[m.acta_total_members(), String(q.electorate)],
				[m.acta_quorum(), m.acta_quorum_line({ total: q.total, required: q.required })]
			]
		},
		{ type: 'paragraph', text: attendanceSentence(q) },
		{ type: 'heading', text: m.acta_agenda_heading() },
		{
			type: 'paragraph',
			text: acta.points.map((p) => `${p.position}. ${p.title}`).join('\n')
		}
	];
	blocks.push({ type: 'heading', text: m.acta_development_heading() });
	for (const p of acta.points) {
		blocks.push({ type: 'heading', text: `${p.position}. ${p.title}` });
		blocks.push({
			type: 'paragraph',
			text: `${pointKindLabel(p.kind)} · ${m.acta_proposed_by({ name: p.proposed_by })}`,
			small: true
		});
		if (p.summary) blocks.push({ type: 'paragraph', text: p.summary });
		if (p.result || expectsResolution(p.kind))
			blocks.push({
				type: 'paragraph',
				text: `${m.acta_resolution()}: ${p.result ? resolutionSentence(p.result) : m.acta_no_resolution()}`
			});
	}
	blocks.push({
		type: 'paragraph',
		text: a.ended_at ? m.acta_closing({ time: clock(a.ended_at) }) : m.acta_not_closed()
	});
	if (acta.head)
		blocks.push(
			{ type: 'heading', text: m.acta_register_heading() },
			{ type: 'paragraph', text: m.acta_register_head({ seq: acta.head.seq }), small: true },
			{ type: 'code', text: acta.head.hash }
		);
	blocks.push(
		{ type: 'heading', text: m.acta_signatures_heading() },
		{
			type: 'signatures',
			people: acta.signatories.map((s) => ({
				name: s.name || '……………………………',
				role: officeLabel(s.office)
			}))
		},
		{ type: 'heading', text: m.acta_list_heading() },
		{
			type: 'table',
			columns: [
				{ label: m.acta_col_number(), width: 0.06, align: 'right' },
				{ label: m.acta_col_name(), width: 0.36 },
				{ label: m.acta_col_ci(), width: 0.17 },
				{ label: m.acta_col_mark(), width: 0.16 },
				{ label: m.acta_col_sign(), width: 0.25 }
			],
			rows: acta.attendance.map((p, i) => [
				String(i + 1),
				p.name,
				p.id_number ?? '',
				p.status === 'proxy' && p.holder_name
					? `${markLabel(p.status)}: ${p.holder_name}`
					: markLabel(p.status),
				''
			]),
			rowHeight: 34
		}
	);
	return blocks;
}

export function renderActaPdf(acta: Acta, paper: Paper): Promise<Buffer> {
	return renderPdf({
		title: `${actaTitle(acta)} · ${acta.association.name}`,
		author: acta.association.name,
		paper,
		footer: `${acta.association.name} · ${actaTitle(acta)}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: actaBlocks(acta)
	});
}
