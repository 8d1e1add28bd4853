import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { decodeQuestion, type WireQuestion } from '../src/lib/game/wire';
import {
	answerSomehow,
	E2E_DATABASE,
	newPage,
	parseCsv,
	signInInBrowser,
	signUpByRequest,
	teacherPage
} from './e2ePages';

/** Player `i`'s answer: the players differ, so the report has something to show. */
function responseOf(wire: WireQuestion, i: number) {
	const q = decodeQuestion(wire);
	if (q.kind === 'name') return { kind: 'name', techniqueId: q.choices[i % q.choices.length] };
	if (q.kind === 'judge') return { kind: 'judge', loaded: i !== 1 };
	const words = q.excerpt.tokens.flatMap((t, at) => (t.word ? [at] : []));
	const at = words[Math.min(i, words.length - 1)];
	return { kind: 'find', range: [at, at + 1] };
}

async function download(page: Page, link: string): Promise<string> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: link }).click()
	]);
	return readFile((await file.path())!, 'utf8');
}

async function command(request: APIRequestContext, gameId: string, name: string) {
	const res = await request.post(`/api/live/host/${gameId}/command`, { data: { command: name } });
	expect(res.status(), name).toBe(200);
}

test('a teacher reads a live game’s report from another browser; another teacher gets 404', async ({
	browser
}) => {
	// The teacher signs up and hosts from the classroom computer.
	const { page: host, email } = await teacherPage(browser);
	await host.goto('/host');
	await host.waitForLoadState('networkidle');
	await host.getByLabel('Number of questions').fill('4');
	await host.getByLabel('Time per question').selectOption('90');
	await host.getByRole('button', { name: 'Create the game' }).click();
	await expect(host).toHaveURL(/\/host\/[0-9a-f-]{36}$/);
	const gameId = host.url().split('/').pop()!;
	const code = (await host.getByTestId('join-code').textContent())!.trim();

	// Three players join on their phones and answer every question.
	const names = ['Ada', 'Bea', 'Cy'];
	const phones: APIRequestContext[] = [];
	for (const nickname of names) {
		const phone = (await browser.newContext()).request;
		const joined = await phone.post('/api/live/join', { data: { code, nickname } });
		expect(joined.status()).toBe(200);
		phones.push(phone);
	}
	await command(host.request, gameId, 'start');
	for (let q = 0; q < 4; q++) {
		for (const [i, phone] of phones.entries()) {
			const state = await (await phone.get(`/api/live/play/${code}/state`)).json();
			expect(state.phase).toBe('question');
			const res = await phone.post(`/api/live/play/${code}/answer`, {
				data: {
					questionIndex: q,
					requestId: `q${q}-p${i}`,
					response: responseOf(state.question.question, i)
				}
			});
			expect(res.status()).toBe(200);
		}
		// The last answer closes the question: reveal, then the leaderboard, then on.
		await command(host.request, gameId, 'next');
		await command(host.request, gameId, 'next');
	}
	await host.goto(`/host/${gameId}`);
	await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();

	// Later, on another computer: sign in, find the game on the home page, open its report.
	const laptop = await newPage(browser);
	await signInInBrowser(laptop, email);
	const row = laptop.getByTestId('teacher-games').locator(`tr[data-game-id="${gameId}"]`);
	await expect(row.getByTestId('game-status')).toHaveText('Finished');
	await expect(row).toContainText('3');
	await row.getByRole('link', { name: 'Results' }).click();
	await expect(laptop).toHaveURL(new RegExp(`/host/${gameId}/results$`));
	await expect(laptop.getByTestId('game-status')).toContainText(/finished/i);

	// Per question, per student, per technique, and the confusion matrix.
	await expect(laptop.getByTestId('question-result')).toHaveCount(4);
	const students = laptop.getByTestId('player-results').locator('tbody tr');
	await expect(students).toHaveCount(3);
	for (const name of names) await expect(students.filter({ hasText: name })).toHaveCount(1);
	await expect(laptop.getByTestId('by-technique')).toBeVisible();
	await expect(laptop.getByTestId('confusion-matrix')).toBeVisible();
	await students.filter({ hasText: 'Bea' }).getByRole('link', { name: 'Bea' }).click();
	await expect(laptop).toHaveURL(new RegExp(`/host/${gameId}/results/students/[0-9a-f-]{36}$`));
	const studentPage = laptop.url();
	await expect(laptop.getByRole('heading', { level: 1 })).toContainText('Bea');
	await laptop.goBack();

	// The CSV downloads say what the database says.
	const players = parseCsv(await download(laptop, 'Download players (CSV)'));
	const questions = parseCsv(await download(laptop, 'Download questions (CSV)'));
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	try {
		const seats = sqlite
			.prepare(
				`select p.nickname, p.score,
				   (select count(*) from answers a where a.player_id = p.id and a.correct) as correct,
				   (select count(*) from answers a where a.player_id = p.id) as reached
				 from players p where p.game_id = ? and not p.removed order by p.nickname`
			)
			.all(gameId) as { nickname: string; score: number; correct: number; reached: number }[];
		expect(seats.map((s) => s.nickname)).toEqual(names);
		expect(
			players
				.map((p) => ({
					nickname: p['Nickname'],
					score: Number(p['Score']),
					correct: Number(p['Correct']),
					reached: Number(p['Questions reached'])
				}))
				.sort((a, b) => a.nickname.localeCompare(b.nickname))
		).toEqual(seats);
		for (const p of players) expect(p['Finished']).toBe('yes');
		const perQuestion = sqlite
			.prepare(
				`select question_index as q, count(*) as n, sum(correct) as correct
				 from answers where game_id = ? group by question_index order by question_index`
			)
			.all(gameId) as { q: number; n: number; correct: number }[];
		expect(
			questions.map((q) => ({
				q: Number(q['Question']) - 1,
				n: Number(q['Players reached']),
				correct: Number(q['Correct'])
			}))
		).toEqual(perQuestion);
	} finally {
		sqlite.close();
	}

	// Another teacher (and someone signed out) finds nothing there.
	const other = await newPage(browser);
	await signUpByRequest(other);
	const stranger = await newPage(browser);
	const paths = [
		`/host/${gameId}/results`,
		`/host/${gameId}/results/players.csv`,
		`/host/${gameId}/results/questions.csv`,
		new URL(studentPage).pathname,
		`/host/${gameId}`,
		`/host/${gameId}/delete`
	];
	for (const someone of [other, stranger]) {
		for (const path of paths) {
			const res = await someone.request.get(path);
			expect(res.status(), path).toBe(404);
		}
		const page = await someone.goto(`/host/${gameId}/results`);
		expect(page?.status()).toBe(404);
		await expect(someone.getByText('Download players (CSV)')).toHaveCount(0);
	}
	await expect(other.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(stranger.getByRole('link', { name: 'sign in' })).toBeVisible();
});

/** A `datetime-local` value `days` from now in the browser's time zone. */
function inDays(page: Page, days: number): Promise<string> {
	return page.evaluate((d) => {
		const at = new Date(Date.now() + d * 24 * 3600_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
	}, days);
}

test('a teacher manages an assignment; a student moves to another device with a resume code', async ({
	browser
}) => {
	const { page: teacher } = await teacherPage(browser);
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByRole('radio', { name: /Assignment/ }).check();
	await teacher.getByLabel('Title').fill('Resume practice');
	await teacher.getByLabel('Deadline (date and time)').fill(await inDays(teacher, 1));
	await teacher.getByLabel('Number of questions').fill('3');
	await teacher.getByLabel('Time per question').selectOption('untimed');
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher).toHaveURL(/\/host\/assignments\/[0-9a-f-]{36}$/);
	const code = (await teacher.getByTestId('assignment-code').textContent())!.trim();

	// Dee starts on a school computer and answers the first question.
	const school = await newPage(browser);
	await school.goto(`/a/${code}`);
	await school.waitForLoadState('networkidle');
	await school.getByLabel('Nickname').fill('Dee');
	await school.getByRole('button', { name: 'Start the assignment' }).click();
	await expect(school).toHaveURL(new RegExp(`/a/${code}/play$`));
	await school.getByRole('button', { name: 'Start', exact: true }).click();
	await answerSomehow(school, 'Submit selection');
	await school.getByRole('button', { name: /Next question/ }).click();
	await expect(school.getByText('Question 2 of 3')).toBeVisible();
	await school.getByText('Continue on another device').click();
	const resume = (await school.getByTestId('resume-code').textContent())!.trim();
	expect(resume).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

	// At home she types the code, in lower case, and goes on at question 2.
	const home = await newPage(browser);
	await home.goto(`/a/${code}`);
	await home.waitForLoadState('networkidle');
	await home.getByLabel('Resume code').fill(resume.toLowerCase());
	await home.getByRole('button', { name: 'Continue here' }).click();
	await expect(home).toHaveURL(new RegExp(`/a/${code}/play$`));
	await expect(home.getByText('Question 2 of 3')).toBeVisible();
	await home.getByText('Continue on another device').click();
	await expect(home.getByTestId('resume-code')).toHaveText(resume);
	// The school computer no longer holds her place.
	await school.goto(`/a/${code}/play`);
	await expect(school).toHaveURL(new RegExp(`/a/${code}$`));

	// Eve joins; the teacher resets Dee's attempt and removes Eve.
	const eve = await newPage(browser);
	await eve.goto(`/a/${code}`);
	await eve.waitForLoadState('networkidle');
	await eve.getByLabel('Nickname').fill('Eve');
	await eve.getByRole('button', { name: 'Start the assignment' }).click();
	await expect(eve).toHaveURL(new RegExp(`/a/${code}/play$`));

	await teacher.reload();
	const manage = teacher.getByTestId('manage-students');
	await expect(manage.locator('tbody tr')).toHaveCount(2);
	await manage.getByRole('button', { name: 'Reset Dee’s attempt' }).click();
	await expect(teacher.getByRole('status')).toContainText('Dee can start again');
	await manage.getByRole('button', { name: 'Remove Eve' }).click();
	await expect(teacher.getByRole('status')).toContainText('Eve is removed');
	await expect(manage.locator('tbody tr')).toHaveCount(1);
	await home.reload();
	await expect(home.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
	await eve.reload();
	await expect(eve.getByText('Your teacher removed you from this assignment.')).toBeVisible();

	// The teacher moves the deadline a week on.
	await teacher.getByLabel('New deadline (date and time)').fill(await inDays(teacher, 8));
	await teacher.getByRole('button', { name: 'Change the deadline' }).click();
	await expect(teacher.getByRole('status')).toContainText('The deadline is moved.');
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	try {
		const row = sqlite
			.prepare('select deadline from games where join_code = ? order by created_at desc')
			.get(code) as { deadline: number };
		expect(row.deadline - Date.now()).toBeGreaterThan(7 * 24 * 3600_000);
	} finally {
		sqlite.close();
	}
});
