/**
 * Creating solo games: a new round (made off the event loop by content/rounds.ts) frozen on the
 * game row with its one player, and a practice round weighted to what a finished game missed.
 */
import * as v from 'valibot';
import { practiceConfig } from '../../game/round';
import { MACHINE_VERSION } from '../../game/solo.machine';
import type { RoundConfig } from '../../game/types';
import { makeRound, type MadeRound } from '../content/rounds';
import type { Db } from '../db/open';
import { newId, newToken } from '../tokens';
import { soloQueries } from './queries';
import { CreateSoloSchema, RoundConfigSchema, firstMessage, toRoundConfig } from './validation';
import { SoloError, keepFrozenRound, loadSeat, seatRow } from './seats';
import { buildSummary } from './view';

/**
 * Creates the game and its one player in one transaction, and keeps its frozen round for the
 * requests that follow (they would read back what was just written).
 */
function insertGame(
	db: Db,
	{ config, questions, seed }: MadeRound,
	nickname: string | null,
	token: string | null | undefined,
	now: number
) {
	const q = soloQueries(db);
	const gameId = newId();
	const seatToken = token || newToken();
	const stored: RoundConfig = { ...config, count: questions.length };
	const seat = seatRow({
		gameId,
		nickname,
		token: seatToken,
		questionCount: questions.length,
		secondsPerQuestion: config.secondsPerQuestion,
		now
	});
	db.transaction(() => {
		q.insertGame.run({
			id: gameId,
			config: stored,
			seed,
			questions,
			machineVersion: MACHINE_VERSION,
			now: new Date(now)
		});
		q.insertSeat.run(seat);
	});
	keepFrozenRound(gameId, { questions, config: v.parse(RoundConfigSchema, stored) });
	return { gameId, playerId: seat.id, token: seatToken };
}

/**
 * Creates a solo game from a create request (validated here) and returns its id and the
 * player's token. `token`: this browser's existing solo token, reused so that one cookie opens
 * every game the browser started. The round is made off the event loop (content/rounds.ts), so
 * that building it never stalls other players.
 */
export async function createSoloGame(
	db: Db,
	input: unknown,
	options: { token?: string | null; now?: number; seed?: string } = {}
): Promise<{ gameId: string; playerId: string; token: string }> {
	const { config, nickname } = parseCreate(input);
	const round = await makeRound(db, config, {
		audience: 'solo',
		seed: options.seed,
		token: options.token
	});
	return insertGame(db, round, nickname, options.token, options.now ?? Date.now());
}

function parseCreate(input: unknown): { config: RoundConfig; nickname: string | null } {
	const parsed = v.safeParse(CreateSoloSchema, input);
	if (!parsed.success) throw new SoloError(400, firstMessage(parsed.issues));
	return { config: toRoundConfig(parsed.output), nickname: parsed.output.nickname };
}

/** A new round weighted to the techniques the player missed in a finished game. */
export async function createPracticeGame(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	now = Date.now(),
	seed?: string
): Promise<{ gameId: string; playerId: string; token: string }> {
	const { config, nickname } = practiceFor(db, gameId, token);
	const round = await makeRound(db, config, { audience: 'solo', seed, token });
	return insertGame(db, round, nickname, token, now);
}

/** The practice round's configuration: the finished game's, weighted to what was missed. */
function practiceFor(db: Db, gameId: string, token: string | null | undefined) {
	const q = soloQueries(db);
	const seat = loadSeat(q, gameId, token);
	if (!seat.snapshot.hasTag('done')) {
		throw new SoloError(409, 'Finish this round first; then you can practise what you missed.');
	}
	const summary = buildSummary(q, seat);
	return {
		config: practiceConfig(seat.config, summary.missedTechniques),
		nickname: seat.player.nickname
	};
}
