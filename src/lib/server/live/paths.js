/**
 * The paths of the live requests served on node:http ahead of SvelteKit (./answerEndpoint.ts,
 * ./eventsEndpoint.ts). Plain JavaScript so that scripts/debugStats.js, which times answers for
 * the benchmark whichever path serves them, matches exactly the same requests.
 */

/** POST /api/live/play/<code>/answer (with an optional query); group 1 is the code as sent. */
export const ANSWER_PATH = /^\/api\/live\/play\/([^/?]+)\/answer(?:\?.*)?$/;

/** GET /api/live/play/<code>/events (with an optional query); group 1 is the code as sent. */
export const EVENTS_PATH = /^\/api\/live\/play\/([^/?]+)\/events(?:\?.*)?$/;

/** POST /api/live/host/<gameId>/command (with an optional query); group 1 is the id as sent. */
export const COMMAND_PATH = /^\/api\/live\/host\/([^/?]+)\/command(?:\?.*)?$/;

/** POST /api/live/join (with an optional query). */
export const JOIN_PATH = /^\/api\/live\/join(?:\?.*)?$/;
