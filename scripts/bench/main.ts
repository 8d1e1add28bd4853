/**
 * npm run bench [-- --quick] [--repeat=3] [--port=4190] [--workers=1]
 * npx tsx scripts/bench/main.ts [players...] [--spread=2000] [--questions=3] [--seconds=20]
 *
 * The performance story of Slant in one run, over HTTP exactly as browsers play, against the real
 * server (`node scripts/serve.js`, under the build lock, which builds when stale) on 127.0.0.1
 * with a fresh temporary database per scenario. Without player counts it runs, `--repeat` times
 * interleaved (scenario after scenario, then again), and prints the median of each figure:
 *
 * - live games of 200 and 1000 players, answering 0-2 s after they see each question ("think")
 *   or all at the moment it arrives ("burst"); 10 games of 100 players at once;
 * - joins arriving over time: 1000 players joining at 100/s, into a fresh server's first game and
 *   into its third (joins.ts);
 * - solo play: 50 players at once, each playing 10-question rounds through the form actions as the
 *   enhanced page does (0-2 s think time);
 * - answer throughput: the live answer endpoint saturated by 50 connections, and a bare node:http
 *   + better-sqlite3 server (scripts/bench-bare.js) measured the same way in the same run,
 *   interleaved, with the ratio of the two;
 * - the bare fan-out reference: the same bare server writes one 1.2 KB event to 200 and to 1000
 *   event streams read by the same bots, the floor of a live game's fan-out on this machine. Every
 *   live scenario also runs it in the same run, once its game is over and its server stopped, with
 *   as many streams as it had players (one group per game) and events of its question events' size,
 *   and reports its fan-out to the last player, spread and server CPU per fan-out as ratios to it,
 *   the first question apart from the later ones (bare and live runs on `--port`).
 *
 * Each live bot joins and answers on its own keep-alive connection (as a phone's browser does)
 * and reads its event stream on another. One process plays every bot, so a bot stamps an event's
 * arrival when its bytes are read, and the bots parse and react one per turn of the event loop
 * (`defer`), so that the sockets that are ready (other bots' events, answer replies) are read
 * between two bots' work rather than after all of it.
 *
 * Figures: join and answer latency, joins per second and server CPU per join (read once every
 * game's joins are over, before the streams open), host command replies, fan-out to the last
 * player (from the host's command, or for the reveal from the last answer's reply) and its spread
 * across players, the server's own side of a fan-out (wall and CPU time from the first view built
 * to the last event written, recorded by the server), the server's own answer time (from a
 * request's parsed headers to the end of its reply), bytes sent per player per phase, server CPU
 * seconds, peak RSS, event-loop delay (served by serve.js on the loopback /__debug/stats when
 * SLANT_DEBUG_STATS=1), and answers sent vs acknowledged vs stored.
 * - rounds after an import: the PTC train set (PTC_DIR) imported into the running server's database,
 *   then games created one at a time and all at once; event-loop delay meanwhile (`--stall` runs
 *   only this).
 *
 * `--only=<text>` keeps the scenarios whose name contains the text (e.g. `--only=solo`).
 * `--workers=N` runs the server with WORKERS=N (N worker processes behind one port; CPU time and
 * memory are then the primary's and the workers' added up, loop delays the worst of them).
 * `--quick` runs a smaller set once (200 players, 20 solo players, a short throughput test).
 * With player counts it runs one live game per count, with `--spread` ms of think time.
 *
 * Hosts sign up as teachers (POST /api/auth/sign-up) and create games with their session cookie.
 * Nothing is asserted on time. Loopback only; every wait is bounded; servers are stopped at the
 * end (their process groups). BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") passes
 * flags to the server's node.
 *
 * One module per scenario (live.ts, solo.ts, throughput.ts, bareFanout.ts, stall.ts) over a small
 * shared client (client.ts: requests, forms, cookies, event streams), the servers (servers.ts),
 * a live game as host and phones drive it (liveGame.ts) and the figures (figures.ts).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { bareFanoutScenario } from './bareFanout';
import { agent } from './client';
import { fmt, median, type RunResult } from './figures';
import { joinScenario } from './joins';
import { liveScenario } from './live';
import { parseArgs, type Options } from './options';
import { soloScenario } from './solo';
import { stallScenario } from './stall';
import { throughputScenario } from './throughput';

interface Scenario {
	name: string;
	run: () => Promise<RunResult>;
}

function scenarios(opts: Options): Scenario[] {
	const live = (players: number, spread: number, games = 1): Scenario => ({
		name:
			games > 1
				? `${games} games × ${players}, ${spread ? `think 0-${spread / 1000} s` : 'burst'}`
				: `${players} players, ${spread ? `think 0-${spread / 1000} s` : 'burst'}`,
		run: () => liveScenario(opts, games, players, spread)
	});
	if (opts.stall)
		return [{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 10) }];
	if (opts.players.length > 0) return opts.players.map((n) => live(n, opts.spreadMs));
	const think = 2000;
	if (opts.quick) {
		return [
			live(200, think),
			live(200, 0),
			{ name: 'bare fan-out reference', run: () => bareFanoutScenario(opts, [200], 5, 1200) },
			{ name: '200 joining at 100/s', run: () => joinScenario(opts, 200, 100) },
			{ name: 'solo, 20 players, think 0-2 s', run: () => soloScenario(opts, 20, 1, think) },
			{ name: 'answer throughput', run: () => throughputScenario(opts, 1000, 3) },
			{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 3) }
		];
	}
	return [
		live(200, think),
		live(200, 0),
		live(1000, think),
		live(1000, 0),
		live(100, think, 10),
		{ name: '1000 joining at 100/s', run: () => joinScenario(opts, 1000, 100) },
		{
			name: 'bare fan-out reference',
			run: () => bareFanoutScenario(opts, [200, 1000], 10, 1200)
		},
		{ name: 'solo, 50 players, think 0-2 s', run: () => soloScenario(opts, 50, 1, think) },
		{ name: 'answer throughput', run: () => throughputScenario(opts, 2000, 6) },
		{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 10) }
	];
}

async function main(): Promise<number> {
	const opts = parseArgs(process.argv.slice(2));
	const list = scenarios(opts).filter((s) => s.name.includes(opts.only));
	console.log(
		`Slant benchmark: ${list.map((s) => s.name).join('; ')}; ${opts.repeat} run(s) each, interleaved; ${opts.questions} questions of ${opts.seconds} s; port ${opts.port}; WORKERS=${opts.workers}`
	);
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} at start`
	);
	console.log('Times in ms, sizes in KB/MB as named; the median over the runs, then min–max.');
	const runs = new Map<string, RunResult[]>(list.map((s) => [s.name, []]));
	const loads: number[] = [];
	let failures = 0;
	for (let r = 0; r < opts.repeat; r++) {
		for (const s of list) {
			console.log(
				`\n[run ${r + 1}/${opts.repeat}] ${s.name} (load average ${loadavg()[0].toFixed(1)})`
			);
			loads.push(loadavg()[0]);
			const result = await s.run();
			runs.get(s.name)?.push(result);
			for (const p of result.problems) console.log(`  FAIL ${p}`);
			for (const n of result.notes) console.log(`  ${n}`);
			const keys = Object.keys(result.figures);
			console.log(`  ${keys.map((k) => `${k} ${fmt(result.figures[k])}`).join('; ')}`);
			if (result.problems.length) failures++;
		}
	}
	console.log(
		`\nLoad average during the runs (1 min): ${fmt(Math.min(...loads))}–${fmt(Math.max(...loads))}`
	);
	for (const s of list) {
		const results = runs.get(s.name) ?? [];
		console.log(`\n### ${s.name} (${results.length} run${results.length === 1 ? '' : 's'})\n`);
		console.log('| Figure | Median | Min–max |');
		console.log('| :-- | --: | --: |');
		for (const key of Object.keys(results[0]?.figures ?? {})) {
			const values = results.map((x) => x.figures[key]).filter(Number.isFinite);
			console.log(
				`| ${key} | ${fmt(median(values))} | ${fmt(Math.min(...values))}–${fmt(Math.max(...values))} |`
			);
		}
	}
	agent.destroy();
	console.log(
		failures === 0
			? '\nEvery acknowledged answer was stored.'
			: `\n${failures} run(s) with problems (FAIL above).`
	);
	return failures === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
