import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { Question } from '../src/lib/game/types';

const port = Number(process.env.E2E_PORT ?? 4173);
const databaseFile = resolve(process.cwd(), `data/e2e-${port}.db`);

function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

/** The frozen round of a game, answer key included, straight from the server's database. */
function frozenQuestions(gameId: string): Question[] {
	const row = readDb(
		(db) =>
			db.prepare('select questions from games where id = ?').get(gameId) as { questions: string }
	);
	return JSON.parse(row.questions) as Question[];
}

/** Word positions (0-based among word tokens) of the first and last word of a token range. */
function wordPositions(q: Question, [start, end]: [number, number]): [number, number] {
	const words = q.excerpt.tokens.flatMap((t, i) => (t.word ? [i] : []));
	const inside = words.map((w, pos) => ({ w, pos })).filter(({ w }) => w >= start && w < end);
	return [inside[0].pos, inside.at(-1)!.pos];
}

/** Captures every page and data response so the test can check what reached the browser. */
function recordResponses(page: Page) {
	let bodies: Promise<{ url: string; body: string }>[] = [];
	page.on('response', (response) => {
		const url = response.url();
		const type = response.request().resourceType();
		if (!url.includes('/play/')) return;
		if (type === 'document' || type === 'fetch' || type === 'xhr') {
			bodies.push(
				response.text().then(
					(body) => ({ url, body }),
					() => ({ url, body: '' })
				)
			);
		}
	});
	return {
		reset() {
			bodies = [];
		},
		async all() {
			return Promise.all(bodies);
		}
	};
}

/** Fields that would give the answer away if they reached the browser before answering. */
const KEY_FIELDS = /["']?\b(answer|targets|loaded|spans|explanation|itemKey)["']?\s*:/;

test('a whole solo round can be played by keyboard alone, and every answer lands in the database', async ({
	page
}) => {
	const responses = recordResponses(page);
	// A phone-sized screen: nothing may need sideways scrolling.
	await page.setViewportSize({ width: 360, height: 740 });
	const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= 360);

	await page.goto('/play');
	await page.getByLabel(/Nickname for the leaderboard/).focus();
	await page.keyboard.type('Keyboard Kid');
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(/\/play\/[0-9a-f-]{36}$/);
	const gameId = new URL(page.url()).pathname.split('/').at(-1)!;
	const questions = frozenQuestions(gameId);
	expect(questions).toHaveLength(10);

	await expect(page.locator('#ready-heading')).toBeFocused();
	const wrongOnes = new Set([1, 4, 7]);
	const expectedCorrect: boolean[] = [];
	responses.reset();
	await page.keyboard.press('Enter');

	for (let i = 0; i < questions.length; i++) {
		const q = questions[i];
		const right = !wrongOnes.has(i);
		await expect(page.locator('#question-heading')).toBeFocused();
		await expect(page.getByText(`Question ${i + 1} of 10`)).toBeVisible();

		// Nothing that reached the browser for this question gives its answer away.
		const seen = await responses.all();
		expect(seen.length).toBeGreaterThan(0);
		for (const { url, body } of seen) {
			expect(body, url).not.toMatch(KEY_FIELDS);
			for (const s of q.spans) {
				if (s.explanation) expect(body, url).not.toContain(s.explanation);
				if (q.kind === 'judge') expect(body, url).not.toContain(`"${s.techniqueId}"`);
			}
		}

		if (q.kind === 'name') {
			const choice = right ? q.answer : q.choices.find((c) => c !== q.answer)!;
			await page.keyboard.press(String(q.choices.indexOf(choice) + 1));
		} else if (q.kind === 'judge') {
			await page.keyboard.press(q.loaded === right ? 'l' : 's');
		} else {
			let first: number;
			let last: number;
			if (right) {
				[first, last] = wordPositions(q, q.targets[0]);
			} else {
				const outside = q.excerpt.tokens.findIndex(
					(t, k) => t.word && !q.targets.some(([s, e]) => k >= s && k < e)
				);
				[first, last] = wordPositions(q, [outside, outside + 1]);
			}
			await page.keyboard.press('Tab');
			await expect(page.getByRole('listbox')).toBeFocused();
			for (let k = 0; k < first; k++) await page.keyboard.press('ArrowRight');
			await page.keyboard.press('Space');
			for (let k = first; k < last; k++) await page.keyboard.press('ArrowRight');
			await page.keyboard.press('Space');
			await page.keyboard.press('Tab');
			await expect(page.getByRole('button', { name: 'Submit selection' })).toBeFocused();
			await page.keyboard.press('Enter');
		}
		expectedCorrect.push(right);

		const heading = page.locator('#feedback-heading');
		await expect(heading).toBeFocused();
		expect(await fitsWidth()).toBe(true);
		await expect(heading).toContainText(right ? 'Right' : /Not quite|Partly right/);
		const explained = q.spans.find((s) => s.explanation);
		if (explained) await expect(page.getByText(explained.explanation!).first()).toBeVisible();

		responses.reset();
		await page.keyboard.press('Enter');
	}

	const summary = page.locator('#summary-heading');
	await expect(summary).toBeFocused();
	const rightCount = expectedCorrect.filter(Boolean).length;
	await expect(page.getByText(`of 10 right`)).toContainText(`${rightCount} of 10 right`);
	await expect(page.getByText('Accuracy by technique')).toBeVisible();
	// Discernment in plain words first; the technical figures one tap away.
	await expect(page.getByTestId('discernment-plain')).toContainText(/loaded passages? spotted/);
	await expect(page.getByText('Hit rate')).toBeHidden();
	await page.getByText('The figures, for the curious').click();
	await expect(page.getByText('Hit rate')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Practise what you missed' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Best solo scores' })).toContainText('Keyboard Kid');
	expect(await fitsWidth()).toBe(true);

	const stored = readDb((db) => ({
		answers: db
			.prepare(
				'select question_index as i, correct, points, timed_out as timedOut from answers where game_id = ? order by question_index'
			)
			.all(gameId) as { i: number; correct: number; points: number; timedOut: number }[],
		player: db
			.prepare('select score, correct_count as correct from players where game_id = ?')
			.get(gameId) as {
			score: number;
			correct: number;
		},
		board: db.prepare('select nickname, score from leaderboard where game_id = ?').get(gameId) as {
			nickname: string;
			score: number;
		}
	}));
	expect(stored.answers.map((a) => a.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(stored.answers.map((a) => a.correct === 1)).toEqual(expectedCorrect);
	expect(stored.answers.every((a) => a.timedOut === 0)).toBe(true);
	const total = stored.answers.reduce((sum, a) => sum + a.points, 0);
	expect(stored.player).toEqual({ score: total, correct: rightCount });
	expect(stored.board).toEqual({ nickname: 'Keyboard Kid', score: total });
	await expect(page.locator('.score')).toContainText(`${total} points`);
});

