/**
 * The server's limits, read once from environment variables (defaults in `LIMIT_DEFAULTS`, all
 * documented in the README). One set per process.
 */
import { env } from '$env/dynamic/private';
import { ConcurrencyLimiter, RateLimiter } from './rateLimiter';

export const LIMIT_DEFAULTS = {
	/** Joins (live games and assignments) per address per minute: a class of 300 behind one NAT address, with retries, fits. */
	LIMIT_JOINS_PER_MINUTE: 600,
	/** Join codes that match no game, per address per 10 minutes (about 1 a minute after a burst). */
	LIMIT_WRONG_CODES_PER_10_MINUTES: 100,
	/** Players seated in one live game or assignment. */
	LIMIT_PLAYERS_PER_GAME: 500,
	/** Event streams one seat (or one host) holds open at once: a few tabs, not thousands. */
	LIMIT_STREAMS_PER_SEAT: 5,
	/** Event streams one address holds open at once: a school behind one NAT address. */
	LIMIT_STREAMS_PER_ADDRESS: 1000
} as const;

export type LimitName = keyof typeof LIMIT_DEFAULTS;

/**
 * A whole number from `min` to `max` from an environment value, else `fallback` (a bad value is
 * reported once, naming the variable).
 */
export function wholeNumberFromEnv(
	name: string,
	raw: string | undefined,
	fallback: number,
	min = 1,
	max = Infinity
): number {
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) {
		const wanted =
			min === 1 && max === Infinity ? 'a positive whole number' : `a whole number ${min}-${max}`;
		console.warn(`${name}=${raw} is not ${wanted}; using ${fallback}.`);
		return fallback;
	}
	return n;
}

/** A positive integer from the environment, else the default (a bad value is reported once). */
export function limitFromEnv(name: LimitName, source: Record<string, string | undefined>): number {
	return wholeNumberFromEnv(name, source[name], LIMIT_DEFAULTS[name]);
}

export class Limits {
	readonly joins: RateLimiter;
	readonly wrongCodes: RateLimiter;
	readonly playersPerGame: number;
	readonly streamsPerSeat: ConcurrencyLimiter;
	readonly streamsPerAddress: ConcurrencyLimiter;

	constructor(source: Record<string, string | undefined>) {
		this.joins = new RateLimiter({
			capacity: limitFromEnv('LIMIT_JOINS_PER_MINUTE', source),
			windowMs: 60_000
		});
		this.wrongCodes = new RateLimiter({
			capacity: limitFromEnv('LIMIT_WRONG_CODES_PER_10_MINUTES', source),
			windowMs: 600_000
		});
		this.playersPerGame = limitFromEnv('LIMIT_PLAYERS_PER_GAME', source);
		this.streamsPerSeat = new ConcurrencyLimiter(limitFromEnv('LIMIT_STREAMS_PER_SEAT', source));
		this.streamsPerAddress = new ConcurrencyLimiter(
			limitFromEnv('LIMIT_STREAMS_PER_ADDRESS', source)
		);
	}
}

const KEY = Symbol.for('slant.limits');
type Holder = { [KEY]?: Limits };

/** The process-wide limits. */
export function limits(): Limits {
	const holder = globalThis as Holder;
	holder[KEY] ??= new Limits(env);
	return holder[KEY];
}
