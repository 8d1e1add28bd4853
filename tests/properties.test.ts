/**
 * Property-based tests (fast-check) over every endpoint and form action that takes input, on the
 * real server: whatever bytes, content type, fields and values arrive, the server never answers
 * 500, and a request it refuses (4xx) writes no row. Prints how many requests were tried.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroom, raw, type Classroom, type RawReply } from './httpFixtures';
import { Client, serveForTests } from './liveServer';

// Limits high enough that generated requests reach the routes instead of stopping at a 429.
const server = serveForTests({
	LIMIT_JOINS_PER_MINUTE: '100000000',
	LIMIT_WRONG_CODES_PER_10_MINUTES: '100000000',
	LIMIT_PLAYERS_PER_GAME: '100000000'
});

/** Requests per property; 6 properties, so at least 10,000 in all. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1750);
/** Failed sign-ins are counted (a refused request that writes by design: the sign-in lockout). */
const WRITTEN_ON_REFUSAL = ['sign_in_failures'];

let room: Classroom;
let sqlite: Database.Database;
let tried = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
	// Untimed: a question closing on its own would write rows while a refused request is checked.
	room = await classroom('p', true);
	sqlite = new Database(server.databasePath, { readonly: true });
});

afterAll(() => {
	sqlite?.close();
	const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
	console.log(`property tests: ${tried} generated requests (${byStatus.join(', ')})`);
});

let countAll: Database.Statement | undefined;

/** Row counts of every table, in one prepared statement (two per generated request). */
function counts(): string {
	if (!countAll) {
		const tables = sqlite
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'"
			)
			.all() as { name: string }[];
		const parts = tables
			.filter((t) => !WRITTEN_ON_REFUSAL.includes(t.name))
			.map((t) => `(select count(*) from "${t.name}") as "${t.name}"`);
		countAll = sqlite.prepare(`select ${parts.join(', ')}`);
	}
	return JSON.stringify(countAll.get());
}

/** Sends one generated request and checks the two invariants. */
async function check(
	client: Client,
	path: string,
	init: Parameters<typeof raw>[2]
): Promise<RawReply> {
	const before = counts();
	const reply = await raw(client, path, init);
	tried++;
	statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
	const what = `${init?.method ?? 'POST'} ${path} ${init?.contentType} ${JSON.stringify(
		typeof init?.body === 'string' ? init.body.slice(0, 300) : '(bytes)'
	)}`;
	expect(reply.status, `${what} -> ${reply.text.slice(0, 300)}`).toBeLessThan(500);
	if (reply.status >= 400) expect(counts(), `${what} wrote a row`).toBe(before);
	return reply;
}

const TECHNIQUES = ['loaded-language', 'name-calling', 'doubt', 'slogans', 'fear', 'not-one'];

/** Values a form or JSON field may carry: plausible, edge-case and hostile text. */
const text = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'0',
		'1',
		'-1',
		'0.5',
		'1e3',
		'0x10',
		'NaN',
		'99999999999',
		'loaded',
		'straight',
		'name',
		'find',
		'judge',
		'start',
		'next',
		'skip',
		'end',
		'remove',
		'live',
		'assignment',
		'all',
		'article',
		'families',
		'timed',
		'untimed',
		'speed',
		'accuracy',
		'on',
		'\u200B\u2060\u3164',
		'a' + '\u0301'.repeat(500),
		'\uD800',
		'x\uDFFFy',
		'<script>alert(1)</script>',
		'=SUM(A1)',
		...TECHNIQUES
	),
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 30 }),
	fc.integer({ min: -5, max: 200 }).map(String)
);

const FIELD_NAMES = [
	'code',
	'nickname',
	'index',
	'questionIndex',
	'kind',
	'technique',
	'techniqueId',
	'verdict',
	'start',
	'end',
	'requestId',
	'mode',
	'content',
	'articleId',
	'families',
	'count',
	'seconds',
	'scoring',
	'streaks',
	'timing',
	'scope',
	'title',
	'deadline',
	'tzOffset',
	'email',
	'password',
	'command',
	'playerId',
	'response',
	'loaded',
	'range'
];

