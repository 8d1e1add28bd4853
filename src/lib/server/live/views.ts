/**
 * What the host and each player see of a live game, built from the machine's snapshot and the rows
 * the game has read. Correct answers appear only in the reveal. Questions and reveals are sent in
 * their compact wire form (game/wire.ts).
 */
import { revealQuestion } from '../../game/feedback';
import { phaseOf, type LiveGameTag } from '../../game/liveGame.machine';
import { toPublicQuestion } from '../../game/round';
import type { Question } from '../../game/types';
import { encodeQuestion, encodeReveal, type WireQuestion, type WireReveal } from '../../game/wire';
import { distribution } from './answerChart';
import { LiveError } from './errors';
import type { LiveQueries } from './queries';
import { rankIn } from './ranking';
import { readGiven, readRanking, readSeats, type AnswerRow, type LiveGame } from './runningGame';
import type {
	HostView,
	LiveGameInfo,
	LiveQuestionView,
	PlayerResult,
	PlayerView,
	RankEntry
} from '../../game/views';

/**
 * Wire forms per question, made once: a question's public form and its reveal never change, and
 * every view of the phase (each /state call, each reconnecting stream) would otherwise encode
 * them again. Keyed by the game's question objects, so they go with the game.
 */
const wireQuestions = new WeakMap<Question, WireQuestion>();
const wireReveals = new WeakMap<Question, WireReveal>();

function wireQuestion(q: Question): WireQuestion {
	let wire = wireQuestions.get(q);
	if (!wire) wireQuestions.set(q, (wire = encodeQuestion(toPublicQuestion(q))));
	return wire;
}

/** The answer key and explanations: only for views of the reveal phase. */
function wireReveal(q: Question): WireReveal {
	let wire = wireReveals.get(q);
	if (!wire) wireReveals.set(q, (wire = encodeReveal(revealQuestion(q))));
	return wire;
}

function resultOf(row: AnswerRow | undefined): PlayerResult | null {
	if (!row) return null;
	return {
		correct: row.correct,
		credit: row.credit,
		points: row.points,
		timedOut: row.timedOut,
		response: row.response ?? null
	};
}

function info(game: LiveGame): LiveGameInfo {
	return {
		id: game.id,
		code: game.code,
		questionCount: game.questions.length,
		secondsPerQuestion: game.config.secondsPerQuestion,
		scoring: game.config.scoring,
		streaks: game.config.streaks,
		askConfidence: game.config.askConfidence ?? false
	};
}

/** What host and players share. `ranking` is asked for only in the phases that show a leaderboard. */
function base(game: LiveGame, ranking: () => RankEntry[]) {
	const snapshot = game.snapshot;
	const phase = phaseOf(snapshot.value);
	const { index, startedAt, deadline, limitMs, answered, players: playerCount } = snapshot.context;
	const question: LiveQuestionView | null =
		index >= 0 && (phase === 'question' || phase === 'reveal')
			? {
					index,
					question: wireQuestion(game.questions[index]),
					startedAt: startedAt ?? 0,
					deadline,
					limitMs
				}
			: null;
	const leaderboard =
		phase === 'leaderboard'
			? ranking().slice(0, 5)
			: snapshot.hasTag('over')
				? ranking().slice(0, 3)
				: null;
	return {
		version: snapshot.context.version,
		phase,
		tags: [...snapshot.tags] as LiveGameTag[],
		serverNow: Date.now(),
		game: info(game),
		index,
		playerCount,
		answered,
		question,
		leaderboard
	};
}

/** The personal part of a player's view: their seat, and their own result at reveal. */
function personal(q: LiveQueries, game: LiveGame, playerId: string, phase: string) {
	let seats = readSeats(q, game);
	if (!seats.byId.has(playerId)) {
		// Not among the seats as last read: read them again before saying there is no such seat.
		game.seats = undefined;
		seats = readSeats(q, game);
	}
	const me = seats.byId.get(playerId);
	if (!me) throw new LiveError(404, 'player_not_found', 'That player is not in this game.');
	const answer = readGiven(q, game).get(playerId);
	return {
		me: {
			id: me.id,
			nickname: me.nickname ?? '',
			score: me.score,
			streak: me.streak,
			correctCount: me.correctCount,
			rank: rankIn(seats, me),
			removed: me.removed,
			answered: phase === 'question' && answer !== undefined
		},
		result: resultOf(answer)
	};
}

