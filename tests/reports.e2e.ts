import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import {
	E2E_DATABASE,
	expectAccessible,
	newPage,
	signInInBrowser,
	signUpByRequest
} from './e2ePages';

const QUESTIONS = 4;

/** The player's view of the live game (its current question, without the key). */
async function playerState(request: APIRequestContext, code: string) {
	const res = await request.get(`/api/live/play/${code}/state`);
	expect(res.ok()).toBe(true);
	return (await res.json()) as {
		question: {
			index: number;
			question: { kind: 'name' | 'find' | 'judge'; choices?: string[] };
		} | null;
	};
}

/** Answers the open question: the `pick`-th technique, "loaded", or the first word. */
async function answer(request: APIRequestContext, code: string, pick: number) {
	const { question } = await playerState(request, code);
	expect(question).not.toBeNull();
	const q = question!.question;
	const response =
		q.kind === 'name'
			? { kind: 'name', techniqueId: q.choices![pick % q.choices!.length] }
			: q.kind === 'judge'
				? { kind: 'judge', loaded: pick !== 2 }
				: { kind: 'find', range: [0, 1] };
	const res = await request.post(`/api/live/play/${code}/answer`, {
		data: { questionIndex: question!.index, requestId: `r-${pick}-${question!.index}`, response }
	});
	expect(res.status()).toBe(200);
}