const fieldName = fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 }));
const fields = fc.array(fc.tuple(fieldName, text), { maxLength: 8 });

/** Percent-encodes each UTF-16 unit's UTF-8 bytes by hand, so lone surrogates arrive as bytes. */
function percentEncode(s: string): string {
	let out = '';
	for (const unit of s) {
		const code = unit.codePointAt(0)!;
		if (/[A-Za-z0-9_.~-]/.test(unit)) out += unit;
		else if (code >= 0xd800 && code <= 0xdfff) {
			out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
		} else {
			out += [...new TextEncoder().encode(unit)]
				.map((b) => `%${b.toString(16).padStart(2, '0')}`)
				.join('');
		}
	}
	return out;
}

type Encoded = { contentType: string | null; body: string | Uint8Array };

/** The same fields, encoded the ways a client (or an attacker) might send them. */
const formEncoding = fc
	.tuple(fields, fc.nat(7), fc.uint8Array({ maxLength: 60 }))
	.map(([pairs, how, bytes]): Encoded => {
		const urlencoded = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
		const multipart = (boundary: string) =>
			pairs
				.map(
					([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
				)
				.join('') + `--${boundary}--\r\n`;
		switch (how) {
			case 0:
			case 1:
				return { contentType: 'application/x-www-form-urlencoded', body: urlencoded };
			case 2:
				return { contentType: 'multipart/form-data; boundary=QwErTy', body: multipart('QwErTy') };
			case 3:
				return { contentType: 'multipart/form-data', body: multipart('QwErTy') };
			case 4:
				return {
					contentType: 'multipart/form-data; boundary=QwErTy',
					body: multipart('QwErTy').slice(0, Math.max(0, multipart('QwErTy').length - 9))
				};
			case 5:
				return { contentType: 'text/plain', body: urlencoded };
			case 6:
				return { contentType: 'application/x-www-form-urlencoded', body: bytes };
			default:
				return { contentType: null, body: urlencoded };
		}
	});

/** JSON-ish bodies: objects with the API's keys and any JSON values, broken JSON, stray bytes. */
const jsonEncoding = fc
	.tuple(
		fc.dictionary(fieldName, fc.oneof(fc.jsonValue({ maxDepth: 2 }), text), { maxKeys: 6 }),
		fc.nat(6),
		fc.uint8Array({ maxLength: 60 }),
		fc.jsonValue({ maxDepth: 3 })
	)
	.map(([object, how, bytes, value]): Encoded => {
		const json = JSON.stringify(object);
		switch (how) {
			case 0:
			case 1:
				return { contentType: 'application/json', body: json };
			case 2:
				return { contentType: 'application/json', body: JSON.stringify(value) ?? 'null' };
			case 3:
				return { contentType: 'application/json', body: json.slice(0, json.length - 1) };
			case 4:
				return { contentType: 'application/json', body: bytes };
			case 5:
				return { contentType: 'text/plain', body: json };
			default:
				return { contentType: 'application/json; charset=utf-8', body: json };
		}
	});

/** Which browser sends it: the seated player, the student, the solo player, the teacher, a stranger. */
const who = fc.constantFrom('player', 'student', 'solo', 'teacher', 'stranger');
function clientOf(name: string): Client {
	if (name === 'player') return room.player;
	if (name === 'student') return room.student;
	if (name === 'solo') return room.soloPlayer;
	if (name === 'teacher') return room.teacher;
	return new Client();
}

function formActions(): string[] {
	return [
		'/play',
		`/play/${room.soloId}?/start`,
		`/play/${room.soloId}?/answer`,
		`/play/${room.soloId}?/timeout`,
		`/play/${room.soloId}?/next`,
		`/play/${room.soloId}?/quit`,
		`/play/${room.soloId}?/practice`,
		`/a/${room.assignmentCode}`,
		`/a/${room.assignmentCode}/play?/start`,
		`/a/${room.assignmentCode}/play?/answer`,
		`/a/${room.assignmentCode}/play?/timeout`,
		`/a/${room.assignmentCode}/play?/next`,
		'/join',
		`/join/${room.code}`,
		`/game/${room.code}?/answer`,
		'/host',
		`/host/${room.gameId}/learning?/release`,
		`/host/${room.gameId}/learning?/delayed`,
		'/teacher/sign-in',
		'/teacher/sign-up',
		'/teacher/account'
	];
}

function jsonEndpoints(): string[] {
	return [
		'/api/live/join',
		`/api/live/play/${room.code}/answer`,
		'/api/live/host',
		`/api/live/host/${room.gameId}/command`,
		'/api/auth/sign-in',
		'/api/auth/sign-up',
		'/api/auth/password'
	];
}

const options = { numRuns: RUNS, endOnFailure: true };

describe('generated requests', () => {
	it('to every form action never get a 500, and a refused one writes nothing', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(), formEncoding, who, async (i, body, name) => {
				const actions = formActions();
				await check(clientOf(name), actions[i % actions.length], body);
			}),
			options
		);
	});

	it('to every form action with well-formed fields never get a 500 either', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(), fields, who, async (i, pairs, name) => {
				const actions = formActions();
				const body = new URLSearchParams(pairs.map(([k, v]) => [k, v.toWellFormed()]));
				await check(clientOf(name), actions[i % actions.length], {
					contentType: 'application/x-www-form-urlencoded',
					body: body.toString()
				});
			}),
			options
		);
	});

	it('to every JSON endpoint never get a 500, and a refused one writes nothing', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(), jsonEncoding, who, async (i, body, name) => {
				const endpoints = jsonEndpoints();
				await check(clientOf(name), endpoints[i % endpoints.length], body);
			}),
			options
		);
	});

	it('with answers shaped almost right never get a 500', async () => {
		const response = fc.oneof(
			fc.record({
				kind: fc.constant('name'),
				techniqueId: fc.oneof(fc.constantFrom(...TECHNIQUES), text)
			}),
			fc.record({
				kind: fc.constant('find'),
				range: fc.oneof(
					fc.tuple(fc.integer({ min: -3, max: 200 }), fc.integer({ min: -3, max: 200 })),
					fc.array(fc.jsonValue(), { maxLength: 3 })
				)
			}),
			fc.record({ kind: fc.constant('judge'), loaded: fc.oneof(fc.boolean(), fc.jsonValue()) }),
			fc.jsonValue({ maxDepth: 2 })
		);
		const answer = fc.record(
			{
				questionIndex: fc.oneof(
					fc.integer({ min: -2, max: 5 }),
					fc.double(),
					fc.constantFrom('0', '', null, 1e20)
				),
				requestId: fc.oneof(text, fc.integer(), fc.constant(null)),
				response
			},
			{ requiredKeys: [] }
		);
		await fc.assert(
			fc.asyncProperty(answer, who, async (body, name) => {
				await check(clientOf(name), `/api/live/play/${room.code}/answer`, {
					contentType: 'application/json',
					body: JSON.stringify(body)
				});
			}),
			options
		);
	});

	it('for a player view under any code never get a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.stringMatching(/^\d{6}$/), text),
				fc.constantFrom('state', 'answer'),
				who,
				async (code, endpoint, name) => {
					const path = `/api/live/play/${percentEncode(code)}/${endpoint}`;
					await check(
						clientOf(name),
						path,
						endpoint === 'state'
							? { method: 'GET' }
							: { contentType: 'application/json', body: '{"questionIndex":0}' }
					);
				}
			),
			options
		);
	});

	it('for a host command with any body never get a 500', async () => {
		const command = fc.record(
			{
				command: fc.oneof(fc.constantFrom('start', 'next', 'skip', 'remove', 'nope'), text),
				playerId: fc.oneof(text, fc.jsonValue())
			},
			{ requiredKeys: [] }
		);
		await fc.assert(
			fc.asyncProperty(command, who, async (body, name) => {
				await check(clientOf(name), `/api/live/host/${room.gameId}/command`, {
					contentType: 'application/json',
					body: JSON.stringify(body)
				});
			}),
			options
		);
		expect(tried).toBeGreaterThanOrEqual(6 * RUNS);
	});
});
