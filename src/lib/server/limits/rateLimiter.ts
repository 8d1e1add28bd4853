/**
 * Token buckets per key (an address, a seat): `capacity` attempts at once, refilled evenly over
 * `windowMs`. A refused attempt says how long until the next one would pass (Retry-After).
 */

export interface RateLimit {
	/** Attempts allowed at once (the bucket's size), and again over every `windowMs`. */
	capacity: number;
	windowMs: number;
}

interface Bucket {
	tokens: number;
	at: number;
}

/** Buckets kept before the full ones (nothing to remember) are swept away. */
const SWEEP_AT = 10_000;

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	constructor(
		readonly limit: RateLimit,
		private readonly now: () => number = Date.now
	) {}

	private bucket(key: string, now: number): Bucket {
		const { capacity, windowMs } = this.limit;
		let bucket = this.buckets.get(key);
		if (!bucket) {
			if (this.buckets.size >= SWEEP_AT) this.sweep(now);
			bucket = { tokens: capacity, at: now };
			this.buckets.set(key, bucket);
		} else {
			const refill = ((now - bucket.at) * capacity) / windowMs;
			bucket.tokens = Math.min(capacity, bucket.tokens + refill);
			bucket.at = now;
		}
		return bucket;
	}

	/** Seconds until one more attempt would pass (at least 1). */
	private retryAfter(bucket: Bucket): number {
		const { capacity, windowMs } = this.limit;
		return Math.max(1, Math.ceil(((1 - bucket.tokens) * windowMs) / capacity / 1000));
	}

	/** Takes one attempt for `key`: null when it passes, else the seconds to wait. */
	take(key: string): number | null {
		const bucket = this.bucket(key, this.now());
		if (bucket.tokens < 1) return this.retryAfter(bucket);
		bucket.tokens -= 1;
		return null;
	}

	/** The seconds to wait if `key` has no attempt left, without taking one; else null. */
	blocked(key: string): number | null {
		const bucket = this.bucket(key, this.now());
		return bucket.tokens < 1 ? this.retryAfter(bucket) : null;
	}

	private sweep(now: number): void {
		for (const [key, bucket] of this.buckets) {
			const refill = ((now - bucket.at) * this.limit.capacity) / this.limit.windowMs;
			if (bucket.tokens + refill >= this.limit.capacity) this.buckets.delete(key);
		}
	}
}

/**
 * Counts things held open at once (event streams) per key, up to `max`. `acquire` gives a release
 * function, or null when the key already holds `max`.
 */
export class ConcurrencyLimiter {
	private readonly held = new Map<string, number>();

	constructor(readonly max: number) {}

	acquire(key: string): (() => void) | null {
		const n = this.held.get(key) ?? 0;
		if (n >= this.max) return null;
		this.held.set(key, n + 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const left = (this.held.get(key) ?? 1) - 1;
			if (left <= 0) this.held.delete(key);
			else this.held.set(key, left);
		};
	}

	count(key: string): number {
		return this.held.get(key) ?? 0;
	}
}
