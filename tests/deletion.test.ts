import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError } from '../src/lib/server/accounts/accounts';
import { createSession, sessionTeacher } from '../src/lib/server/accounts/accounts';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import { createAssignment, joinAssignment } from '../src/lib/server/assignments/assignments';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { loadItemStats } from '../src/lib/server/db/queries';
import { anonymousAnswers, answers, games, players, teachers } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { loadItemAnalysis } from '../src/lib/server/results/items';
import { deleteAccount, deleteGame, deletionCounts } from '../src/lib/server/teacher/deletion';
import { fixtureConfig, fixtureQuestions } from './liveFixtures';

let db: Db;
let live: LiveGames;

beforeEach(() => {
	db = openTestDatabase();
	live = new LiveGames(db);
});

afterEach(() => {
	live.dispose();
	db.$client.close();
});

/** Every row of every table, as text: what a leaked database file would show. */
function everyRow(): string {
	const tables = db.$client
		.prepare("select name from sqlite_master where type = 'table'")
		.all() as { name: string }[];
	return tables
		.map((t) => JSON.stringify(db.$client.prepare(`select * from "${t.name}"`).all()))
		.join('\n');
}

/** A live game of `ownerId` that three players (with these nicknames) play to the end. */
function playedGame(ownerId: string, nicknames: string[]) {
	const { gameId, joinCode } = live.create(fixtureConfig(), {
		ownerId,
		questions: fixtureQuestions(),
		title: 'Week 5'
	});
	const game = live.get(gameId);
	const seats = nicknames.map((n) => live.join(joinCode, n));
	live.command(game, 'start');
	for (let q = 0; q < 3; q++) {
		seats.forEach((seat, i) => {
			const response =
				q === 0
					? { kind: 'name', techniqueId: i === 0 ? 'loaded-language' : 'doubt' }
					: q === 1
						? { kind: 'judge', loaded: i === 1 }
						: { kind: 'find', range: [0, 7] };
			live.answer(game, seat.token, { questionIndex: q, requestId: `r${q}-${i}`, response });
		});
		live.command(game, 'next');
		live.command(game, 'next');
	}
	live.command(game, 'end');
	return gameId;
}

