/**
 * Results of a finished (or running) game, for its teacher: live games and assignments alike.
 * Everything is computed from the game's frozen questions and the answers table, so the figures
 * match what the players were told. Players the host removed are left out, as on the host screen.
 */
import { questionTechnique } from '../../game/round';
import { and, asc, eq } from 'drizzle-orm';
import { discernment, type Discernment } from '../../game/discernment';
import { techniqueById, type TechniqueId } from '../../game/techniques';
import type { Question, QuestionKind } from '../../game/types';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { hashToken } from '../tokens';
import { Refusal } from '../refusal';

/** A refusal with the HTTP status the route should answer with. */
export class ResultsError extends Refusal {
	declare readonly status: 403 | 404;
	constructor(status: 403 | 404, message: string) {
		super(status, message);
	}
}

type GameRow = typeof games.$inferSelect;
type AnswerRow = typeof answers.$inferSelect;

/** One bar of a question's answer distribution. */
export interface ChoiceCount {
	/** A technique id, 'loaded'/'straight', 'full'/'partial'/'none', or 'no-answer'. */
	key: string;
	label: string;
	count: number;
	/** This bar is (or counts) the right answer. */
	correct: boolean;
}

export interface QuestionResult {
	index: number;
	kind: QuestionKind;
	/** The technique the item is about; null for a straight passage. */
	techniqueId: TechniqueId | null;
	techniqueName: string | null;
	/** Judge questions: whether the passage is loaded; null for the other kinds. */
	loaded: boolean | null;
	/** The start of the excerpt, for recognising the item. */
	snippet: string;
	/** Players who reached the question: an answer row, given or timed out. */
	responses: number;
	/** Of those, the ones who answered before time ran out. */
	answered: number;
	/** Fully correct answers. */
	correct: number;
	/** correct / responses (a timed-out question counts as wrong); null when nobody reached it. */
	shareCorrect: number | null;
	/** Mean credit (0..1, partial credit for find-the-phrase) over responses; null as above. */
	meanCredit: number | null;
	distribution: ChoiceCount[];
}

export interface PlayerDiscernment extends Discernment {
	/** Loaded-or-straight questions the player answered. */
	judged: number;
}

export interface PlayerResults {
	playerId: string;
	/** Competition rank by score (equal scores share a rank). */
	rank: number;
	nickname: string;
	score: number;
	correct: number;
	/** Questions answered before time ran out. */
	answered: number;
	/** Questions reached (answered or timed out). */
	reached: number;
	/** correct / reached; null before the first question. */
	accuracy: number | null;
	/** Finished the whole round (assignments; in a live game, when the game has ended). */
	finished: boolean;
	/** On loaded-or-straight questions; null when the player judged none. */
	discernment: PlayerDiscernment | null;
}

export interface TechniqueResult {
	techniqueId: TechniqueId;
	name: string;
	responses: number;
	correct: number;
	/** correct / responses. */
	share: number;
}

/** Wrong technique choices on name-the-technique questions: the right one and what was chosen. */
export interface ConfusedPair {
	answer: TechniqueId;
	answerName: string;
	chosen: TechniqueId;
	chosenName: string;
	count: number;
}

export interface GameResults {
	game: {
		id: string;
		mode: string;
		title: string | null;
		code: string | null;
		questionCount: number;
		createdAt: Date;
		deadline: Date | null;
		ended: boolean;
	};
	questions: QuestionResult[];
	players: PlayerResults[];
	/** Weakest first. */
	byTechnique: TechniqueResult[];
	/** Most frequent first. */
	confusedPairs: ConfusedPair[];
	/** The whole class's loaded-or-straight judgements; null when there were none. */
	discernment: PlayerDiscernment | null;
}

const nameOf = (id: TechniqueId) => techniqueById(id)?.name ?? id;

const SNIPPET_LENGTH = 90;

