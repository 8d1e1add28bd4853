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
			// Each check holds both forms, A then B; each student plays one (config.count).
			expect(after.questions).toEqual(before.questions);
			expect([before.config.count, after.config.count]).toEqual([FORM_SIZE, FORM_SIZE]);
			const [qb, qa] = [before.questions.slice(0, FORM_SIZE), before.questions.slice(FORM_SIZE)];
			// Fixed forms of matched items, whatever count the form sent.
			expect([qb.length, qa.length]).toEqual([FORM_SIZE, FORM_SIZE]);
			expect(qb.map(matchKey)).toEqual(qa.map(matchKey));
			for (const x of qb) for (const y of qa) expect(sharesExcerpt(x, y)).toBe(false);
		} finally {
			db.$client.close();
		}
	});
});
