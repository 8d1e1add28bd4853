/**
 * Bodies nested deep or spread wide, on the real server (issue 18, item 1). One JSON body of
 * 30,000 `[` then 30,000 `]` (60 KB, under the 64 KB limit) used to end the process from the
 * node:http answer endpoint, and to answer 500 through the request guard on every other JSON
 * endpoint, because the body's well-formedness check walked the parsed value recursively.
 *
 * The property test sends generated bodies to every JSON endpoint and every form action: nesting
 * in arrays, objects and both mixed, from one level up to what the body limit holds (and past
 * it), unbalanced and inside strings; wide arrays, objects and forms up to the limit. What each
 * may get back:
 * - a body over the limit: 413; JSON nested deeper than MAX_JSON_DEPTH, or not JSON: 400
 *   `bad_body`; JSON sent to a form action: 415. These refusals are JSON on the API and plain
 *   text on form actions, and write nothing.
 * - a well-formed body within the limits: whatever its route answers to that input (2xx, 303,
 *   400, 401, 403, 404, 409, 410, 429), never 500; refusals (4xx) write nothing.
 * Never a 500 and never a dropped connection, and the server still serves the game afterwards.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/lib/server/http/bodyCheck';
import { classroom, FORM, raw, type Classroom, type RawReply } from './httpFixtures';
import { Client, serveForTests } from './liveServer';

// Limits high enough that generated joins reach their route instead of stopping at a 429.
const server = serveForTests({
	LIMIT_JOINS_PER_MINUTE: '100000000',
	LIMIT_WRONG_CODES_PER_10_MINUTES: '100000000',
	LIMIT_PLAYERS_PER_GAME: '100000000'
});

/** BODY_SIZE_LIMIT as scripts/serve.js sets it by default. */
const LIMIT = 64 * 1024;
const RUNS = Number(process.env.DEEP_BODY_RUNS ?? 200);
/** Failed sign-ins are counted by design (the sign-in lockout), even when refused. */
const WRITTEN_ON_REFUSAL = ['sign_in_failures'];
/** What a well-formed body within the limits may get from its route. */
const ROUTE_ANSWERS = [200, 201, 204, 303, 400, 401, 403, 404, 409, 410, 413, 415, 429];

let room: Classroom;
let sqlite: Database.Database;
let countAll: Database.Statement;
let tried = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
	// Untimed: no question closes on its own and writes while a refusal is being checked.
	room = await classroom('d', true);
	sqlite = new Database(server.databasePath, { readonly: true });
	const tables = sqlite
		.prepare(
			"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'"
		)
		.all() as { name: string }[];
	const parts = tables
		.filter((t) => !WRITTEN_ON_REFUSAL.includes(t.name))
		.map((t) => `(select count(*) from "${t.name}") as "${t.name}"`);
	countAll = sqlite.prepare(`select ${parts.join(', ')}`);
});

afterAll(() => {
	sqlite?.close();
	const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
	console.log(`deep and wide bodies: ${tried} generated requests (${byStatus.join(', ')})`);
});

const counts = () => JSON.stringify(countAll.get());

function jsonEndpoints(): string[] {
	return [
		'/api/live/join',
		`/api/live/play/${room.code}/answer`,
		'/api/live/host',
		`/api/live/host/${room.gameId}/command`,
		'/api/auth/sign-in',
		'/api/auth/sign-up',
		'/api/auth/sign-out',
		'/api/auth/password'
	];
}

/** Every form action, with who sends to it (a stranger where the action would end the fixture). */
function formActions(): [path: string, who: Client | null][] {
	const { teacher, player, student, soloPlayer, soloId, assignmentCode, code, gameId } = room;
	return [
		[`/game/${code}?/answer`, player],
		['/play', soloPlayer],
		[`/play/${soloId}?/start`, soloPlayer],
		[`/play/${soloId}?/answer`, soloPlayer],
		[`/play/${soloId}?/timeout`, soloPlayer],
		[`/play/${soloId}?/next`, soloPlayer],
		[`/play/${soloId}?/practice`, soloPlayer],
		[`/play/${soloId}?/quit`, null],
		['/teacher/sign-up', null],
		['/teacher/sign-in', null],
		['/teacher/sign-out', null],
		['/teacher/account?/password', teacher],
		['/teacher/account?/delete', teacher],
		['/host', teacher],
		[`/host/${gameId}/delete`, null],
		[`/host/${gameId}/results?/rename`, teacher],
		[`/host/${gameId}/results?/needHelp`, teacher],
		[`/host/assignments/${gameId}?/needHelp`, teacher],
		[`/host/assignments/${gameId}?/deadline`, teacher],
		[`/host/assignments/${gameId}?/reset`, teacher],
		[`/host/assignments/${gameId}?/remove`, teacher],
		[`/a/${assignmentCode}/resume`, null],
		[`/a/${assignmentCode}`, student],
		[`/a/${assignmentCode}/play?/start`, student],
		[`/a/${assignmentCode}/play?/answer`, student],
		[`/a/${assignmentCode}/play?/timeout`, student],
		[`/a/${assignmentCode}/play?/next`, student],
		[`/a/${assignmentCode}/play?/quit`, null],
		[`/join/${code}`, null],
		['/join', null]
	];
}