test('a teacher reads a live game’s report at a glance, and another teacher gets 404', async ({
	browser
}) => {
	const host = await newPage(browser);
	const email = await signUpByRequest(host);
	const created = await host.request.post('/api/live/host', {
		data: {
			articleId: null,
			families: [],
			count: QUESTIONS,
			secondsPerQuestion: null,
			scoring: 'accuracy',
			streaks: false
		}
	});
	expect(created.status()).toBe(201);
	const { gameId, code } = (await created.json()) as { gameId: string; code: string };

	const phones: APIRequestContext[] = [];
	for (const nickname of ['Ada', 'Bea', 'Cy']) {
		const phone = (await browser.newContext()).request;
		const joined = await phone.post('/api/live/join', { data: { code, nickname } });
		expect(joined.ok()).toBe(true);
		phones.push(phone);
	}
	const command = async (name: string) => {
		const res = await host.request.post(`/api/live/host/${gameId}/command`, {
			data: { command: name }
		});
		expect(res.status()).toBe(200);
	};

	await command('start');
	for (let i = 0; i < QUESTIONS; i++) {
		// Everyone answers, which closes the question (reveal).
		for (const [pick, phone] of phones.entries()) await answer(phone, code, pick);
		if (i < QUESTIONS - 1) {
			await command('next'); // leaderboard
			await command('next'); // next question
		}
	}

	// The last question has closed: the report says finished before the host ends the game.
	const report = await newPage(browser);
	await signInInBrowser(report, email, `/host/${gameId}/results`);
	await expect(report.getByTestId('game-status')).toHaveText('Finished');
	const rows = report.getByTestId('player-results').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows).toContainText(['Finished', 'Finished', 'Finished']);
	const players = await report.request.get(`/host/${gameId}/results/players.csv`);
	const lines = (await players.text()).split('\r\n').slice(1, 4);
	for (const line of lines) expect(line).toContain(',yes,');

	// Per question, per technique, the confusion matrix and the hardest questions are there.
	await expect(report.getByTestId('question-result')).toHaveCount(QUESTIONS);
	await expect(report.getByTestId('hardest').locator('li')).not.toHaveCount(0);
	await expect(report.getByTestId('by-technique')).toBeVisible();
	await expect(
		report.getByTestId('confusion-matrix').or(report.getByText('No “name the technique” question'))
	).toBeVisible();
	// Three or four loaded-or-straight passages are too few for a d′ per student.
	await expect(report.getByTestId('player-discernment').first()).not.toContainText('d′ ');

	// The scores on the page are the database's.
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	const stored = sqlite
		.prepare(
			'select p.id, p.nickname, p.score, count(a.id) as answers from players p join answers a on a.player_id = p.id where p.game_id = ? group by p.id'
		)
		.all(gameId) as { id: string; nickname: string; score: number; answers: number }[];
	sqlite.close();
	expect(stored.map((s) => s.answers)).toEqual([QUESTIONS, QUESTIONS, QUESTIONS]);
	for (const s of stored) {
		await expect(rows.filter({ hasText: s.nickname }).getByTestId('score')).toHaveText(
			String(s.score)
		);
	}

	// The drill-down page of one student shows every answer with its excerpt.
	await report.getByRole('link', { name: 'Bea' }).click();
	await expect(report.getByRole('heading', { name: 'Bea', level: 1 })).toBeVisible();
	await expect(report.getByTestId('student-answer')).toHaveCount(QUESTIONS);
	await expect(report.getByTestId('student-answer').first().locator('blockquote')).toBeVisible();
	await expect(report.getByTestId('student-techniques').locator('tbody tr')).not.toHaveCount(0);
	await expectAccessible(report, 'a student’s answers');

	// Item analysis and progress over time are the teacher's.
	await report.goto('/teacher/items');
	await report.waitForLoadState('networkidle');
	const items = report.getByTestId('item-analysis');
	await expect(items.locator('tbody tr')).not.toHaveCount(0);
	await expect(items.getByRole('columnheader', { name: 'Discrimination' })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	// With JavaScript a header button sorts in place, says so, and puts the sort in the URL.
	await items.getByRole('button', { name: 'Share right' }).click();
	await expect(report.getByText('Sorted by Share right, ascending')).toBeAttached();
	await expect(report).toHaveURL(/sort=share/);
	await expect(items.getByRole('columnheader', { name: 'Share right' })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	const shares = (await items.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) =>
		parseInt(t, 10)
	);
	expect(shares).toEqual([...shares].sort((a, b) => a - b));
	await expectAccessible(report, 'item analysis, sorted');
	// Without JavaScript the button reloads the page and the server renders the rows sorted.
	const plain = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await report.context().storageState()
	});
	const noScript = await plain.newPage();
	await noScript.goto('/teacher/items');
	const timesAsked = () =>
		noScript
			.getByTestId('times-asked')
			.allTextContents()
			.then((cells) => cells.map(Number));
	await noScript.getByRole('button', { name: 'Times asked' }).click();
	await expect(noScript).toHaveURL(/sort=asked$/);
	expect(await timesAsked()).toEqual((await timesAsked()).sort((a, b) => a - b));
	await noScript.getByRole('button', { name: 'Times asked' }).click();
	await expect(noScript).toHaveURL(/sort=asked\.desc$/);
	expect(await timesAsked()).toEqual((await timesAsked()).sort((a, b) => b - a));
	await plain.close();
	await report.goto('/teacher/progress');
	await expect(report.getByTestId('progress')).toContainText('Every question');
	await expectAccessible(report, 'progress over time');

	// Another teacher, or nobody, gets 404 for the drill-down and the CSVs.
	const other = await newPage(browser);
	await signUpByRequest(other);
	const student = stored.find((s) => s.nickname === 'Bea')!.id;
	for (const path of [
		`/host/${gameId}/results/students/${student}`,
		`/host/${gameId}/results/questions.csv`
	]) {
		expect((await other.request.get(path)).status()).toBe(404);
	}
	const stranger = await newPage(browser);
	const page = await stranger.goto('/teacher/items');
	await expect(stranger).toHaveURL(/\/teacher\/sign-in/);
	expect(page?.ok()).toBe(true);
});

test('a teacher sets a check before and after teaching and reads what changed', async ({
	browser
}) => {
	const teacher: Page = await newPage(browser);
	await signUpByRequest(teacher);
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByLabel(/Assignment: each student plays/).check();
	await teacher.getByLabel('Title').fill('Unit 2 check');
	const inDays = (days: number) => {
		const d = new Date(Date.now() + days * 86_400_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
	};
	await teacher.getByLabel('Deadline (date and time)').fill(inDays(2));
	await teacher.getByLabel(/A check before and after teaching/).check();
	await teacher.getByLabel('Deadline of the check after teaching').fill(inDays(9));
	await teacher.getByLabel('Number of questions').fill('4');
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher.getByRole('heading', { name: 'Unit 2 check (before)' })).toBeVisible();
	await expect(teacher.getByTestId('check-pair')).toContainText('before');
	await teacher.getByRole('link', { name: 'What changed' }).click();
	await expect(teacher.getByRole('heading', { name: 'Before and after teaching' })).toBeVisible();
	await expect(teacher.getByTestId('class-change')).toContainText('Nobody has taken both checks');
});
