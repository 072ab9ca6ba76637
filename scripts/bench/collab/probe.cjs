// What a benchmarked server process measures about itself, and the request loop it answers the
// benchmark on (Node IPC). Shared by server-minka.ts and server-reference.cjs so that both are
// measured the same way. Plain CommonJS: the reference server runs without tsx.
'use strict';

const fs = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const MiB = 1024 * 1024;
const RESOLUTION_MS = 10;

function round(x, digits = 1) {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

/** The kernel's high-water mark of this process's RSS in bytes, or 0 where unavailable. */
function vmHwm() {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false where not possible. */
function resetHwm() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * @param {() => { docs: number, connections: number }} counts
 */
function createProbe(counts) {
	const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	loop.enable();
	let cpu = process.cpuUsage();
	let since = performance.now();
	let sampledPeak = 0;
	let warnings = 0;
	let lastWarning;
	// Sampling is a fallback where VmHWM cannot be reset; it cannot see inside an event-loop stall.
	if (!resetHwm()) {
		const sampler = setInterval(() => {
			sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
		}, 20);
		sampler.unref();
	}

	return {
		warn(message) {
			warnings += 1;
			lastWarning = String(message).slice(0, 200);
		},
		async reset() {
			loop.reset();
			// The histogram does not record the first interval after a reset: let one pass, or a
			// stall that starts right away (a load the benchmark triggers next) goes unseen.
			await new Promise((resolve) => setTimeout(resolve, 3 * RESOLUTION_MS));
			cpu = process.cpuUsage();
			since = performance.now();
			sampledPeak = process.memoryUsage.rss();
			warnings = 0;
			lastWarning = undefined;
			resetHwm();
		},
		/** @param {boolean} gc */
		async stats(gc) {
			// A stall that just ended is only recorded when the next sampling timer fires.
			await new Promise((resolve) => setTimeout(resolve, 3 * RESOLUTION_MS));
			const used = process.cpuUsage(cpu);
			const peak = Math.max(vmHwm(), sampledPeak, process.memoryUsage.rss());
			const maxMs = loop.max / 1e6;
			const p99Ms = loop.percentile(99) / 1e6;
			if (gc && typeof global.gc === 'function') {
				global.gc();
				await new Promise((resolve) => setImmediate(resolve));
				global.gc();
			}
			const memory = process.memoryUsage();
			return {
				rssMiB: round(memory.rss / MiB),
				peakRssMiB: round(peak / MiB),
				heapUsedMiB: round(memory.heapUsed / MiB, 2),
				loopMaxMs: round(Number.isFinite(maxMs) ? maxMs : 0),
				loopP99Ms: round(Number.isFinite(p99Ms) ? p99Ms : 0),
				cpuMs: round((used.user + used.system) / 1000),
				wallMs: round(performance.now() - since),
				...counts(),
				warnings,
				...(lastWarning ? { lastWarning } : {})
			};
		}
	};
}

/**
 * Answers the benchmark's requests; exits when the benchmark goes away.
 * @param {Record<string, (request: any) => unknown>} handlers
 */
function serveRequests(handlers) {
	process.on('message', (message) => {
		const { id, cmd } = message;
		Promise.resolve()
			.then(() => {
				const handler = handlers[cmd];
				if (!handler) throw new Error(`unknown command ${cmd}`);
				return handler(message);
			})
			.then(
				(result) => ({ type: 'reply', id, ok: true, result: result ?? null }),
				(err) => ({
					type: 'reply',
					id,
					ok: false,
					error: err instanceof Error ? (err.stack ?? err.message) : String(err)
				})
			)
			.then((reply) => {
				// After `stop` the process leaves as soon as the benchmark has the answer.
				process.send?.(reply, undefined, {}, () => {
					if (cmd === 'stop') process.exit(0);
				});
			});
	});
	process.on('disconnect', () => process.exit(0));
}

module.exports = { createProbe, serveRequests, MiB };
