// The bare reference of the live benchmark (scripts/bench/main.ts): a node:http server that parses
// a small JSON body and inserts one row with better-sqlite3 (WAL, synchronous = NORMAL), with no
// framework, no validation and no game. Its throughput is what the live answer path is compared
// with. It also holds event streams (GET /events) and, on POST /fanout {"bytes":n}, writes one
// event of about n bytes to every one of them, built and written as plainly as node:http allows,
// and replies with the wall and CPU milliseconds that took: the fan-out a live game's phase change
// is compared with. On POST /api/live/join {"code","nickname"} it seats a player as plainly: a
// random token, its SHA-256 in one inserted row (a game's nicknames unique), the token in a cookie:
// the join a live game's join is compared with.
// Usage: node scripts/bench-bare.js <port> <database file>
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';

const port = Number(process.argv[2]);
const db = new Database(process.argv[3]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table if not exists answers (
	id integer primary key, player text not null, question integer not null,
	response text not null, at integer not null)`);
const insert = db.prepare(
	'insert into answers (player, question, response, at) values (?, ?, ?, ?)'
);

db.exec(`create table if not exists seats (
	id integer primary key, game text not null, nickname text not null, token_hash text not null,
	unique (game, nickname))`);
const seat = db.prepare(
	'insert into seats (game, nickname, token_hash) values (?, ?, ?) on conflict do nothing returning id'
);

const streams = new Set();
let version = 0;

function fanout(bytes) {
	version++;
	const head = `id: ${version}\nevent: state\ndata: {"phase":"bare","index":${version},"version":${version},"pad":"`;
	const event = `${head}${'x'.repeat(Math.max(0, bytes - head.length))}"}\n\n`;
	for (const res of streams) res.write(event);
	return { streams: streams.size, version };
}

const server = http.createServer((req, res) => {
	if (req.method === 'GET' && req.url === '/events') {
		// As Slant's player streams: the body ends with the connection, one socket write per event.
		res.useChunkedEncodingByDefault = false;
		res.shouldKeepAlive = false;
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.write('retry: 2000\n\n');
		streams.add(res);
		res.on('close', () => streams.delete(res));
		return;
	}
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		let body;
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch {
			res.writeHead(400).end();
			return;
		}
		if (req.url === '/fanout') {
			const started = performance.now();
			const cpu = process.cpuUsage();
			const done = fanout(Number(body.bytes));
			// Each response writes on the next tick (node:http corks the socket until then).
			process.nextTick(() => {
				const used = process.cpuUsage(cpu);
				const cpuMs = (used.user + used.system) / 1000;
				const out = JSON.stringify({ ...done, ms: performance.now() - started, cpuMs });
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length });
				res.end(out);
			});
			return;
		}
		if (req.url === '/api/live/join') {
			const token = randomBytes(32).toString('base64url');
			const hash = createHash('sha256').update(token).digest('hex');
			const row = seat.get(String(body.code), String(body.nickname).toLowerCase(), hash);
			const out = JSON.stringify(
				row ? { playerId: String(row.id), nickname: body.nickname } : { code: 'nickname_taken' }
			);
			res.writeHead(row ? 200 : 409, {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(out),
				'set-cookie': `slant_player_bare=${token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax`
			});
			res.end(out);
			return;
		}
		const row = insert.run(
			String(body.player),
			Number(body.question),
			JSON.stringify(body.response),
			Date.now()
		);
		const out = JSON.stringify({ ok: true, id: Number(row.lastInsertRowid) });
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length });
		res.end(out);
	});
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', 4096, () => console.log('bare reference listening'));
process.on('SIGTERM', () => {
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
