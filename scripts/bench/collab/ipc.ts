// The messages between the collaboration benchmark (scripts/bench/collab.ts) and the server
// processes it starts (server-minka.ts, server-reference.cjs). Types only: the CommonJS reference
// server speaks the same shapes without importing them.

/** What a server process measures about itself (probe.cjs). */
export interface ServerStats {
	rssMiB: number;
	/** Highest resident set size since the last `reset` (kernel VmHWM, reset through clear_refs). */
	peakRssMiB: number;
	heapUsedMiB: number;
	/** Worst event-loop delay since the last `reset` (monitorEventLoopDelay, 10 ms resolution). */
	loopMaxMs: number;
	loopP99Ms: number;
	/** Server CPU time (user + system) since the last `reset`. */
	cpuMs: number;
	wallMs: number;
	/** Documents resident in memory. */
	docs: number;
	connections: number;
	/** Warnings the server logged since the last `reset` (e.g. slow peers cut off). */
	warnings: number;
	lastWarning?: string;
}

export interface ServerInfo {
	port: number;
	/** The Origin clients must send. */
	origin: string;
	/** The URL prefix a document name is appended to. */
	urlBase: string;
	description: string;
	durability: string;
}

export type Request =
	| { cmd: 'docs'; count: number }
	| { cmd: 'sessions'; edit: number; read: number }
	| { cmd: 'rows'; doc: string }
	| { cmd: 'durability'; intervalMs: number; samples: number }
	| { cmd: 'reset' }
	| { cmd: 'stats'; gc: boolean }
	| { cmd: 'stop' };

export interface Responses {
	docs: string[];
	sessions: { edit: string[]; read: string[] };
	/** Minka only: the rows stored for a document right now. */
	rows: { rows: number; bytes: number };
	/** Minka only: commit times of the appends since `reset`, and the disk's fsync time now. */
	durability: Durability;
	reset: null;
	stats: ServerStats;
	stop: null;
}

export interface Durability {
	/** Appends committed since the last reset, and how long each took until acknowledged. */
	commits: number;
	commitP50Ms: number;
	commitP99Ms: number;
	commitMaxMs: number;
	/**
	 * A 4 KiB write + fdatasync next to the database, measured on request at the pace of the
	 * scenario's edits (a disk flushes slower after idling than back to back).
	 */
	fsyncP50Ms: number;
	fsyncP99Ms: number;
	fsyncMaxMs: number;
}

export type RequestMessage = Request & { id: number };

export type ChildMessage =
	| { type: 'ready'; info: ServerInfo }
	| { type: 'reply'; id: number; ok: true; result: unknown }
	| { type: 'reply'; id: number; ok: false; error: string };