test('without JavaScript, a replayed answer gets 409 and a malformed one 400, and neither is stored', async ({
	page,
	baseURL
}) => {
	await page.goto('/play');
	await page.getByRole('button', { name: 'Start a round' }).click();
	await expect(page).toHaveURL(/\/play\/[0-9a-f-]{36}$/);
	const gameId = new URL(page.url()).pathname.split('/').at(-1)!;
	const q = frozenQuestions(gameId)[0];
	const post = (action: string, form: Record<string, string>) =>
		page.request.post(`/play/${gameId}?/${action}`, {
			form,
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});

	expect((await post('start', {})).status()).toBe(200);
	const right: Record<string, string> =
		q.kind === 'name'
			? { kind: 'name', index: '0', technique: q.answer }
			: q.kind === 'judge'
				? { kind: 'judge', index: '0', verdict: q.loaded ? 'loaded' : 'straight' }
				: {
						kind: 'find',
						index: '0',
						start: String(q.targets[0][0]),
						end: String(q.targets[0][1])
					};

	const malformed = await post('answer', {
		kind: q.kind,
		index: '0',
		start: '9999',
		end: '1',
		technique: 'nope',
		verdict: 'maybe'
	});
	expect(malformed.status()).toBe(400);
	const count = () =>
		readDb(
			(db) =>
				db.prepare('select count(*) as n from answers where game_id = ?').get(gameId) as {
					n: number;
				}
		).n;
	expect(count()).toBe(0);

	expect((await post('answer', right)).status()).toBe(200);
	expect(count()).toBe(1);
	const replay = await post('answer', right);
	expect(replay.status()).toBe(409);
	expect(await replay.text()).toContain('already been answered');
	expect(count()).toBe(1);

	// The page now shows the feedback for that one stored answer.
	await page.reload();
	await expect(page.locator('#feedback-heading')).toContainText('Right');
});
