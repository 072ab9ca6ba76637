// Types of probe.cjs for the TypeScript server (server-minka.ts).
import type { Request, ServerStats } from './ipc';

export interface Probe {
	/** Counts a warning the server logged. */
	warn(message: unknown): void;
	/** Starts a new measurement period: loop delay, CPU, peak RSS and warnings. */
	reset(): Promise<void>;
	stats(gc: boolean): Promise<ServerStats>;
}

export function createProbe(counts: () => { docs: number; connections: number }): Probe;

export function serveRequests(handlers: {
	[K in Request['cmd']]: (request: Extract<Request, { cmd: K }>) => unknown;
}): void;

export const MiB: number;
