/**
 * The live game's views are built from data shared between streams (seats, ranks, the current
 * answers) and joins and answers do not rewrite the game's snapshot. These tests check, on a fresh
 * database, that what a browser is shown stays the truth of the database after every kind of
 * change, and after a restore.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decodeView } from '../src/lib/client/liveViews';
import { revealQuestion } from '../src/lib/game/feedback';
import { toPublicQuestion } from '../src/lib/game/round';
import { snapToTokens, tokenize, tokenStarts } from '../src/lib/game/tokens';
import type { Excerpt, NameQuestion, Question, TokenRange } from '../src/lib/game/types';
import type { Db } from '../src/lib/server/db/open';
import { answers, games, players } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import type { HostView, PlayerView } from '../src/lib/game/views';
import { fixtureConfig, fixtureQuestions, freshLiveGamesPerTest } from './liveFixtures';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();
const right = { kind: 'name', techniqueId: 'loaded-language' } as const;
const wrong = { kind: 'name', techniqueId: 'doubt' } as const;

let db: Db;
let live: LiveGames;
freshLiveGamesPerTest((fresh) => ({ db, live } = fresh), { frozenAt: T0 });

function setup(questions: Question[] = fixtureQuestions()) {
	const created = live.create(fixtureConfig(), { questions, seed: 'fixture' });
	return { ...created, game: live.get(created.gameId) };
}

/** The first state event of a newly opened stream (what a (re)connecting browser is shown). */
async function firstState<V>(stream: ReadableStream<Uint8Array>): Promise<V> {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	while (!/event: state\ndata: .*\n\n/.test(text)) {
		const { value, done } = await reader.read();
		if (done) break;
		text += decoder.decode(value);
	}
	await reader.cancel();
	const data = /event: state\ndata: (.*)\n\n/.exec(text)?.[1];
	if (!data) throw new Error(`no state event in ${JSON.stringify(text)}`);
	return JSON.parse(data) as V;
}

function playerStream(game: ReturnType<typeof setup>['game'], playerId: string) {
	return firstState<PlayerView>(live.openStream(game, { role: 'player', playerId }));
}

/** A name question on text with an emoji, curly quotes and a non-breaking space, as segmented. */
function unicodeQuestion(): NameQuestion {
	const text = '“Corrupt elites” 😠 are stealing\u00a0your future again, they say.';
	const tokens = tokenize(text);
	const rangeOf = (words: string): TokenRange => {
		const at = text.indexOf(words);
		return snapToTokens(tokenStarts(tokens), at, at + words.length)!;
	};
	const excerpt: Excerpt = {
		articleId: 'unicode',
		articleTitle: 'A “title”',
		outlet: null,
		start: 0,
		end: [...text].length,
		tokens
	};
	const stealing = 'stealing\u00a0your future';
	return {
		itemKey: 'unicode:name',
		kind: 'name',
		excerpt,
		spans: [
			// No editor's explanation: Slant writes one, on the server and again in the browser.
			{
				techniqueId: 'loaded-language',
				range: rangeOf('Corrupt elites'),
				text: 'Corrupt elites',
				explanation: null
			},
			{
				techniqueId: 'fear',
				range: rangeOf(stealing),
				text: stealing,
				explanation: 'Fear 😨 of loss.'
			}
		],
		highlight: rangeOf('Corrupt elites'),
		choices: ['loaded-language', 'name-calling', 'fear', 'doubt'],
		answer: 'loaded-language'
	};
}