describe('deleting a game', () => {
	it('leaves no row with its nicknames, and keeps its answers without them for item analysis', () => {
		const ada = addTestTeacher(db);
		const names = ['Zephyrine', 'Quillon', 'Marisoleil'];
		const gameId = playedGame(ada.id, names);
		const kept = playedGame(ada.id, ['Ottoline']);
		const before = loadItemStats(db);
		const asked = () =>
			Object.fromEntries(loadItemAnalysis(db).map((i) => [i.itemKey, i.timesAsked]));
		expect(asked()).toEqual({ 'fixture:name': 4, 'fixture:judge': 4, 'fixture:find': 4 });
		expect(db.select().from(answers).where(eq(answers.gameId, gameId)).all()).toHaveLength(9);
		for (const name of names) expect(everyRow()).toContain(name);

		const deleted = deleteGame(db, gameId, ada.id);
		live.discard(gameId);
		expect(deleted).toEqual({ games: [gameId], players: 3, answers: 9 });

		const dump = everyRow();
		for (const name of names) expect(dump).not.toContain(name);
		expect(dump).not.toContain(gameId);
		expect(dump).toContain('Ottoline');
		expect(db.select().from(games).where(eq(games.id, kept)).get()).toBeDefined();
		// The answers stay as facts about the items: three anonymous attempts of three answers.
		const anonymous = db.select().from(anonymousAnswers).all();
		expect(anonymous).toHaveLength(9);
		expect(new Set(anonymous.map((a) => a.attemptId)).size).toBe(3);
		// Right answers: the first player 3 of 3, the second only the find item, the third 2 of 3.
		expect(anonymous.filter((a) => a.correct)).toHaveLength(6);
		expect(anonymous.map((a) => a.itemKey).sort()).toEqual(
			['fixture:find', 'fixture:judge', 'fixture:name'].flatMap((k) => [k, k, k])
		);
		// Item difficulty and item analysis are unchanged by the deletion.
		expect(loadItemStats(db)).toEqual(before);
		expect(asked()).toEqual({ 'fixture:name': 4, 'fixture:judge': 4, 'fixture:find': 4 });
	});

	it('keeps every item of the only game that asked it in the item analysis, with its text', () => {
		const ada = addTestTeacher(db);
		const gameId = playedGame(ada.id, ['Zephyrine', 'Quillon', 'Marisoleil']);
		const listed = () =>
			Object.fromEntries(
				loadItemAnalysis(db).map((i) => [i.itemKey, [i.timesAsked, i.key, i.snippet]])
			);
		const before = listed();
		expect(Object.keys(before).sort()).toEqual(['fixture:find', 'fixture:judge', 'fixture:name']);

		deleteGame(db, gameId, ada.id);
		live.discard(gameId);
		expect(listed()).toEqual(before);
		// The kept question text names nobody.
		const dump = everyRow();
		for (const name of ['Zephyrine', 'Quillon', 'Marisoleil', gameId]) {
			expect(dump).not.toContain(name);
		}
	});

	it('counts, before deleting, the answers players gave, not the questions they let time out', () => {
		const ada = addTestTeacher(db);
		const { gameId, joinCode } = live.create(fixtureConfig(), {
			ownerId: ada.id,
			questions: fixtureQuestions()
		});
		const game = live.get(gameId);
		const seats = ['Ada', 'Bea'].map((n) => live.join(joinCode, n));
		live.command(game, 'start');
		for (let q = 0; q < 3; q++) {
			// Bea never answers the second question: the host closes it early.
			for (const [i, seat] of seats.entries()) {
				if (q === 1 && i === 1) continue;
				const response =
					q === 0
						? { kind: 'name', techniqueId: 'doubt' }
						: q === 1
							? { kind: 'judge', loaded: false }
							: { kind: 'find', range: [0, 7] };
				live.answer(game, seat.token, { questionIndex: q, requestId: `r${q}-${i}`, response });
			}
			if (q === 1) live.command(game, 'skip');
			live.command(game, 'next');
			live.command(game, 'next');
		}
		expect(db.select().from(answers).where(eq(answers.gameId, gameId)).all()).toHaveLength(6);
		expect(deletionCounts(db, gameId)).toEqual({ players: 2, answers: 5 });
	});

	it('is refused (404) to anyone but its owner, and then deletes nothing', () => {
		const ada = addTestTeacher(db);
		const bo = addTestTeacher(db);
		const gameId = playedGame(ada.id, ['Ada', 'Bea', 'Cy']);
		for (const who of [bo.id, undefined]) {
			let refused: unknown;
			try {
				deleteGame(db, gameId, who);
			} catch (e) {
				refused = e;
			}
			expect(refused).toBeInstanceOf(AccountError);
			expect((refused as AccountError).status).toBe(404);
		}
		expect(db.select().from(players).where(eq(players.gameId, gameId)).all()).toHaveLength(3);
	});
});

describe('deleting an account', () => {
	it('deletes the teacher, their sessions, games, assignments, players and answers', () => {
		const ada = addTestTeacher(db, 'ada@school.example');
		const bo = addTestTeacher(db, 'bo@school.example');
		const session = createSession(db, ada.id).token;
		const live1 = playedGame(ada.id, ['Xanthippe', 'Yolanda', 'Zebulon']);
		const now = Date.now();
		const assignment = createAssignment(
			db,
			{
				config: fixtureConfig(),
				title: 'Homework',
				deadline: new Date(now + 7 * 24 * 3600_000),
				ownerId: ada.id
			},
			{ questions: fixtureQuestions(), now }
		);
		joinAssignment(db, assignment.joinCode, 'Wilhelmina', null, now);
		const bos = playedGame(bo.id, ['Bartholomew']);

		const deleted = deleteAccount(db, ada.id);
		live.discard(live1);
		expect(new Set(deleted.games)).toEqual(new Set([live1, assignment.gameId]));
		expect(sessionTeacher(db, session)).toBeNull();
		expect(
			db
				.select()
				.from(teachers)
				.all()
				.map((t) => t.email)
		).toEqual(['bo@school.example']);
		const dump = everyRow();
		for (const gone of ['ada@school.example', 'Xanthippe', 'Yolanda', 'Zebulon', 'Wilhelmina']) {
			expect(dump).not.toContain(gone);
		}
		expect(dump).toContain('Bartholomew');
		expect(db.select().from(games).where(eq(games.id, bos)).get()?.ownerId).toBe(bo.id);
	});
});
