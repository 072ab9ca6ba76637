// A token bucket: at most `perSecond` on average, with bursts up to `burst`. Each WebSocket has
// one for messages and one for bytes, so a single peer flooding a document (a bug or an attack)
// is cut off before it takes the event loop from everyone else. Pure; time is passed in.
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		now: number
	) {
		this.tokens = burst;
		this.last = now;
	}

	/** Takes `amount` tokens if there are enough; false (and nothing taken) when there are not. */
	take(amount: number, now: number): boolean {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (this.tokens < amount) return false;
		this.tokens -= amount;
		return true;
	}
}
