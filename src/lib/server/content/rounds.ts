/**
 * Round making for every mode (live games, assignments and their check pairs, solo play): settle
 * the sources the round may use, build it (off the event loop where the server can, see
 * roundBuilder.ts) and refuse, with one wording, a choice no round can be made from. Services call
 * it; routes never build rounds.
 */
import type { Question, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { loadRoundContent, loadSeenExcerpts } from '../db/queries';
import { Refusal } from '../refusal';
import { hashToken, newSeed } from '../tokens';
import { buildRoundFromDb, buildRoundOffThread, type SeenExcerpts } from './roundBuilder';
import { settleSources, type Audience } from './roundSources';

/** No round can be made from a choice of content; `code` as the JSON API names it. */
export class RoundError extends Refusal {
	constructor(
		readonly code: 'bad_sources' | 'no_questions',
		message: string
	) {
		super(400, message);
	}
}

/** A round ready to freeze on a game: its settled configuration, its questions and their seed. */
export interface MadeRound {
	config: RoundConfig;
	questions: Question[];
	seed: string;
}

/** Who a round is for, and what it may be built from. */
export interface RoundFor {
	/** 'solo' (public sources only) or 'class' (what the teacher chose). */
	audience: Audience;
	seed?: string;
	/** The browser whose recently met excerpts are avoided (solo). */
	token?: string | null;
	/** Questions wanted, when not `config.count` (a check pair builds a larger pool). */
	count?: number;
	/** The teacher making a class round: their own and shared articles are open to them. */
	teacherId?: string | null;
}

/**
 * The configuration with its sources settled (imported corpora only where allowed, see
 * settleSources) and its article checked. Refuses (RoundError) a choice that is not allowed.
 */
export function settleRound(
	db: Db,
	config: RoundConfig,
	audience: Audience,
	teacherId: string | null = null
): RoundConfig {
	const settled = settleSources(db, config, audience, teacherId);
	if (!settled.ok) throw new RoundError('bad_sources', settled.message);
	const { articleId } = settled.config;
	if (articleId !== null && loadRoundContent(db, articleId).length === 0) {
		throw new RoundError(
			'bad_sources',
			'That article is not in the library any more. Choose another.'
		);
	}
	return settled.config;
}

/** What the builder needs besides the content: settled config, seed, excerpts to avoid. */
function prepare(db: Db, config: RoundConfig, round: RoundFor) {
	const settled = settleRound(db, config, round.audience, round.teacherId ?? null);
	const seen: SeenExcerpts = round.token ? loadSeenExcerpts(db, hashToken(round.token)) : [];
	const build = round.count === undefined ? settled : { ...settled, count: round.count };
	return { settled, build, seen, seed: round.seed ?? newSeed() };
}

/** The refusal for a round the builder could not make (or made empty). */
function noRound(reason: string): RoundError {
	return new RoundError(
		'no_questions',
		`No round could be built from this choice of content: ${reason}`
	);
}

function made(config: RoundConfig, questions: Question[], seed: string): MadeRound {
	if (questions.length === 0) throw noRound('it holds no questions');
	return { config, questions, seed };
}

/**
 * Makes a round: sources settled, built off the event loop where the server can, refused with a
 * RoundError when the choice allows no round. What every server path that creates a game uses.
 */
export async function makeRound(db: Db, config: RoundConfig, round: RoundFor): Promise<MadeRound> {
	const { settled, build, seen, seed } = prepare(db, config, round);
	let questions: Question[];
	try {
		questions = await buildRoundOffThread(db, build, seed, seen);
	} catch (e) {
		throw noRound((e as Error).message);
	}
	return made(settled, questions, seed);
}

/**
 * `makeRound` on this thread, for callers that must stay synchronous (tests and scripts that
 * create games without a server).
 */
export function makeRoundNow(db: Db, config: RoundConfig, round: RoundFor): MadeRound {
	const { settled, build, seen, seed } = prepare(db, config, round);
	let questions: Question[];
	try {
		questions = buildRoundFromDb(db, build, seed, seen);
	} catch (e) {
		throw noRound((e as Error).message);
	}
	return made(settled, questions, seed);
}

/** Refuses a round handed in ready-made (tests) that holds no questions. */
export function checkQuestions(questions: Question[]): Question[] {
	if (questions.length === 0) throw noRound('it holds no questions');
	return questions;
}
