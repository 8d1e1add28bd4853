/**
 * Raw HTTP for the hardening tests: any method, content type and bytes, sent with a Client's
 * cookies; and a classroom set up over HTTP as clients do it (a signed-in teacher hosting a live
 * game with a seated player, a solo game, an assignment with a seated student).
 */
import Database from 'better-sqlite3';
import { connect } from 'node:net';
import { BASE, Client, CONFIG, signUpTeacher } from './liveServer';

export interface RawReply {
	status: number;
	text: string;
	headers: Headers;
}

/** Sends exactly these bytes (no JSON encoding), as the given client. */
export async function raw(
	client: Client | null,
	path: string,
	init: {
		method?: string;
		contentType?: string | null;
		body?: string | Uint8Array;
		headers?: Record<string, string>;
	} = {}
): Promise<RawReply> {
	// As a browser asks: HTML first (SvelteKit answers actions in JSON to clients that prefer it).
	const headers: Record<string, string> = {
		origin: BASE,
		accept: 'text/html,*/*;q=0.8',
		...init.headers
	};
	if (client) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	if (init.contentType) headers['content-type'] = init.contentType;
	const res = await fetch(`${BASE}${path}`, {
		method: init.method ?? 'POST',
		headers,
		body: typeof init.body === 'string' ? init.body : init.body && new Uint8Array(init.body).buffer,
		redirect: 'manual'
	});
	if (client) {
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			client.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
		}
	}
	return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A urlencoded form body. */
/**
 * Writes raw bytes to the test server on a connection of their own and reads everything it sends
 * back until it closes the connection, or until `closeAfterMs` (default 5 s), when this side
 * closes it: for requests a fetch cannot send (a target that is not a URL, a body cut off).
 */
export function rawExchange(bytes: string, closeAfterMs = 5000): Promise<string> {
	const { hostname, port } = new URL(BASE);
	return new Promise((resolve, reject) => {
		let text = '';
		const socket = connect(Number(port), hostname, () => socket.write(bytes));
		socket.setEncoding('latin1');
		socket.on('data', (chunk: string) => (text += chunk));
		socket.on('close', () => resolve(text));
		socket.on('error', reject);
		setTimeout(() => socket.destroy(), closeAfterMs).unref();
	});
}

export function form(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

export const FORM = 'application/x-www-form-urlencoded';

/** Rows in every table a request could write to (for "a refused request writes nothing"). */
export function rowCounts(databasePath: string, except: string[] = []): Record<string, number> {
	const sqlite = new Database(databasePath, { readonly: true });
	try {
		const tables = sqlite
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'"
			)
			.all() as { name: string }[];
		const out: Record<string, number> = {};
		for (const { name } of tables) {
			if (except.includes(name)) continue;
			out[name] = (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
		}
		return out;
	} finally {
		sqlite.close();
	}
}

/**
 * One request through `raw`, for the tests that compare a node:http door with its SvelteKit
 * route: the reply, its body as JSON (undefined when it is not JSON), and whether a refusal (any
 * status but 200) left every row count as it was (sessions aside: any request may extend one).
 */
export async function sendCounted(
	databasePath: string,
	client: Client | null,
	path: string,
	init: Parameters<typeof raw>[2]
): Promise<{ reply: RawReply; json: unknown; wroteNothing: boolean }> {
	const counts = JSON.stringify(rowCounts(databasePath, ['sessions']));
	const reply = await raw(client, path, init);
	let json: unknown = undefined;
	try {
		json = JSON.parse(reply.text);
	} catch {
		// not JSON: left undefined
	}
	const wroteNothing =
		reply.status === 200 || JSON.stringify(rowCounts(databasePath, ['sessions'])) === counts;
	return { reply, json, wroteNothing };
}

export interface Classroom {
	teacher: Client;
	gameId: string;
	code: string;
	player: Client;
	soloPlayer: Client;
	soloId: string;
	assignmentCode: string;
	student: Client;
}

/**
 * A live game in its first question with one seated player, a started solo game, an assignment.
 * `untimed`: the live question has no deadline, so no clock closes it (and writes) mid-test, and a
 * second seat never answers, so no answer closes it either.
 */
export async function classroom(tag: string, untimed = false): Promise<Classroom> {
	const { client: teacher } = await signUpTeacher();
	const created = await teacher.request('/api/live/host', {
		body: { ...CONFIG, count: 3, ...(untimed ? { secondsPerQuestion: null } : {}) }
	});
	if (created.status !== 201) throw new Error(`hosting failed: ${created.text}`);
	const { gameId, code } = created.json;
	const player = new Client();
	const joined = await player.request('/api/live/join', { body: { code, nickname: `P${tag}` } });
	if (joined.status !== 200) throw new Error(`joining failed: ${joined.text}`);
	if (untimed) {
		// A second seat that never answers: a generated body that happens to be a valid answer
		// cannot close the question by completing the room, so it stays open for the whole test.
		const bystander = await new Client().request('/api/live/join', {
			body: { code, nickname: `B${tag}` }
		});
		if (bystander.status !== 200) throw new Error(`joining failed: ${bystander.text}`);
	}
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });

	const soloPlayer = new Client();
	const solo = await raw(soloPlayer, '/play', {
		contentType: FORM,
		body: form({ count: '3', timing: 'untimed', scoring: 'accuracy' })
	});
	const soloId = /\/play\/([^/?]+)/.exec(solo.headers.get('location') ?? '')?.[1];
	if (!soloId) throw new Error(`solo game not created: ${solo.status} ${solo.text.slice(0, 200)}`);
	await raw(soloPlayer, `/play/${soloId}?/start`, { contentType: FORM, body: '' });

	const assigned = await raw(teacher, '/host', {
		contentType: FORM,
		body: form({
			mode: 'assignment',
			title: `Homework ${tag}`,
			content: 'all',
			count: '3',
			seconds: 'untimed',
			scoring: 'accuracy',
			deadline: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16),
			tzOffset: '0'
		})
	});
	const assignmentId = /\/host\/assignments\/([^/?]+)/.exec(
		assigned.headers.get('location') ?? ''
	)?.[1];
	if (!assignmentId) {
		throw new Error(`assignment not created: ${assigned.status} ${assigned.text.slice(0, 300)}`);
	}
	const page = await raw(teacher, `/host/assignments/${assignmentId}`, { method: 'GET' });
	const assignmentCode = /\/a\/(\d{6})/.exec(page.text)?.[1];
	if (!assignmentCode) throw new Error('no assignment code on its host page');
	const student = new Client();
	const seated = await raw(student, `/a/${assignmentCode}`, {
		contentType: FORM,
		body: form({ nickname: `S${tag}` })
	});
	if (seated.status !== 303) throw new Error(`assignment join failed: ${seated.status}`);
	await raw(student, `/a/${assignmentCode}/play?/start`, { contentType: FORM, body: '' });
	return { teacher, gameId, code, player, soloPlayer, soloId, assignmentCode, student };
}
