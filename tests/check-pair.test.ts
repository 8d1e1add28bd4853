/**
 * A before-and-after check pair set on /host, against the real server: its two forms are built
 * by the round builder's worker thread (as every round), from the sources open to classes.
 */
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { FORM_SIZE, matchKey, sharesExcerpt } from '../src/lib/game/parallel';
import { defaultSourceIds } from '../src/lib/server/content/roundSources';
import { openDatabase } from '../src/lib/server/db/open';
import { games } from '../src/lib/server/db/schema';
import { form, FORM, raw } from './httpFixtures';
import { serveForTests, signUpTeacher } from './liveServer';

const server = serveForTests();

describe('a check before and after teaching, set on /host', () => {
	it('creates two linked assignments from parallel forms that share no excerpt, from bundled content', async () => {
		const { client: teacher } = await signUpTeacher();
		const day = 86_400_000;
		const at = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);
		const reply = await raw(teacher, '/host', {
			contentType: FORM,
			body: form({
				mode: 'assignment',
				checkPair: 'on',
				title: 'Week 5',
				content: 'all',
				count: '3',
				seconds: 'untimed',
				scoring: 'accuracy',
				deadline: at(day),
				afterDeadline: at(8 * day),
				tzOffset: '0'
			})
		});
		expect(reply.status).toBe(303);
		const beforeId = /\/host\/assignments\/([^/?]+)/.exec(reply.headers.get('location') ?? '')?.[1];
		const db = openDatabase(server.databasePath);
		try {
			const [before, after] = db
				.select()
				.from(games)
				.where(eq(games.mode, 'assignment'))
				.orderBy(desc(games.checkRole))
				.all();
			expect([before.title, before.checkRole, after.title, after.checkRole]).toEqual([
				'Week 5 (before)',
				'before',
				'Week 5 (after)',
				'after'
			]);
			expect(before.id).toBe(beforeId);
			expect([before.pairedGameId, after.pairedGameId]).toEqual([after.id, before.id]);
			const classSources = defaultSourceIds(db, 'class');
			expect(classSources.length).toBeGreaterThan(0);
			expect([before.config.sources, after.config.sources]).toEqual([classSources, classSources]);
			// Each check holds both fixed forms (A then B), whatever count the form sent; a seat plays
			// one of them (counterbalanced), so a seat's count is one form.
			expect([before.questions.length, after.questions.length]).toEqual([
				2 * FORM_SIZE,
				2 * FORM_SIZE
			]);
			expect([before.config.count, after.config.count]).toEqual([FORM_SIZE, FORM_SIZE]);
			expect(after.questions).toEqual(before.questions);
			const [qa, qb] = [before.questions.slice(0, FORM_SIZE), before.questions.slice(FORM_SIZE)];
			expect(qa.map(matchKey)).toEqual(qb.map(matchKey));
			for (const x of qa) for (const y of qb) expect(sharesExcerpt(x, y)).toBe(false);
		} finally {
			db.$client.close();
		}
	});

	it('adds a delayed check and releases the results from the report, for the owner only', async () => {
		const { client: teacher } = await signUpTeacher();
		const { client: stranger } = await signUpTeacher();
		const day = 86_400_000;
		const at = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);
		const created = await raw(teacher, '/host', {
			contentType: FORM,
			body: form({
				mode: 'assignment',
				checkPair: 'on',
				title: 'Week 7',
				content: 'all',
				count: '10',
				seconds: 'untimed',
				scoring: 'accuracy',
				deadline: at(day),
				afterDeadline: at(8 * day),
				tzOffset: '0'
			})
		});
		const beforeId = /\/host\/assignments\/([^/?]+)/.exec(
			created.headers.get('location') ?? ''
		)?.[1];
		const delayed = (who: typeof teacher, days: number) =>
			raw(who, `/host/${beforeId}/learning?/delayed`, {
				contentType: FORM,
				body: form({ opensAt: at(days * day), tzOffset: '0' })
			});
		const release = (who: typeof teacher) =>
			raw(who, `/host/${beforeId}/learning?/release`, { contentType: FORM, body: '' });
		const group = () => {
			const db = openDatabase(server.databasePath);
			try {
				return db
					.select()
					.from(games)
					.all()
					.filter((g) => g.id === beforeId || g.pairedGameId === beforeId);
			} finally {
				db.$client.close();
			}
		};
		// Another teacher gets the 404 of a game that does not exist, and changes nothing.
		expect((await delayed(stranger, 10)).status).toBe(404);
		expect((await release(stranger)).status).toBe(404);
		expect(group().map((g) => [g.checkRole, g.resultsReleasedAt])).toEqual([
			['before', null],
			['after', null]
		]);
		// Opening before the check after teaching closes is refused.
		expect((await delayed(teacher, 3)).status).toBe(400);
		expect((await delayed(teacher, 10)).status).toBe(200);
		expect((await delayed(teacher, 12)).status).toBe(409);
		const third = group().find((g) => g.checkRole === 'delayed')!;
		expect(third.questions).toEqual(group().find((g) => g.checkRole === 'before')!.questions);
		expect(third.opensAt!.getTime()).toBe(Date.parse(`${at(10 * day)}Z`));
		expect(third.deadline!.getTime() - third.opensAt!.getTime()).toBe(7 * day);
		expect((await release(teacher)).status).toBe(200);
		expect(group().every((g) => g.resultsReleasedAt !== null)).toBe(true);
		expect(group()).toHaveLength(3);
	});
});
