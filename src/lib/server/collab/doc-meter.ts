// A room's accounting of its document: an upper estimate of its size against the limit, and how
// much was stored since the last compaction, which says when to compact. Numbers only: the room
// measures the document when asked to.
import type { RoomLimits } from './peer';
import type { UpdateRow } from './store';

export class DocMeter {
	private rowsSinceCompaction = 0;
	private bytesSinceCompaction = 0;
	private lastCompaction = 0;
	private measuredBytes = 0;
	private bytesSinceMeasure = 0;

	constructor(private readonly limits: RoomLimits) {}

	/** Starts from the stored rows: the first is the compacted state, the others came after it. */
	loaded(rows: readonly UpdateRow[]): void {
		this.rowsSinceCompaction = Math.max(0, rows.length - 1);
		this.bytesSinceCompaction = rows.slice(1).reduce((n, r) => n + r.data.byteLength, 0);
		// The stored bytes bound the document's size from above; `fits` measures when in doubt.
		this.measuredBytes = 0;
		this.bytesSinceMeasure = rows.reduce((n, r) => n + r.data.byteLength, 0);
	}

	/** An update of `bytes` reached the document. */
	grew(bytes: number): void {
		this.bytesSinceMeasure += bytes;
	}

	/** A row of `bytes` was stored. */
	stored(bytes: number): void {
		this.rowsSinceCompaction += 1;
		this.bytesSinceCompaction += bytes;
	}

	/** Whether an update of `bytes` keeps the document under its limit (`measure`d when in doubt). */
	fits(bytes: number, measure: () => number): boolean {
		const max = this.limits.maxDocBytes;
		if (this.measuredBytes + this.bytesSinceMeasure + bytes <= max) return true;
		// Measuring costs a full encode, so only when the estimate has drifted noticeably.
		if (this.bytesSinceMeasure > max / 64) {
			this.measuredBytes = measure();
			this.bytesSinceMeasure = 0;
		}
		return this.measuredBytes + this.bytesSinceMeasure + bytes <= max;
	}

	/** Whether enough was stored, and long enough ago the last compaction began, to compact. */
	compactionDue(now: number): boolean {
		if (
			this.rowsSinceCompaction < this.limits.compactRows &&
			this.bytesSinceCompaction < this.limits.compactBytes
		) {
			return false;
		}
		return now - this.lastCompaction >= this.limits.compactIntervalMs;
	}

	compactionStarted(now: number): void {
		this.lastCompaction = now;
	}

	/** The stored rows were replaced by one state of `bytes`. */
	compacted(bytes: number): void {
		this.rowsSinceCompaction = 0;
		this.bytesSinceCompaction = 0;
		this.measuredBytes = bytes;
		this.bytesSinceMeasure = 0;
	}
}
