// The demo's technical assistance as a new user finds it (issue 14 item 7): the dairy technician
// hired by the assembly's raised hands, his contract, three months of visits the families
// confirmed (one denied), two surveys, the approved reports paid against AT-01, and the
// evaluation at three months decided in this morning's assembly; the register verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { loadAssociationContext, type AssociationContext } from '$lib/server/associations';
import { getContractPage, listContracts } from '$lib/server/assistance';
import { listMovements, treasurerReport } from '$lib/server/money';
import { verifyRegisterDb } from '$lib/server/record';
import { seedDemo } from '../scripts/demo/seed';
import { DENIED_BY, TECHNICIAN } from '../scripts/demo/assistance';
import { DEMO_ACCOUNTS } from '../scripts/demo/data';

let t: TestDb;
let president: AssociationContext;

const DAY = 86_400_000;
const day = (n: number) =>
	new Date(Date.now() - n * DAY - 4 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
	t = await createTestDb();
	await seedDemo(t.db);
	const user = await t.db
		.selectFrom('user')
		.selectAll()
		.where('username', '=', 'justina.mamani')
		.executeTakeFirstOrThrow();
	president = (await loadAssociationContext(t.db, 'sumaj-lichi', user))!;
}, 180_000);
afterAll(() => t.close());

async function page() {
	const [contract] = await listContracts(t.db, president);
	return (await getContractPage(t.db, president, contract.id))!;
}

describe('the demo technical assistance', () => {
	it('contracts the dairy technician the assembly chose by raised hands, 12 to 8', async () => {
		const contracts = await listContracts(t.db, president);
		expect(contracts).toHaveLength(1);
		const p = await page();
		expect(p.contract.technician).toBe('Téc. Sup. Agrop. Efraín Colque Mamani');
		expect(p.contract.fee).toBe(550_000);
		expect(contracts[0].months).toBe(12);
		const vote = await t.db
			.selectFrom('vote')
			.selectAll()
			.where('id', '=', p.contract.voteId)
			.executeTakeFirstOrThrow();
		expect(vote.status).toBe('closed');
		expect(vote.in_room).toBeTruthy();
		expect(vote.content_hash).toBe(p.contract.torHash);
		const hands = await t.db
			.selectFrom('hand_count')
			.selectAll()
			.where('vote_id', '=', vote.id)
			.executeTakeFirstOrThrow();
		expect(Object.values(JSON.parse(hands.counts)).sort()).toEqual([0, 1, 12, 8].sort());
		expect(p.contract.signed?.sha256).toMatch(/^[0-9a-f]{64}$/);
		// The technician's own account logs the visits and never votes.
		const technician = DEMO_ACCOUNTS.find((a) => a.username === TECHNICIAN)!;
		expect(technician.role).toBe('observer');
		expect(p.contract.technicianMemberId).not.toBeNull();
	});

	it('shows three months of visits: most confirmed, one denied by a family, the last round pending', async () => {
		const p = await page();
		const states = p.visits.map((v) => v.state);
		expect(p.visits.length).toBeGreaterThanOrEqual(30);
		const count = (s: string) => states.filter((x) => x === s).length;
		expect(count('confirmed')).toBeGreaterThan(states.length / 2);
		expect(count('denied')).toBe(1);
		expect(count('pending')).toBeGreaterThan(0);
		const denied = p.visits.find((v) => v.state === 'denied')!;
		const who = DEMO_ACCOUNTS.find((a) => a.username === DENIED_BY)!.name;
		expect(denied.households.find((h) => h.answer === 'denied')?.name).toBe(who);
		// Families without a phone answered through a leader, in the assembly.
		expect(p.visits.some((v) => v.households.some((h) => h.channel === 'assembly'))).toBe(true);
		const days = p.visits.map((v) => v.date).sort();
		expect(days[0] >= p.contract.start).toBe(true);
		expect(days.at(-1)! < day(0)).toBe(true);
	});

	it('keeps two surveys, closed, as counts only', async () => {
		const p = await page();
		expect(p.surveys.map((s) => [s.status, s.respondents])).toEqual([
			['closed', 15],
			['closed', 14]
		]);
		for (const s of p.surveys) {
			const total = Object.values(s.counts!.respect).reduce((a, b) => a + b, 0);
			expect(total).toBe(s.respondents);
		}
	});

	it('paid only approved reports, against the plan line AT-01, after the first quarter', async () => {
		const p = await page();
		const paid = p.deliverables.filter((d) => d.payment);
		expect(paid.map((d) => [d.title, d.amount])).toEqual([
			['Informe del mes 1 a la asamblea', 550_000],
			['Informe del mes 2 a la asamblea', 550_000]
		]);
		expect(paid.every((d) => d.approved)).toBe(true);
		// The third month's report is approved and waits for its payment.
		const third = p.deliverables.find((d) => d.title === 'Informe del mes 3 a la asamblea')!;
		expect([third.approved, third.payment]).toEqual([true, null]);
		const seqs = paid.map((d) => d.payment!.seq);
		const fees = (await listMovements(t.db, president.association.id)).filter((mv) =>
			seqs.includes(mv.seq)
		);
		expect(fees).toHaveLength(2);
		expect(fees.every((mv) => mv.lineId !== null && mv.receiptId !== null)).toBe(true);
		// The first quarter's report (domain.md's figures) has no fee; this quarter's has both.
		const first = await treasurerReport(t.db, president, { from: day(124), to: day(50) });
		const second = await treasurerReport(t.db, president, { from: day(49), to: day(3) });
		const feesIn = (r: typeof first) =>
			r.expenses.filter((e) => e.line === 'AT-01').reduce((n, e) => n + e.amount, 0);
		expect(feesIn(first)).toBe(0);
		expect(feesIn(second)).toBe(1_100_000);
	});

	it('evaluated the three months in this morning’s assembly: continue, in the register', async () => {
		const p = await page();
		const three = p.evaluations.find((e) => e.month === 3)!;
		expect(three.outcome).toBe('continue');
		const entry = await t.db
			.selectFrom('decision')
			.selectAll()
			.where('seq', '=', three.seq!)
			.executeTakeFirstOrThrow();
		expect(entry.title).toContain('Efraín Colque');
		const assembly = await t.db
			.selectFrom('assembly')
			.selectAll()
			.where('status', '=', 'closed')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry.decided_at).toBeGreaterThan(Number(assembly.started_at));
		expect(entry.decided_at).toBeLessThan(Number(assembly.ended_at));
		const report = await verifyRegisterDb(t.db);
		expect(report.ok).toBe(true);
	});
});
