/**
 * Which worker process owns a live game when the server runs several (WORKERS > 1, see
 * scripts/cluster.js, which imports this file as plain JavaScript). The owner follows from the join
 * code alone, and a game's id carries its code, so the primary routes a request by the code or the
 * id in its URL with no table shared between processes; a restart with another number of workers
 * hands each game to the new owner of its code.
 */

/** A join code: six digits, leading zeros allowed. */
const CODE = /^\d{6}$/;
/** Codes run from 000000 to 999999. */
const CODE_SPACE = 1_000_000;
/** Five hex digits hold any code (16^5 = 1,048,576). */
const CODE_HEX_DIGITS = 5;
/**
 * A game id made here: a UUID whose first five hex digits are the code and whose version digit is
 * 8 (RFC 9562's custom UUID); the rest is random. Ids made before (UUID v4) carry a 4 there.
 */
const ID_WITH_CODE = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The worker (0 to `workers` - 1) that owns the game with this join code; null when the text is
 * not a join code.
 * @param {string} code
 * @param {number} workers
 * @returns {number | null}
 */
export function ownerOfCode(code, workers) {
	return CODE.test(code) ? Number(code) % workers : null;
}

/**
 * The join code a game id carries; null for an id made before ids carried one (or not an id).
 * @param {string} id
 * @returns {string | null}
 */
export function codeOfGameId(id) {
	if (!ID_WITH_CODE.test(id)) return null;
	const n = parseInt(id.slice(0, CODE_HEX_DIGITS), 16);
	return n < CODE_SPACE ? String(n).padStart(6, '0') : null;
}

/**
 * The worker that owns the game with this id; null when the id carries no code.
 * @param {string} id
 * @param {number} workers
 * @returns {number | null}
 */
export function ownerOfGameId(id, workers) {
	const code = codeOfGameId(id);
	return code === null ? null : ownerOfCode(code, workers);
}

/**
 * A game id carrying `code`, made from a random UUID (`uuid`, from crypto.randomUUID): the first
 * five hex digits become the code and the version digit 8; the other 102 random bits stay.
 * @param {string} code
 * @param {string} uuid
 * @returns {string}
 */
export function gameIdWithCode(code, uuid) {
	if (!CODE.test(code)) throw new Error(`Not a join code: ${code}`);
	const hex = Number(code).toString(16).padStart(CODE_HEX_DIGITS, '0');
	return `${hex}${uuid.slice(CODE_HEX_DIGITS, 14)}8${uuid.slice(15)}`.toLowerCase();
}

/**
 * A random join code owned by worker `worker` of `workers`: `randomBelow(n)` draws a whole number
 * in [0, n), uniformly (crypto.randomInt).
 * @param {number} worker
 * @param {number} workers
 * @param {(n: number) => number} randomBelow
 * @returns {string}
 */
export function ownedJoinCode(worker, workers, randomBelow) {
	const choices = Math.ceil((CODE_SPACE - worker) / workers);
	return String(randomBelow(choices) * workers + worker).padStart(6, '0');
}

/** More workers than this is a typo, not a machine (each worker holds its own copy of the app). */
export const MAX_WORKERS = 64;

/**
 * The number of worker processes asked for in WORKERS: 1 (one process, no routing) when unset.
 * @param {string | undefined} raw
 * @returns {number}
 */
export function workersWanted(raw) {
	if (raw === undefined || raw.trim() === '') return 1;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
		throw new Error(`WORKERS=${raw} is not a whole number from 1 to ${MAX_WORKERS}.`);
	}
	return n;
}

/** The message a worker sends the primary when it deleted games, relayed to the other workers. */
export const DISCARD_MESSAGE = 'slant:discard';

/**
 * The environment variable by which the primary tells a worker which one it is: `<index>/<count>`.
 */
export const WORKER_VARIABLE = 'SLANT_WORKER';

/**
 * Which worker this process is, from the variable the primary sets (`index/count`); a process
 * started any other way is the only one (0 of 1) and owns every game.
 * @param {string | undefined} raw
 * @returns {{ index: number, count: number }}
 */
export function workerFrom(raw) {
	const match = /^(\d+)\/(\d+)$/.exec(raw ?? '');
	if (!match) return { index: 0, count: 1 };
	const index = Number(match[1]);
	const count = Number(match[2]);
	if (count < 1 || index >= count) throw new Error(`${WORKER_VARIABLE}=${raw} is not index/count.`);
	return { index, count };
}
