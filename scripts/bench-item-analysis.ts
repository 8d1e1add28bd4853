/**
 * npx tsx scripts/bench-item-analysis.ts [answers] [repeats]
 *
 * Times the teacher's item analysis (`loadItemAnalysis`, what /teacher/items runs on every page
 * load) on a fresh SQLite file seeded with about `answers` answers (default 50,000): rounds of ten
 * built from the bundled content, 80% in live games of 20 players, the rest solo rounds, plus 5%
 * as anonymous answers of deleted games. Right or wrong is drawn from a player's ability and an
 * item's difficulty (seeded), so discriminations vary. Prints the median and range of `repeats`
 * loads (default 15) after the first, which is printed on its own. Figures only; BENCHMARKS.md keeps them.
 */
import { mulberry32 } from '../src/lib/game/random';
import { buildRound, defaultRoundConfig } from '../src/lib/game/round';
import type { Question } from '../src/lib/game/types';
import type { Db } from '../src/lib/server/db/open';
import { loadRoundContent } from '../src/lib/server/db/queries';
import { loadItemAnalysis } from '../src/lib/server/results/items';
import { withBenchDatabase } from './benchSetup';

const target = Number(process.argv[2] ?? 50_000);
const repeats = Number(process.argv[3] ?? 15);
const ROUND = 10;
const LIVE_PLAYERS = 20;

function seed(db: Db) {
	const random = mulberry32(7);
	const content = loadRoundContent(db);
	const difficulty = new Map<string, number>();
	const insertGame = db.$client.prepare(
		`INSERT INTO games (id, mode, join_code, host_token_hash, title, config, seed, questions, status, created_at)
		 VALUES (?, ?, '123456', ?, 'bench', ?, ?, ?, 'ended', ?)`
	);
	const insertPlayer = db.$client.prepare(
		`INSERT INTO players (id, game_id, nickname, nickname_key, token_hash) VALUES (?, ?, ?, ?, ?)`
	);
	const insertAnswer = db.$client.prepare(
		`INSERT INTO answers (game_id, player_id, question_index, item_key, kind, correct, credit, time_ms, points, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, 1000, ?, ?)`
	);
	const insertAnonymous = db.$client.prepare(
		`INSERT INTO anonymous_answers (attempt_id, mode, question_index, item_key, kind, correct, credit, time_ms, answered_at)
		 VALUES (?, 'live', ?, ?, ?, ?, ?, 1000, ?)`
	);
	const right = (q: Question, ability: number) => {
		let d = difficulty.get(q.itemKey);
		if (d === undefined) difficulty.set(q.itemKey, (d = random()));
		return random() < 0.15 + 0.7 * ability * (1 - d * 0.6);
	};
	let answered = 0;
	let games = 0;
	const now = Date.now();
	db.$client.transaction(() => {
		while (answered < target) {
			const live = games % 5 !== 4;
			const gameId = `bench-${games}`;
			// Imported corpora are unreviewed here: the bench measures how items are built from all of them.
			const questions = buildRound(
				content,
				{ ...defaultRoundConfig(), includeUnreviewed: true },
				gameId
			).slice(0, ROUND);
			insertGame.run(
				gameId,
				live ? 'live' : 'solo',
				`host-${games}`,
				JSON.stringify({ ...defaultRoundConfig(), includeUnreviewed: true }),
				gameId,
				JSON.stringify(questions),
				now
			);
			for (let p = 0; p < (live ? LIVE_PLAYERS : 1); p++) {
				const playerId = `${gameId}-p${p}`;
				insertPlayer.run(playerId, gameId, `p${p}`, `p${p}`, playerId);
				const ability = random();
				questions.forEach((q, i) => {
					const ok = right(q, ability) ? 1 : 0;
					insertAnswer.run(gameId, playerId, i, q.itemKey, q.kind, ok, ok, ok * 1000, now);
					answered++;
				});
			}
			if (games % 2 === 0) {
				const ability = random();
				questions.forEach((q, i) => {
					const ok = right(q, ability) ? 1 : 0;
					insertAnonymous.run(`attempt-${games}`, i, q.itemKey, q.kind, ok, ok, now);
				});
			}
			games++;
		}
	})();
	return { answered, games, items: difficulty.size };
}

withBenchDatabase('item-analysis', (db) => {
	const seeded = seed(db);
	const anonymous = db.$client.prepare('SELECT count(*) AS n FROM anonymous_answers').get() as {
		n: number;
	};
	console.log(
		`Item analysis: ${seeded.answered} answers (+${anonymous.n} anonymous) in ${seeded.games} games, ${seeded.items} items (Node ${process.version})`
	);
	const first = performance.now();
	let listed = loadItemAnalysis(db).length;
	console.log(`  first load (nothing cached yet): ${(performance.now() - first).toFixed(1)} ms`);
	const times: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const start = performance.now();
		listed = loadItemAnalysis(db).length;
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	console.log(
		`  loadItemAnalysis: median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, range ${times[0].toFixed(1)}-${times[times.length - 1].toFixed(1)} ms over ${repeats} loads; ${listed} items listed`
	);
});