describe('views as a browser decodes them', () => {
	it('give back the question and then its reveal as the server holds them, token for token', async () => {
		const q = unicodeQuestion();
		const { joinCode, game } = setup([q, ...fixtureQuestions().slice(1)]);
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		live.command(game, 'start');
		const shownExcerpt = { articleTitle: 'A “title”', outlet: null, tokens: q.excerpt.tokens };
		const shownQuestion = { ...toPublicQuestion(q), excerpt: shownExcerpt };
		const asked = decodeView(await playerStream(game, ada.player.id));
		expect(asked.question?.question).toEqual(shownQuestion);
		expect(asked.reveal).toBeNull();
		const hostAsked = decodeView(
			await firstState<HostView>(live.openStream(game, { role: 'host' }))
		);
		expect(hostAsked.question?.question).toEqual(shownQuestion);

		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: wrong });
		const { itemKey, kind, ...revealed } = revealQuestion(q);
		expect([itemKey, kind]).toEqual(['unicode:name', 'name']);
		const shownReveal = { ...revealed, excerpt: shownExcerpt };
		expect(shownReveal.spans.map((s) => s.explanationBy)).toEqual(['slant', 'editor']);
		const told = decodeView(await playerStream(game, bob.player.id));
		expect(told.reveal?.reveal).toEqual(shownReveal);
		expect(told.reveal?.result?.correct).toBe(false);
		const hostTold = decodeView(
			await firstState<HostView>(live.openStream(game, { role: 'host' }))
		);
		expect(hostTold.reveal?.reveal).toEqual(shownReveal);
	});
});

describe('views shared between streams', () => {
	it('shows a stream opened after a question closed the new scores and ranks', async () => {
		const { joinCode, game } = setup();
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		live.command(game, 'start');
		// Streams opened during the question read the seats before anyone has points.
		expect((await playerStream(game, bob.player.id)).me.rank).toBe(1);
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: right });
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: wrong });
		expect(live.phase(game)).toBe('reveal');

		const bobView = await playerStream(game, bob.player.id);
		const adaView = await playerStream(game, ada.player.id);
		const rows = db.select().from(players).where(eq(players.gameId, game.id)).all();
		const score = (id: string) => rows.find((r) => r.id === id)?.score;
		expect(score(bob.player.id)).toBeGreaterThan(0);
		expect(bobView.me.score).toBe(score(bob.player.id));
		expect(bobView.me.rank).toBe(1);
		expect(bobView.reveal?.result?.correct).toBe(true);
		expect(adaView.me.score).toBe(score(ada.player.id));
		expect(adaView.me.rank).toBe(2);
		expect(adaView.reveal?.result?.correct).toBe(false);

		live.command(game, 'next');
		const board = await playerStream(game, ada.player.id);
		expect(board.leaderboard?.map((r) => [r.nickname, r.rank])).toEqual([
			['Bob', 1],
			['Ada', 2]
		]);
	});

	it('gives equal scores the same rank and a removed player none', async () => {
		const { joinCode, game } = setup();
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		const cy = live.join(joinCode, 'Cy');
		live.command(game, 'start');
		for (const [p, r] of [
			[ada, right],
			[bob, right],
			[cy, wrong]
		] as const) {
			live.answer(game, p.token, { questionIndex: 0, requestId: p.player.id, response: r });
		}
		// Same answer at the same (fake) moment: the same points.
		expect((await playerStream(game, ada.player.id)).me.rank).toBe(1);
		expect((await playerStream(game, bob.player.id)).me.rank).toBe(1);
		expect((await playerStream(game, cy.player.id)).me.rank).toBe(3);

		live.remove(game, ada.player.id);
		const removed = await playerStream(game, ada.player.id);
		expect(removed.me.removed).toBe(true);
		expect(removed.me.rank).toBeNull();
		expect((await playerStream(game, cy.player.id)).me.rank).toBe(2);
	});

	it('shows players who joined after the views were built', async () => {
		const { joinCode, game } = setup();
		const ada = live.join(joinCode, 'Ada');
		const host = live.openStream(game, { role: 'host' });
		expect((await firstState<HostView>(host)).players?.map((p) => p.nickname)).toEqual(['Ada']);
		await playerStream(game, ada.player.id);

		const bob = live.join(joinCode, 'Bob');
		const view = await playerStream(game, bob.player.id);
		expect(view.me.nickname).toBe('Bob');
		expect(view.playerCount).toBe(2);
		const hostView = await firstState<HostView>(live.openStream(game, { role: 'host' }));
		expect(hostView.players?.map((p) => p.nickname)).toEqual(['Ada', 'Bob']);
	});

	it("marks a player's answer on a stream opened after they answered", async () => {
		const { joinCode, game } = setup();
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		live.command(game, 'start');
		expect((await playerStream(game, ada.player.id)).me.answered).toBe(false);
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		const view = await playerStream(game, ada.player.id);
		expect(view.me.answered).toBe(true);
		expect(view.answered).toBe(1);
		expect((await playerStream(game, bob.player.id)).me.answered).toBe(false);
	});
});

