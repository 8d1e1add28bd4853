import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, sessionTeacher, signUp } from '../accounts/accounts';
import { addTestTeacher } from '../accounts/testTeachers';
import { createAssignment, joinAssignment } from '../assignments/assignments';
import { openTestDatabase, type Db } from '../db/open';
import { hostResults } from '../results/http';
import { answerSoloQuestion, startSoloGame } from '../solo/soloGame';
import { insertTestContent } from '../solo/testContent';
import { eq } from 'drizzle-orm';
import type { Question, RoundConfig } from '../../game/types';
import { games } from '../db/schema';
import { filterTeacherGames, listTeacherGames } from './home';

const DAY = 24 * 3600_000;
/** Monday 2 March 2026, 08:00 UTC. */
const MONDAY = new Date('2026-03-02T08:00:00Z').getTime();

const CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 3,
	secondsPerQuestion: null,
	scoring: 'accuracy',
	streaks: false,
	focusTechniques: []
};

let db: Db;

/** A valid answer to the first question, as the page posts it (right or wrong does not matter). */
function someAnswer(q: Question): Record<string, string> {
	if (q.kind === 'name') return { kind: 'name', index: '0', technique: q.choices[0] };
	if (q.kind === 'judge') return { kind: 'judge', index: '0', verdict: 'loaded' };
	return { kind: 'find', index: '0', start: String(q.targets[0][0]), end: String(q.targets[0][1]) };
}

beforeEach(() => {
	// Only Date is faked: password hashing runs on libuv's threads and must not wait for timers.
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(MONDAY);
	db = openTestDatabase();
	insertTestContent(db);
});

afterEach(() => {
	vi.useRealTimers();
	db.$client.close();
});

describe('a 7-day assignment', () => {
	it(
		'still shows its results to its teacher 8 days after it was set',
		{ timeout: 60_000 },
		async () => {
			const teacher = await signUp(
				db,
				{ email: 'ada@school.example', password: 'a long password' },
				{ mode: 'open' }
			);
			const { token } = createSession(db, teacher.id);
			const { gameId, joinCode } = createAssignment(db, {
				config: CONFIG,
				title: 'Week 3 homework',
				deadline: new Date(MONDAY + 7 * DAY),
				ownerId: teacher.id
			});
			vi.setSystemTime(MONDAY + 2 * DAY);
			const student = joinAssignment(db, joinCode, 'Bea', null);
			startSoloGame(db, gameId, student.token);
			const [first] = db.select().from(games).where(eq(games.id, gameId)).get()!
				.questions as Question[];
			answerSoloQuestion(db, gameId, student.token, someAnswer(first));

			// Tuesday of the next week: the deadline has passed, the teacher comes back.
			vi.setSystemTime(MONDAY + 8 * DAY);
			const session = sessionTeacher(db, token);
			expect(session?.teacher.id).toBe(teacher.id);
			const results = hostResults(db, gameId, session!.teacher);
			expect(results.game.title).toBe('Week 3 homework');
			expect(results.players.map((p) => p.nickname)).toEqual(['Bea']);
			expect(results.players[0].reached).toBe(1);
			const [listed] = listTeacherGames(db, teacher.id);
			expect(listed).toMatchObject({ id: gameId, status: 'closed', players: 1, responses: 1 });
		}
	);
});

describe('the teacher’s home', () => {
	it('lists only the teacher’s own games, newest first, and filters by title and day', () => {
		const ada = addTestTeacher(db);
		const bo = addTestTeacher(db);
		const make = (title: string, ownerId: string, at: number) => {
			vi.setSystemTime(at);
			return createAssignment(db, {
				config: CONFIG,
				title,
				deadline: new Date(at + 7 * DAY),
				ownerId
			}).gameId;
		};
		const first = make('Week 1 loaded words', ada.id, MONDAY);
		const second = make('Week 2 fear', ada.id, MONDAY + 7 * DAY);
		make('Someone else’s', bo.id, MONDAY + DAY);
		vi.setSystemTime(MONDAY + 10 * DAY);
		const games = listTeacherGames(db, ada.id);
		expect(games.map((g) => g.id)).toEqual([second, first]);
		expect(games.map((g) => g.status)).toEqual(['open', 'closed']);
		expect(games[0].accuracy).toBeNull();
		const byTitle = filterTeacherGames(games, { q: 'FEAR', from: '', to: '' });
		expect(byTitle.map((g) => g.id)).toEqual([second]);
		const byDay = filterTeacherGames(games, { q: '', from: '2026-03-01', to: '2026-03-02' });
		expect(byDay.map((g) => g.id)).toEqual([first]);
	});
});