/** A generated body and what the server must answer to it. */
interface Body {
	contentType: string;
	body: string;
	/** The exact refusal due, or null when the route decides (within ROUTE_ANSWERS). */
	due: 400 | 413 | 415 | null;
	what: string;
}

/** A body as a counterexample shows it: what it is, not its 60 KB. */
function body(contentType: string, text: string, due: Body['due'], what: string): Body {
	return {
		contentType,
		body: text,
		due,
		what,
		[fc.toStringMethod]: () => `${contentType} ${what} (${due ?? 'route answer'})`
	} as Body;
}

const bytes = (text: string) => Buffer.byteLength(text);

/** How deep a JSON text nests, read from its parsed value with a loop (the test's own oracle). */
function depthOf(text: string): number {
	let max = 0;
	const stack: [unknown, number][] = [[JSON.parse(text), 0]];
	while (stack.length > 0) {
		const [value, at] = stack.pop()!;
		if (value === null || typeof value !== 'object') continue;
		max = Math.max(max, at + 1);
		for (const child of Object.values(value)) stack.push([child, at + 1]);
	}
	return max;
}

/** One level of nesting: an array, or an object with one key (sometimes with siblings). */
const level = fc.oneof(
	fc.constant({ open: '[', close: ']' }),
	fc.constant({ open: '{"k":', close: '}' }),
	fc.constant({ open: '[0,', close: ',"]"]' }),
	fc.constant({ open: '{"a":"{[","b":', close: ',"c":{}}' })
);

/** Depths near the limit, a little past it, and up to what 64 KB holds. */
const depth = fc.oneof(
	fc.integer({ min: 1, max: MAX_JSON_DEPTH + 2 }),
	fc.integer({ min: MAX_JSON_DEPTH, max: 2_000 }),
	fc.integer({ min: 2_000, max: 34_000 })
);

const leaf = fc.constantFrom('1', 'null', '"x"', '"[[[{{{"', '"\\"[[[\\\\"', '[]', '{}');

/** Nested JSON: one shape repeated, or a cycle of shapes; balanced, cut short, or in an answer. */
const nested = fc
	.tuple(
		fc.array(level, { minLength: 1, maxLength: 5 }),
		depth,
		leaf,
		fc.constantFrom('balanced', 'unbalanced', 'in-answer', 'in-join')
	)
	.map(([levels, n, inner, how]): Body => {
		const cycle = (i: number) => levels[i % levels.length];
		let open = '';
		let close = '';
		for (let i = 0; i < n; i++) open += cycle(i).open;
		for (let i = n - 1; i >= 0; i--) close += cycle(i).close;
		let text = how === 'unbalanced' ? open + inner : open + inner + close;
		if (how === 'in-answer') {
			text = `{"questionIndex":0,"requestId":"deep","response":${text}}`;
		} else if (how === 'in-join') {
			text = `{"code":"${room.code}","nickname":${text}}`;
		}
		const size = bytes(text);
		const due =
			size > LIMIT ? 413 : how === 'unbalanced' || depthOf(text) > MAX_JSON_DEPTH ? 400 : null;
		return body('application/json', text, due, `${how} depth ${n}, ${size} B`);
	});

/** Wide JSON: many values side by side, up to and past the body limit. */
const wide = fc
	.tuple(fc.integer({ min: 1, max: 14_000 }), fc.constantFrom('array', 'object', 'answer'))
	.map(([n, how]): Body => {
		const items = Array.from({ length: n }, (_, i) => i);
		const value =
			how === 'array'
				? items.map((i) => [i])
				: how === 'object'
					? Object.fromEntries(items.map((i) => [`k${i}`, i]))
					: { questionIndex: 0, requestId: 'wide', response: { kind: 'find', range: items } };
		const text = JSON.stringify(value);
		const due = bytes(text) > LIMIT ? 413 : null;
		return body('application/json', text, due, `wide ${how} ${n}`);
	});

