// The bare reference of the live benchmark (scripts/bench-live.ts): a node:http server that parses
// a small JSON body and inserts one row with better-sqlite3 (WAL, synchronous = NORMAL), with no
// framework, no validation and no game. Its throughput is what the live answer path is compared
// with. Usage: node scripts/bench-bare.js <port> <database file>
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

const server = http.createServer((req, res) => {
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
