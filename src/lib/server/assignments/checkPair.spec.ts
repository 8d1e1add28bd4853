import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { FORM_SIZE, matchKey, sharesExcerpt } from '../../game/parallel';
import type { Question, RoundConfig } from '../../game/types';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { games } from '../db/schema';
import { Refusal } from '../refusal';
import { loadLearningReport } from '../results/learning';
import { addTestTeacher } from '../accounts/testTeachers';
import { defaultSourceIds } from '../content/roundSources';
import { ensureBundledContent } from '../content/bundled';
import { syncTechniques } from '../content/techniques';
import { createCheckPair } from './checkPair';
import { ASSIGNMENT_CONFIG as CONFIG, DAY, T0 } from './testAssignments';

let db: Db;
let ownerId: string;

/** The bundled content: two parallel forms need more than the small test library. */
function bundledTestDb(): Db {
	const created = openTestDatabase();
	syncTechniques(created);
	ensureBundledContent(created);
	return created;
}

beforeEach(() => {
	db = bundledTestDb();
	ownerId = addTestTeacher(db).id;
});

const gameRow = (id: string) => db.select().from(games).where(eq(games.id, id)).get()!;

function create(config: RoundConfig = CONFIG) {
	return createCheckPair(
		db,
		{
			config,
			title: 'Week 5 check',
			deadline: new Date(T0 + DAY),
			afterDeadline: new Date(T0 + 8 * DAY),
			ownerId
		},
		{ now: T0 }
	);
}

describe('a check before and after teaching', () => {
	it('creates two linked assignments holding two parallel forms that share no excerpt', async () => {
		const { before, after } = await create();
		const b = gameRow(before.gameId);
		const a = gameRow(after.gameId);
		expect([b.title, b.checkRole, b.pairedGameId]).toEqual([
			'Week 5 check (before)',
			'before',
			after.gameId
		]);
		expect([a.title, a.checkRole, a.pairedGameId]).toEqual([
			'Week 5 check (after)',
			'after',
			before.gameId
		]);
		expect(a.deadline!.getTime()).toBe(T0 + 8 * DAY);
		expect([a.ownerId, b.ownerId]).toEqual([ownerId, ownerId]);
		expect(before.joinCode).not.toBe(after.joinCode);
		// Each check holds both forms (each student plays one); the same forms in both checks.
		expect(a.questions).toEqual(b.questions);
		const qb = (b.questions as Question[]).slice(0, FORM_SIZE);
		const qa = (b.questions as Question[]).slice(FORM_SIZE);
		// Fixed forms of 24 matched items whatever count the form asked for (it asked for 4).
		expect([qb.length, qa.length]).toEqual([FORM_SIZE, FORM_SIZE]);
		expect(qb.map(matchKey)).toEqual(qa.map(matchKey));
		// A check is untimed and scored on accuracy alone.
		expect(b.config).toMatchObject({ secondsPerQuestion: null, scoring: 'accuracy', count: 24 });
		for (const x of qb) for (const y of qa) expect(sharesExcerpt(x, y)).toBe(false);
	});

	it('refuses an after-check that closes before the first one', async () => {
		const refusal = await createCheckPair(
			db,
			{
				config: CONFIG,
				title: 'Backwards',
				deadline: new Date(T0 + 8 * DAY),
				afterDeadline: new Date(T0 + DAY),
				ownerId
			},
			{ now: T0 }
		).catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(Refusal);
		expect((refusal as Refusal).status).toBe(400);
		expect(db.select().from(games).all()).toHaveLength(0);
	});

	it('draws from the sources open to classes, and refuses one that does not exist', async () => {
		const { before, after } = await create();
		const classSources = defaultSourceIds(db, 'class');
		expect(classSources.length).toBeGreaterThan(0);
		for (const id of [before.gameId, after.gameId]) {
			expect((gameRow(id).config as RoundConfig).sources).toEqual(classSources);
		}
		const refusal = await create({ ...CONFIG, sources: ['no-such-source'] }).catch(
			(e: unknown) => e
		);
		expect((refusal as Refusal).status).toBe(400);
		expect((refusal as Refusal).message).toMatch(/no source called "no-such-source"/);
		expect(db.select().from(games).all()).toHaveLength(2);
	});
});

describe('the before-and-after report', () => {
	it('is refused for an assignment that is not one of a pair', () => {
		db.insert(games)
			.values({
				id: 'lone',
				mode: 'assignment',
				config: TEST_ROUND_CONFIG,
				seed: 's',
				questions: [],
				status: 'open'
			})
			.run();
		expect(() => loadLearningReport(db, 'lone')).toThrow(/not one of a before-and-after pair/);
	});
});