/** `JSON.stringify(me)` of `personal()`, written out: one fan-out makes it for every player. */
function meJson(me: ReturnType<typeof personal>['me']): string {
	return `{"id":${JSON.stringify(me.id)},"nickname":${JSON.stringify(me.nickname)},"score":${me.score},"streak":${me.streak},"correctCount":${me.correctCount},"rank":${me.rank},"removed":${me.removed},"answered":${me.answered}}`;
}

/** The view of one player; 404 when the game has no such seat. */
export function playerView(q: LiveQueries, game: LiveGame, playerId: string): PlayerView {
	const shared = base(game, () => readRanking(q, game));
	const { me, result } = personal(q, game, playerId, shared.phase);
	const snapshot = game.snapshot;
	return {
		...shared,
		role: 'player',
		me,
		reveal: snapshot.matches('reveal')
			? {
					index: snapshot.context.index,
					reveal: wireReveal(game.questions[snapshot.context.index]),
					result
				}
			: null
	};
}

/**
 * Player views as JSON text for one fan-out, in parts: what every player sees (the question and
 * its excerpt, the answer key at reveal, the leaderboard) is serialised once, in `shared`, and
 * each player adds only their own parts. Player p's JSON is
 * `shared[0] + mine(p)[0] + shared[1] + mine(p)[1] + shared[2]`, exactly
 * `JSON.stringify(playerView(...))`; the streams encode the shared parts once per fan-out.
 */
export function playerViewParts(
	q: LiveQueries,
	game: LiveGame
): { shared: [string, string, string]; mine(playerId: string): [string, string] } {
	const shared = base(game, () => readRanking(q, game));
	const snapshot = game.snapshot;
	const head = `${JSON.stringify(shared).slice(0, -1)},"role":"player","me":`;
	if (!snapshot.matches('reveal')) {
		return {
			shared: [head, ',"reveal":null}', ''],
			mine: (playerId) => [meJson(personal(q, game, playerId, shared.phase).me), '']
		};
	}
	const revealHead = `,"reveal":{"index":${snapshot.context.index},"reveal":${JSON.stringify(
		wireReveal(game.questions[snapshot.context.index])
	)},"result":`;
	return {
		shared: [head, revealHead, '}}'],
		mine: (playerId) => {
			const { me, result } = personal(q, game, playerId, shared.phase);
			return [meJson(me), JSON.stringify(result)];
		}
	};
}

/** Each player's view as JSON text for one fan-out (see `playerViewParts`). */
export function playerViewsAsJson(q: LiveQueries, game: LiveGame): (playerId: string) => string {
	const { shared, mine } = playerViewParts(q, game);
	return (playerId) => {
		const [a, b] = mine(playerId);
		return shared[0] + a + shared[1] + b + shared[2];
	};
}

/** The host's view: the lobby's players, answer counts, and the reveal's answer chart. */
export function hostView(q: LiveQueries, game: LiveGame): HostView {
	const { rows, byId } = readSeats(q, game);
	const shared = base(game, () => readRanking(q, game));
	const snapshot = game.snapshot;
	let reveal: HostView['reveal'] = null;
	if (snapshot.matches('reveal')) {
		const question = game.questions[snapshot.context.index];
		const given = [...readGiven(q, game).values()].filter((a) => !byId.get(a.playerId)?.removed);
		reveal = {
			index: snapshot.context.index,
			reveal: wireReveal(question),
			distribution: distribution(question, given)
		};
	}
	return {
		...shared,
		role: 'host',
		players: snapshot.matches('lobby')
			? rows
					.filter((p) => !p.removed)
					.map((p) => ({ id: p.id, nickname: p.nickname ?? '', score: p.score }))
			: null,
		reveal
	};
}
