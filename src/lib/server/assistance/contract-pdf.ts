// The contract as a PDF (Carta or Oficio) to print and sign, drawn from the same facts as the
// contract page: the parties, the hiring decision, the terms of reference's hash, fee, period,
// communities, and the schedule of deliverables with the payment tied to each.
import { formatBs } from '$lib/drafts/budget';
import { m } from '$lib/paraglide/messages.js';
import { deliverableKindLabel } from '$lib/assistance/labels';
import { renderPdf, type Paper } from '$lib/server/pdf';
import type { ContractPage } from './view';

export function renderContractPdf(doc: {
	association: { name: string; municipality: string; department: string };
	page: ContractPage;
	paper: Paper;
}): Promise<Buffer> {
	const { contract, deliverables } = doc.page;
	const total = contract.fee * contract.months.length;
	return renderPdf({
		title: m.assistance_contract_title({ name: contract.technician }),
		author: doc.association.name,
		paper: doc.paper,
		footer: `${doc.association.name} · ${m.assistance_pdf_footer({ seq: contract.decisionSeq })}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: [
			{ type: 'title', text: m.assistance_contract_title({ name: contract.technician }) },
			{
				type: 'paragraph',
				text: m.assistance_contract_parties({
					association: doc.association.name,
					place: `${doc.association.municipality}, ${doc.association.department}`,
					technician: contract.technician
				})
			},
			{
				type: 'facts',
				rows: [
					[m.assistance_fact_decision(), `Nº ${contract.decisionSeq}`],
					[m.assistance_fact_fee(), formatBs(contract.fee)],
					[m.assistance_fact_period(), `${contract.start} — ${contract.end}`],
					[m.assistance_fact_total(), formatBs(total)],
					[m.assistance_fact_communities(), contract.communities.join(', ') || '—']
				]
			},
			{ type: 'heading', text: m.assistance_fact_tor() },
			{ type: 'code', text: contract.torHash },
			{ type: 'heading', text: m.assistance_schedule_heading() },
			{
				type: 'table',
				columns: [
					{ label: m.assistance_col_month(), width: 0.18 },
					{ label: m.assistance_col_deliverable(), width: 0.57 },
					{ label: m.assistance_col_payment(), width: 0.25, align: 'right' }
				],
				rows: deliverables.map((d) => [
					d.month,
					`${deliverableKindLabel(d.kind)}: ${d.title}${d.community ? ` (${d.community})` : ''}`,
					formatBs(d.amount)
				])
			},
			{ type: 'paragraph', text: m.assistance_contract_clause(), small: true },
			{
				type: 'signatures',
				people: [
					{ name: '', role: m.assistance_sign_association() },
					{ name: contract.technician, role: m.assistance_sign_technician() }
				]
			}
		]
	});
}
