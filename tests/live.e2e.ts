import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { answerSomehow, E2E_DATABASE, newPage, teacherPage } from './e2ePages';

/** Answers the open question on a phone with whatever control the question kind shows. */
async function answer(page: Page) {
	await answerSomehow(page, 'Send my selection');
	// The last answer closes the question at once, so the result may replace "Answer sent".
	await expect(page.getByTestId('answer-sent').or(page.getByTestId('my-points'))).toBeVisible();
}

test('a host and three players play a whole live game', async ({ browser }) => {
	const { page: host } = await teacherPage(browser);
	await host.goto('/host');
	await host.waitForLoadState('networkidle');
	await expect(host.locator('option[value="untimed"]')).toHaveText(
		'No timer (close each question yourself)'
	);
	await host.getByLabel('Number of questions').fill('3');
	await host.getByLabel('Time per question').selectOption('90');
	await expect(host.getByLabel('Number of questions')).toHaveValue('3');
	await host.getByRole('button', { name: 'Create the game' }).click();
	await expect(host).toHaveURL(/\/host\/[0-9a-f-]{36}$/);
	const gameId = host.url().split('/').pop()!;
	const code = (await host.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^\d{6}$/);
	await expect(host.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expect(host.getByTestId('join-url')).toContainText(`/join/${code}`);

	const names = ['Ada', 'Bea', 'Cy'];
	const phones: Page[] = [];
	for (const name of names) {
		const phone = await newPage(browser);
		await phone.goto(`/join/${code}`);
		await phone.waitForLoadState('networkidle');
		await expect(phone.getByLabel('Game code')).toHaveValue(code);
		await phone.getByLabel('Nickname').fill(name);
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone).toHaveURL(new RegExp(`/game/${code}$`));
		await expect(phone.getByRole('heading', { name: "You're in!" })).toBeVisible();
		phones.push(phone);
	}

	// A taken nickname is refused with a message.
	const late = await newPage(browser);
	await late.goto(`/join/${code}`);
	await late.waitForLoadState('networkidle');
	await late.getByLabel('Nickname').fill('ada');
	await late.getByRole('button', { name: 'Join' }).click();
	await expect(late.getByRole('alert')).toContainText('already called');

	const lobby = host.getByTestId('lobby-players');
	for (const name of names) await expect(lobby).toContainText(name);
	await host.getByRole('button', { name: 'Start the game' }).click();

	for (let index = 0; index < 3; index++) {
		await expect(host.getByText(`Question ${index + 1} of 3`)).toBeVisible();
		for (const phone of phones)
			await expect(phone.getByText(`Question ${index + 1} of 3`)).toBeVisible();

		await answer(phones[0]);
		await expect(host.getByTestId('answer-count')).toContainText('1 of 3');

		if (index === 1) {
			// Bea reloads mid-question: same seat, same score, still able to answer.
			const score = await phones[1].getByTestId('my-score').textContent();
			await phones[1].reload();
			await expect(phones[1].getByTestId('my-nickname')).toHaveText('Bea');
			await expect(phones[1].getByTestId('my-score')).toHaveText(score!);
			await expect(phones[1].getByText('Question 2 of 3')).toBeVisible();
		}
		await answer(phones[1]);
		await answer(phones[2]);

		// Everyone answered: the reveal shows the distribution, the answer and the explanation.
		await expect(host.getByText(/How the class answered \(3 players\)/)).toBeVisible();
		await expect(host.getByTestId('reveal-answer')).toBeVisible();
		await expect(host.getByTestId('bar').first()).toBeVisible();
		for (const phone of phones) await expect(phone.getByTestId('my-points')).toBeVisible();

		await host.getByRole('button', { name: 'Show the leaderboard' }).click();
		await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
		for (const phone of phones) await expect(phone.getByTestId('my-place')).toBeVisible();
		await host
			.getByRole('button', { name: index < 2 ? 'Next question' : 'Show the podium' })
			.click();
	}

	await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();

	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	const rows = sqlite
		.prepare(
			'select nickname, score, correct_count as correct from players where game_id = ? and removed = 0 order by score desc, correct_count desc, nickname'
		)
		.all(gameId) as { nickname: string; score: number; correct: number }[];
	const answerCount = (
		sqlite.prepare('select count(*) as n from answers where game_id = ?').get(gameId) as {
			n: number;
		}
	).n;
	sqlite.close();
	expect(answerCount).toBe(9);
	expect(rows).toHaveLength(3);

	// The podium on the projector lists the database's players in the database's order.
	const standings = host.getByTestId('standing');
	await expect(standings).toHaveCount(3);
	for (const [i, row] of rows.entries()) {
		await expect(standings.nth(i)).toContainText(row.nickname);
		await expect(standings.nth(i)).toContainText(`${row.score} points`);
	}
	// Each phone shows its own place and score as the database has them.
	for (const [i, phone] of phones.entries()) {
		const row = rows.find((r) => r.nickname === names[i])!;
		const place = 1 + rows.filter((r) => r.score > row.score).length;
		await expect(phone.getByTestId('final-place')).toContainText(
			`You finished in place ${place} of 3, with ${row.score} points`
		);
	}
});
