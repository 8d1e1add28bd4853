import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { answerSomehow, E2E_DATABASE, newPage, signUpByRequest, teacherPage } from './e2ePages';

const QUESTIONS = 4;

/** Answers the question on screen with whatever control its kind shows, then goes on. */
async function answerAndGoOn(page: Page, index: number) {
	await expect(page.getByText(`Question ${index + 1} of ${QUESTIONS}`)).toBeVisible();
	await answerSomehow(page, 'Submit selection');
	await expect(page.locator('#feedback-heading')).toBeVisible();
	await page
		.getByRole('button', { name: index + 1 < QUESTIONS ? /Next question/ : /See your results/ })
		.click();
}

async function join(page: Page, code: string, nickname: string) {
	await page.goto(`/a/${code}`);
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { name: 'Week 3 homework' })).toBeVisible();
	await page.getByLabel('Nickname').fill(nickname);
	await page.getByRole('button', { name: 'Start the assignment' }).click();
}

test('students play an assignment at their own pace and the teacher sees their results', async ({
	browser
}) => {
	const { page: teacher } = await teacherPage(browser);
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByRole('radio', { name: /Assignment/ }).check();
	// Without a timer each student takes their time; only a live game's host closes questions.
	await expect(teacher.locator('option[value="untimed"]')).toHaveText(
		'No timer (each student takes the time they need)'
	);
	await teacher.getByLabel('Title').fill('Week 3 homework');
	// A deadline in the past is refused with a message.
	await teacher.getByLabel('Deadline (date and time)').fill('2020-01-01T09:00');
	await teacher.getByLabel('Number of questions').fill(String(QUESTIONS));
	await teacher.getByLabel('Time per question').selectOption('untimed');
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher.getByRole('alert')).toContainText('must be in the future');

	const tomorrow = await teacher.evaluate(() => {
		const d = new Date(Date.now() + 24 * 3600_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
	});
	await teacher.getByLabel('Deadline (date and time)').fill(tomorrow);
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher).toHaveURL(/\/host\/assignments\/[0-9a-f-]{36}$/);
	const gameId = teacher.url().split('/').pop()!;
	const code = (await teacher.getByTestId('assignment-code').textContent())!.trim();
	expect(code).toMatch(/^\d{6}$/);
	await expect(teacher.getByTestId('assignment-url')).toContainText(`/a/${code}`);
	await expect(teacher.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expect(teacher.getByTestId('assignment-status')).toContainText('Open');

	// Typed on the live join page, or opened as /join/<code>, the code leads to the assignment.
	const typed = await newPage(browser);
	await typed.goto('/join');
	await typed.waitForLoadState('networkidle');
	await typed.getByLabel('Game code').fill(code);
	await typed.getByLabel('Nickname').fill('Cy');
	await typed.getByRole('button', { name: 'Join' }).click();
	await expect(typed).toHaveURL(new RegExp(`/a/${code}$`));
	await expect(typed.getByRole('heading', { name: 'Week 3 homework' })).toBeVisible();
	await typed.goto(`/join/${code}`);
	await expect(typed).toHaveURL(new RegExp(`/a/${code}$`));

	// Ada plays the whole round.
	const ada = await newPage(browser);
	await join(ada, code, 'Ada');
	await expect(ada).toHaveURL(new RegExp(`/a/${code}/play$`));
	await ada.getByRole('button', { name: 'Start' }).click();
	for (let i = 0; i < QUESTIONS; i++) await answerAndGoOn(ada, i);
	await expect(ada.getByRole('heading', { name: 'Assignment done' })).toBeVisible();

	// A second "Ada" is refused; Bea joins.
	const bea = await newPage(browser);
	await join(bea, code, 'ada');
	await expect(bea.getByRole('alert')).toContainText('already called');
	await bea.getByLabel('Nickname').fill('Bea');
	await bea.getByRole('button', { name: 'Start the assignment' }).click();
	await bea.getByRole('button', { name: 'Start' }).click();
	await answerAndGoOn(bea, 0);
	await answerAndGoOn(bea, 1);

	// Bea reloads, then reopens the link: she keeps her seat, score and place in the round.
	await expect(bea.getByText(`Question 3 of ${QUESTIONS}`)).toBeVisible();
	const score = await bea.getByText(/^Score \d+$/).textContent();
	await bea.reload();
	await expect(bea.getByText(`Question 3 of ${QUESTIONS}`)).toBeVisible();
	await expect(bea.getByText(/^Score \d+$/)).toHaveText(score!);
	await bea.goto(`/a/${code}`);
	await expect(bea).toHaveURL(new RegExp(`/a/${code}/play$`));
	await expect(bea.getByText(`Question 3 of ${QUESTIONS}`)).toBeVisible();
	await answerAndGoOn(bea, 2);
	await answerAndGoOn(bea, 3);
	await expect(bea.getByRole('heading', { name: 'Assignment done' })).toBeVisible();

	// Both got the same round: the same items, in the same order.
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	const items = sqlite
		.prepare(
			`select p.nickname, group_concat(a.item_key, '|') as items from answers a join players p on p.id = a.player_id
			 where a.game_id = ? group by p.id order by p.nickname`
		)
		.all(gameId) as { nickname: string; items: string }[];
	const rows = sqlite
		.prepare('select nickname, score, correct_count as correct from players where game_id = ?')
		.all(gameId) as { nickname: string; score: number; correct: number }[];
	sqlite.close();
	expect(items.map((r) => r.nickname)).toEqual(['Ada', 'Bea']);
	expect(items[0].items.split('|')).toHaveLength(QUESTIONS);
	expect(items[1].items).toBe(items[0].items);

	// The teacher's view lists both with the database's scores.
	await teacher.getByRole('button', { name: 'Refresh' }).click();
	const table = teacher.getByTestId('player-results');
	for (const row of rows) {
		const line = table.locator(`tr[data-nickname="${row.nickname}"]`);
		await expect(line.getByTestId('score')).toHaveText(String(row.score));
		await expect(line).toContainText('Finished');
	}

	// The per-player CSV downloads with both students and their scores.
	const [download] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('link', { name: 'Download players (CSV)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('slant-week-3-homework-players.csv');
	const csv = await readFile((await download.path())!, 'utf8');
	expect(csv).toContain('Rank,Nickname,Score,Correct');
	for (const row of rows) expect(csv).toContain(`,${row.nickname},${row.score},${row.correct},`);

	// Nobody else may read the results: to a stranger or another teacher, they do not exist.
	const stranger = await newPage(browser);
	const other = await newPage(browser);
	await signUpByRequest(other);
	for (const someone of [stranger, other]) {
		const refused = await someone.request.get(`/host/${gameId}/results/players.csv`);
		expect(refused.status()).toBe(404);
		for (const path of [`/host/${gameId}/results`, `/host/assignments/${gameId}`]) {
			const page = await someone.goto(path);
			expect(page?.status()).toBe(404);
		}
	}
});

test('the host of a live game reaches its results from the podium', async ({ browser }) => {
	const context = await browser.newContext();
	const host = await context.newPage();
	await signUpByRequest(host);
	const created = await host.request.post('/api/live/host', {
		data: {
			articleId: null,
			families: [],
			count: 2,
			secondsPerQuestion: null,
			scoring: 'accuracy',
			streaks: false
		}
	});
	expect(created.status()).toBe(201);
	const { gameId, code } = (await created.json()) as { gameId: string; code: string };
	const phone = await browser.newContext();
	const joined = await phone.request.post('/api/live/join', {
		data: { code, nickname: '=Sum, "Zoë" 🎲' }
	});
	expect(joined.ok()).toBe(true);
	for (const command of ['start', 'end']) {
		const res = await host.request.post(`/api/live/host/${gameId}/command`, {
			data: { command }
		});
		expect(res.status()).toBe(200);
	}

	await host.goto(`/host/${gameId}`);
	await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
	await host.getByRole('link', { name: 'See the results' }).click();
	await expect(host).toHaveURL(new RegExp(`/host/${gameId}/results$`));
	const line = host.getByTestId('player-results').locator('tbody tr');
	await expect(line).toHaveCount(1);
	await expect(line).toContainText('=Sum, "Zoë" 🎲');
	await expect(host.getByTestId('share-correct')).toHaveText(['0%', '–']);

	const csv = await host.request.get(`/host/${gameId}/results/players.csv`);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(csv.headers()['content-disposition']).toBe(
		`attachment; filename="slant-${code}-players.csv"`
	);
	expect(await csv.text()).toContain(`1,"'=Sum, ""Zoë"" 🎲",0,0,0,1,2,0,`);
	const questions = await host.request.get(`/host/${gameId}/results/questions.csv`);
	expect((await questions.text()).split('\r\n')).toHaveLength(4);
});