/** The excerpt's text with runs of space collapsed, cut at a word after about 90 characters. */
function snippetOf(q: Question): string {
	const text = q.excerpt.tokens
		.map((t) => t.text)
		.join('')
		.replace(/\s+/gu, ' ')
		.trim();
	const chars = Array.from(text);
	if (chars.length <= SNIPPET_LENGTH) return text;
	const cut = chars.slice(0, SNIPPET_LENGTH).join('');
	const space = cut.lastIndexOf(' ');
	return `${(space > SNIPPET_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function distributionOf(q: Question, rows: AnswerRow[]): ChoiceCount[] {
	const responses = rows.map((r) => r.response ?? null);
	const noAnswer = responses.filter((r) => r === null).length;
	const bars: ChoiceCount[] = [];
	switch (q.kind) {
		case 'name': {
			const counts = new Map<TechniqueId, number>(q.choices.map((c) => [c, 0]));
			for (const r of responses) {
				if (r?.kind === 'name') counts.set(r.techniqueId, (counts.get(r.techniqueId) ?? 0) + 1);
			}
			for (const [id, count] of counts) {
				bars.push({ key: id, label: nameOf(id), count, correct: id === q.answer });
			}
			break;
		}
		case 'judge': {
			let loaded = 0;
			let straight = 0;
			for (const r of responses) {
				if (r?.kind === 'judge') {
					if (r.loaded) loaded++;
					else straight++;
				}
			}
			bars.push({ key: 'loaded', label: 'Loaded', count: loaded, correct: q.loaded });
			bars.push({ key: 'straight', label: 'Straight', count: straight, correct: !q.loaded });
			break;
		}
		case 'find': {
			let full = 0;
			let partial = 0;
			let none = 0;
			for (const r of rows) {
				if (r.response === null) continue;
				if (r.correct || r.credit >= 1) full++;
				else if (r.credit > 0) partial++;
				else none++;
			}
			bars.push({ key: 'full', label: 'Found the words', count: full, correct: true });
			bars.push({ key: 'partial', label: 'Partly found', count: partial, correct: false });
			bars.push({ key: 'none', label: 'Missed', count: none, correct: false });
			break;
		}
	}
	bars.push({ key: 'no-answer', label: 'No answer', count: noAnswer, correct: false });
	return bars;
}

function judgements(questions: Question[], rows: AnswerRow[]) {
	const items: { loaded: boolean; saidLoaded: boolean }[] = [];
	for (const row of rows) {
		const q = questions[row.questionIndex];
		const r = row.response;
		if (q?.kind === 'judge' && r?.kind === 'judge') {
			items.push({ loaded: q.loaded, saidLoaded: r.loaded });
		}
	}
	return items.length > 0 ? { ...discernment(items), judged: items.length } : null;
}

/** The game with this id, if `token` is its host token: 404 or 403 otherwise. */
export function requireHost(db: Db, gameId: string, token: string | null | undefined): GameRow {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	if (!game || (game.mode !== 'live' && game.mode !== 'assignment')) {
		throw new ResultsError(404, 'There is no game or assignment with this id.');
	}
	if (!token || !game.hostTokenHash || game.hostTokenHash !== hashToken(token)) {
		throw new ResultsError(
			403,
			'Only the teacher who created this game can see its results, from the same browser.'
		);
	}
	return game;
}

/** Per-question, per-player and class results of a live game or an assignment. */
export function loadResults(db: Db, gameId: string): GameResults {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	if (!game) throw new ResultsError(404, 'There is no game or assignment with this id.');
	const questions = game.questions;
	const seats = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.removed, false)))
		.all();
	const active = new Set(seats.map((p) => p.id));
	const rows = db
		.select()
		.from(answers)
		.where(eq(answers.gameId, gameId))
		.orderBy(asc(answers.questionIndex))
		.all()
		.filter((r) => active.has(r.playerId) && questions[r.questionIndex] !== undefined);

	const byQuestion = questions.map(() => [] as AnswerRow[]);
	const byPlayer = new Map<string, AnswerRow[]>(seats.map((p) => [p.id, []]));
	for (const row of rows) {
		byQuestion[row.questionIndex].push(row);
		byPlayer.get(row.playerId)?.push(row);
	}

	const questionResults: QuestionResult[] = questions.map((q, index) => {
		const given = byQuestion[index];
		const techniqueId = questionTechnique(q);
		const correct = given.filter((r) => r.correct).length;
		return {
			index,
			kind: q.kind,
			techniqueId,
			techniqueName: techniqueId ? nameOf(techniqueId) : null,
			loaded: q.kind === 'judge' ? q.loaded : null,
			snippet: snippetOf(q),
			responses: given.length,
			answered: given.filter((r) => r.response !== null).length,
			correct,
			shareCorrect: ratio(correct, given.length),
			meanCredit: ratio(
				given.reduce((sum, r) => sum + r.credit, 0),
				given.length
			),
			distribution: distributionOf(q, given)
		};
	});

	const ended = game.status === 'ended';
	const unranked = seats.map((p) => {
		const own = byPlayer.get(p.id) ?? [];
		const correct = own.filter((r) => r.correct).length;
		return {
			playerId: p.id,
			rank: 0,
			nickname: p.nickname ?? '',
			score: p.score,
			correct,
			answered: own.filter((r) => r.response !== null).length,
			reached: own.length,
			accuracy: ratio(correct, own.length),
			finished: p.finishedAt !== null || (game.mode === 'live' && ended),
			discernment: judgements(questions, own)
		};
	});
	const playerResults: PlayerResults[] = unranked.sort(
		(a, b) => b.score - a.score || b.correct - a.correct || a.nickname.localeCompare(b.nickname)
	);
	playerResults.forEach((p, i) => {
		p.rank = i > 0 && p.score === playerResults[i - 1].score ? playerResults[i - 1].rank : i + 1;
	});

	const techniques = new Map<TechniqueId, TechniqueResult>();
	const pairs = new Map<string, ConfusedPair>();
	for (const row of rows) {
		const q = questions[row.questionIndex];
		const techniqueId = questionTechnique(q);
		if (techniqueId) {
			const entry = techniques.get(techniqueId) ?? {
				techniqueId,
				name: nameOf(techniqueId),
				responses: 0,
				correct: 0,
				share: 0
			};
			entry.responses++;
			if (row.correct) entry.correct++;
			techniques.set(techniqueId, entry);
		}
		const r = row.response;
		if (q.kind === 'name' && r?.kind === 'name' && r.techniqueId !== q.answer) {
			const key = `${q.answer}>${r.techniqueId}`;
			const pair = pairs.get(key) ?? {
				answer: q.answer,
				answerName: nameOf(q.answer),
				chosen: r.techniqueId,
				chosenName: nameOf(r.techniqueId),
				count: 0
			};
			pair.count++;
			pairs.set(key, pair);
		}
	}
	const byTechnique = [...techniques.values()]
		.map((t) => ({ ...t, share: t.correct / t.responses }))
		.sort((a, b) => a.share - b.share || a.name.localeCompare(b.name));
	const confusedPairs = [...pairs.values()].sort(
		(a, b) =>
			b.count - a.count ||
			a.answerName.localeCompare(b.answerName) ||
			a.chosenName.localeCompare(b.chosenName)
	);

	return {
		game: {
			id: game.id,
			mode: game.mode,
			title: game.title,
			code: game.joinCode,
			questionCount: questions.length,
			createdAt: game.createdAt,
			deadline: game.deadline,
			ended
		},
		questions: questionResults,
		players: playerResults,
		byTechnique,
		confusedPairs,
		discernment: judgements(questions, rows)
	};
}
