// The live summary of an assembly, as the big screen and the live pages poll it. Pure types; the
// server builds it in $lib/server/assemblies/view.ts.
import type { ResolutionFacts as Resolution } from './labels';
import type { QuorumCount } from './quorum';
import type { AgendaPointKind, AssemblyStatus } from './vocabulary';

/** What the big screen and the live pages poll: small, and the same for every member. */
export interface AssemblyLive {
	/** Changes whenever something on the pages would. */
	version: string;
	status: AssemblyStatus;
	quorum: QuorumCount;
	current: {
		position: number;
		title: string;
		kind: AgendaPointKind;
		vote: { status: string; in_room: boolean; participation: number; pending: boolean } | null;
		result: Resolution | null;
	} | null;
	decided: { position: number; title: string; result: Resolution }[];
}
