import type { Db } from '$lib/server/db';
import { runDueVotes } from './closing';

const ACTIVE = Symbol.for('minka.vote-scheduler');
const EVERY_MS = 5_000;

export interface VoteScheduler {
	/** Runs once now (tests, and the start of the server). */
	tick(): Promise<void>;
	stop(): void;
}

/**
 * Opens and closes votes at their times even when nobody visits. Casting also refuses a vote past
 * its close, so the few seconds between ticks never let a late ballot in. One per process: in
 * development, re-running `init` replaces the previous one.
 */
export function startVoteScheduler(db: Db): VoteScheduler {
	const slot = globalThis as unknown as Record<symbol, VoteScheduler | undefined>;
	slot[ACTIVE]?.stop();
	let running: Promise<void> | null = null;
	const tick = () => {
		running ??= runDueVotes(db, Date.now(), (voteId, err) =>
			console.error(`vote ${voteId}: could not open or close on time`, err)
		)
			.then(() => undefined)
			.catch((err: unknown) => console.error('vote scheduler', err))
			.finally(() => {
				running = null;
			});
		return running;
	};
	const timer = setInterval(() => void tick(), EVERY_MS);
	timer.unref();
	const scheduler: VoteScheduler = {
		tick,
		stop: () => clearInterval(timer)
	};
	slot[ACTIVE] = scheduler;
	void tick();
	return scheduler;
}