describe("a view's answer count", () => {
	it('is current in /state, while a player stream sends it only with phase changes', async () => {
		const { joinCode, game } = setup();
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		live.join(joinCode, 'Cy');
		live.command(game, 'start');
		const reader = live.openStream(game, { role: 'player', playerId: ada.player.id }).getReader();
		const decoder = new TextDecoder();
		let text = '';
		/** The next state event on Ada's stream. */
		const nextState = async (): Promise<PlayerView> => {
			for (;;) {
				const event = /event: state\ndata: (.*)\n\n/.exec(text);
				if (event) {
					text = text.slice(event.index + event[0].length);
					return JSON.parse(event[1]) as PlayerView;
				}
				const { value, done } = await reader.read();
				if (done) throw new Error('the stream ended');
				text += decoder.decode(value, { stream: true });
			}
		};
		const opened = await nextState();
		expect([opened.phase, opened.answered]).toEqual(['question', 0]);

		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: right });
		// Asked for, the view counts Bob's answer at once (docs/api.md: "answered").
		const asked = live.playerView(game, ada.player.id);
		expect([asked.phase, asked.answered, asked.me.answered]).toEqual(['question', 1, false]);

		// Streamed, Bob's answer sent Ada nothing: her next event is the reveal, with the count then.
		live.command(game, 'skip');
		const revealed = await nextState();
		expect([revealed.phase, revealed.answered]).toEqual(['reveal', 1]);
		await reader.cancel();
	});
});

describe('counts and versions across a restore', () => {
	it('recounts answers and joins the snapshot did not record, and never goes back a version', () => {
		const { joinCode, game, gameId } = setup();
		const ada = live.join(joinCode, 'Ada');
		const bob = live.join(joinCode, 'Bob');
		live.command(game, 'start');
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		live.join(joinCode, 'Cy');
		const seen = game.snapshot.context;
		expect(seen.answered).toBe(1);
		expect(seen.players).toBe(3);
		live.dispose();

		live = new LiveGames(db);
		const restored = live.get(gameId);
		const context = restored.snapshot.context;
		expect(live.phase(restored)).toBe('question');
		expect(context.answered).toBe(1);
		expect(context.players).toBe(3);
		expect(context.version).toBe(seen.version);

		live.answer(restored, bob.token, { questionIndex: 0, requestId: 'b', response: right });
		expect(restored.snapshot.context.version).toBeGreaterThan(seen.version);
		expect(restored.snapshot.context.answered).toBe(2);
		expect(live.phase(restored)).toBe('question');
	});

	it('stores every answer even though the snapshot row is not rewritten for it', () => {
		const { joinCode, game, gameId } = setup();
		const ada = live.join(joinCode, 'Ada');
		live.join(joinCode, 'Bob');
		live.command(game, 'start');
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		const stored = db.select().from(answers).where(eq(answers.gameId, gameId)).all();
		expect(stored.map((a) => a.requestId)).toEqual(['a']);
		const row = db.select().from(games).where(eq(games.id, gameId)).get();
		expect(row?.status).toBe('running');
		expect(row?.snapshot).toMatchObject({ value: 'question' });
	});
});

describe('finding a game by its code', () => {
	it('prefers the game now using a code over an ended game that used it before', () => {
		const old = setup();
		live.command(old.game, 'end');
		const fresh = setup();
		db.update(games).set({ joinCode: fresh.joinCode }).where(eq(games.id, old.gameId)).run();
		expect(live.byCode(fresh.joinCode).id).toBe(fresh.gameId);
		expect(live.join(fresh.joinCode, 'Ada').game.id).toBe(fresh.gameId);
	});
});
