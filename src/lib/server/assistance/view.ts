// What the assistance pages read: the contracts, and one contract with its schedule, visits and
// payments side by side.
import { authorize, can, listMembers, type AssociationContext } from '$lib/server/associations';
import { isElector } from '$lib/associations/electorate';
import type { Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import {
	deliverableProgress,
	dueBy,
	periodEnd,
	periodMonths,
	totals,
	visitState,
	type DeliverableProgress,
	type DueSummary,
	type Totals,
	type VisitState
} from '$lib/assistance/schedule';
import type { DeliverableKind } from '$lib/assistance/vocabulary';
import { boliviaDate } from '$lib/server/money/movements';
import {
	contractCommunities,
	contractPeriod,
	contractRow,
	deliverableFacts,
	mayLog
} from './contracts';
import { contractPayments } from './payments';
import { contractSurveys, type SurveyView } from './surveys';
import { contractEvaluations } from './evaluations';
import {
	contractHouseholds,
	contractVisits,
	readerHousehold,
	type Household,
	type VisitView
} from './visits';

export interface ContractSummary {
	id: number;
	technician: string;
	start: string;
	end: string;
	months: number;
	fee: number;
	decisionSeq: number;
}

export async function listContracts(db: Db, ctx: AssociationContext): Promise<ContractSummary[]> {
	authorize(ctx.actor, 'assistance.read', ctx.association);
	const rows = await db
		.selectFrom('assistance_contract')
		.selectAll()
		.where('association_id', '=', ctx.association.id)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		technician: r.technician_name,
		start: r.start_date,
		end: periodEnd(contractPeriod(r)),
		months: Number(r.months),
		fee: Number(r.fee),
		decisionSeq: Number(r.decision_seq)
	}));
}

export interface DeliverableView {
	id: number;
	kind: DeliverableKind;
	title: string;
	month: string;
	community: string | null;
	amount: number;
	delivered: boolean;
	approved: boolean;
	progress: DeliverableProgress;
	payment: { seq: number; amount: number } | null;
}

export interface ContractPage {
	contract: ContractSummary & {
		voteId: number;
		torHash: string;
		candidateFee: number;
		communities: string[];
		months: string[];
		technicianMemberId: number | null;
		signed: { id: number; sha256: string; mime: string } | null;
	};
	deliverables: DeliverableView[];
	visits: (VisitView & { state: VisitState })[];
	surveys: SurveyView[];
	evaluations: Awaited<ReturnType<typeof contractEvaluations>>;
	/** Months a leader may still open a survey for: in the period, up to this one. */
	surveyMonths: string[];
	totals: Totals;
	due: Omit<DueSummary, 'due' | 'late'> & { due: number; late: number[] };
	today: string;
	/** Read by a visitor to a public register: visits without names or photos. */
	publicView: boolean;
	/** What the reader may do. */
	canManage: boolean;
	canLog: boolean;
	canPay: boolean;
	/** The reader's own household, when they answer for one. */
	household: string | null;
	/** Whether that household is one the contract serves (it answers the survey). */
	served: boolean;
	/** For the forms: the households that may be visited, and who may be named technician. */
	households: Household[];
	technicians: { id: number; name: string }[];
}

export async function getContractPage(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<ContractPage | undefined> {
	if (!can(ctx.actor, 'assistance.read', ctx.association))
		throw new DomainError('forbidden', 'error_forbidden');
	// A visitor to a public register reads the visits as counts: no household's name, no photo.
	const member = can(ctx.actor, 'assistance.view');
	const row = await contractRow(db, ctx.association.id, id);
	if (!row) return undefined;
	const period = contractPeriod(row);
	const { rows, facts } = await deliverableFacts(db, Number(row.id));
	const payments = await contractPayments(db, Number(row.id));
	const visits = (await contractVisits(db, Number(row.id))).map((v) => ({
		...v,
		households: member
			? v.households
			: v.households.map((h, i) => ({
					key: `${v.id}:${i}`,
					name: '',
					answer: h.answer,
					channel: h.channel
				})),
		photos: member ? v.photos : [],
		state: visitState(v.households.map((h) => h.answer))
	}));
	const signed =
		row.signed_file_id === null
			? null
			: await db
					.selectFrom('assistance_file')
					.select(['id', 'sha256', 'mime'])
					.where('id', '=', Number(row.signed_file_id))
					.executeTakeFirst();
	const today = boliviaDate(now);
	const due = dueBy(facts, today);
	const canManage = can(ctx.actor, 'assistance.manage');
	const communities = contractCommunities(row);
	const members = canManage ? await listMembers(db, ctx.association.id) : [];
	const household = readerHousehold(ctx);
	const surveys = await contractSurveys(db, Number(row.id), household);
	const households = member ? await contractHouseholds(db, ctx.association.id, communities) : [];
	return {
		contract: {
			id: Number(row.id),
			technician: row.technician_name,
			start: row.start_date,
			end: periodEnd(period),
			months: periodMonths(period),
			fee: Number(row.fee),
			decisionSeq: Number(row.decision_seq),
			voteId: Number(row.vote_id),
			torHash: row.tor_hash,
			candidateFee: Number(row.candidate_fee),
			communities,
			technicianMemberId:
				row.technician_member_id === null ? null : Number(row.technician_member_id),
			signed: signed ? { id: Number(signed.id), sha256: signed.sha256, mime: signed.mime } : null
		} as ContractPage['contract'],
		deliverables: rows.map((r, i) => {
			const p = payments.find((x) => x.deliverableId === Number(r.id));
			return {
				id: Number(r.id),
				kind: r.kind,
				title: r.title,
				month: r.planned_month,
				community: r.community,
				amount: Number(r.amount),
				delivered: r.delivered_at !== null,
				approved: r.approved_at !== null,
				progress: deliverableProgress(facts[i]),
				payment: p ? { seq: p.seq, amount: p.amount } : null
			};
		}),
		visits,
		surveys,
		evaluations: await contractEvaluations(db, row, now),
		surveyMonths: periodMonths(period).filter(
			(mo) => mo <= today.slice(0, 7) && !surveys.some((x) => x.period === mo)
		),
		totals: totals(facts),
		due: {
			due: due.due.length,
			late: due.late.map((d) => d.id),
			scheduled: due.scheduled,
			approved: due.approved,
			paid: due.paid
		},
		today,
		publicView: !member,
		canManage,
		canLog: mayLog(ctx, row),
		canPay: can(ctx.actor, 'money.record'),
		household,
		served: household !== null && households.some((h) => h.key === household),
		households,
		technicians: members
			.filter((r) => r.status === 'active' && r.user_id && !isElector(r))
			.map((r) => ({ id: Number(r.id), name: r.name }))
	};
}
