/**
 * How a typed or posted join code is read, in plain JavaScript so that the worker proxy
 * (scripts/cluster.js, run by node without a build) routes a join exactly as the routes read it.
 */

/**
 * A join code as typed or posted: spaces anywhere are dropped ("123 456" is 123456); anything
 * that is not a string reads as null.
 * @param {unknown} raw
 * @returns {string | null}
 */
export function normaliseJoinCode(raw) {
	return typeof raw === 'string' ? raw.replace(/\s+/gu, '') : null;
}