/** Forms: deep brackets in a value, or thousands of fields, up to and past the limit. */
const wideForm = fc
	.tuple(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom('fields', 'brackets', 'multipart'))
	.map(([n, how]): Body => {
		if (how === 'multipart') {
			const part = (i: number) =>
				`--B\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n[${i}]\r\n`;
			const text =
				Array.from({ length: Math.ceil(n / 8) }, (_, i) => part(i)).join('') + '--B--\r\n';
			const due = bytes(text) > LIMIT ? 413 : null;
			return body('multipart/form-data; boundary=B', text, due, `multipart ${n}`);
		}
		const text =
			how === 'fields'
				? Array.from({ length: n }, (_, i) => `f${i % 50}=${i}`).join('&')
				: `nickname=${'%5B'.repeat(n)}&code=${room.code}&response=${'%7B'.repeat(n)}`;
		const due = bytes(text) > LIMIT ? 413 : null;
		return body(FORM, text, due, `form ${how} ${n}`);
	});

/** Sends one body and checks what came back. */
async function check(client: Client | null, path: string, sent: Body, form: boolean) {
	const before = counts();
	const what = `POST ${path} ${sent.contentType} ${sent.what}`;
	let reply: RawReply;
	try {
		reply = await raw(client, path, { contentType: sent.contentType, body: sent.body });
	} catch (e) {
		throw new Error(`${what}: the connection dropped`, { cause: e });
	}
	tried++;
	statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
	const type = reply.headers.get('content-type') ?? '';
	// A form action refuses JSON by its type before reading it, whatever its size.
	const due = form && sent.contentType === 'application/json' ? 415 : sent.due;
	if (due !== null) {
		expect(reply.status, `${what} -> ${reply.text.slice(0, 200)}`).toBe(due);
		if (form) expect(type, what).toMatch(/^text\/plain/);
		else expect(JSON.parse(reply.text).code, what).toBe(due === 413 ? 'too_large' : 'bad_body');
	} else {
		expect(ROUTE_ANSWERS, `${what} -> ${reply.status} ${reply.text.slice(0, 200)}`).toContain(
			reply.status
		);
		if (!form && reply.status !== 204) expect(type, what).toMatch(/^application\/json/);
		if (form && reply.status !== 303) expect(type, what).toMatch(/^(text\/|application\/json)/);
	}
	if (reply.status >= 400) expect(counts(), `${what} wrote a row`).toBe(before);
}

describe('a JSON body nested 30,000 deep', () => {
	const deep = '['.repeat(30_000) + ']'.repeat(30_000);

	it('gets 400 JSON from the node:http answer endpoint, and the server keeps serving', async () => {
		for (let i = 0; i < 3; i++) {
			const reply = await raw(null, `/api/live/play/${room.code}/answer`, {
				contentType: 'application/json',
				body: deep
			});
			expect(reply.status).toBe(400);
			expect(JSON.parse(reply.text)).toMatchObject({
				code: 'bad_body',
				message: expect.stringMatching(/nest/)
			});
		}
		expect((await room.player.request(`/api/live/play/${room.code}/state`)).status).toBe(200);
	});

	it('gets 400 JSON, not 500, from every JSON endpoint through the request guard', async () => {
		const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
		for (const path of jsonEndpoints()) {
			for (const body of [deep, objects]) {
				const reply = await raw(room.teacher, path, { contentType: 'application/json', body });
				expect(reply.status, path).toBe(400);
				expect(reply.headers.get('content-type'), path).toMatch(/^application\/json/);
				expect(JSON.parse(reply.text).code, path).toBe('bad_body');
			}
		}
	});
});

describe('generated deep and wide bodies', () => {
	const options = { numRuns: RUNS, endOnFailure: true };

	it('to every JSON endpoint get 400, 413 or their route answer, never 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.nat(),
				fc.oneof(nested, wide),
				fc.boolean(),
				async (i, body, signedIn) => {
					const endpoints = jsonEndpoints();
					const path = endpoints[i % endpoints.length];
					const client = path.includes('/play/') ? room.player : signedIn ? room.teacher : null;
					await check(client, path, body, false);
				}
			),
			options
		);
	});

	it('to every form action get 413, 415 or their route answer, never 500', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(), fc.oneof(nested, wideForm), async (i, body) => {
				const actions = formActions();
				const [path, client] = actions[i % actions.length];
				await check(client, path, body, true);
			}),
			options
		);
	});

	it('leave the server up, still serving the game', async () => {
		expect(tried).toBeGreaterThanOrEqual(2 * RUNS);
		const state = await room.player.request(`/api/live/play/${room.code}/state`);
		expect(state.status).toBe(200);
		expect(state.json.phase).toBe('question');
	});
});
