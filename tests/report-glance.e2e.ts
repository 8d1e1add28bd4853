/**
 * One teacher's whole journey after a live game, read as a teacher reads it: the game has one name
 * on every page, the report leads with the students the test made fail and the one who did not
 * finish, and at a laptop's and a phone's size no cell of the report is cut off.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_DATABASE, newPage, parseCsv, signInInBrowser, signUpByRequest } from './e2ePages';

const QUESTIONS = 5;

interface StoredQuestion {
	kind: 'name' | 'find' | 'judge';
	answer?: string;
	choices?: string[];
	loaded?: boolean;
	targets?: [number, number][];
	spans: { range: [number, number] }[];
	excerpt: { tokens: { text: string; word: boolean }[] };
}

/** The game's frozen questions, answer keys included, as the server stored them. */
function storedQuestions(gameId: string): StoredQuestion[] {
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	const row = sqlite.prepare('select questions from games where id = ?').get(gameId) as {
		questions: string;
	};
	sqlite.close();
	return JSON.parse(row.questions) as StoredQuestion[];
}

/** A response to `q` that is right, or surely wrong. */
function responseTo(q: StoredQuestion, right: boolean) {
	if (q.kind === 'name') {
		const techniqueId = right ? q.answer! : q.choices!.find((c) => c !== q.answer)!;
		return { kind: 'name', techniqueId };
	}
	if (q.kind === 'judge') return { kind: 'judge', loaded: right ? q.loaded! : !q.loaded! };
	if (right) return { kind: 'find', range: q.targets![0] };
	// One word outside every target earns no credit at all (spanCredit). Prefer a word in no
	// labelled span; an excerpt whose words all lie in some span still has words outside targets.
	const inAny = (ranges: [number, number][]) => (i: number) =>
		ranges.some(([a, b]) => i >= a && i < b);
	const inTarget = inAny(q.targets!);
	const inSpan = inAny(q.spans.map((s) => s.range));
	const words = q.excerpt.tokens.flatMap((t, i) => (t.word && !inTarget(i) ? [i] : []));
	const word = words.find((i) => !inSpan(i)) ?? words[0];
	if (word === undefined) throw new Error('every word of this find excerpt is in a target');
	return { kind: 'find', range: [word, word + 1] };
}

/**
 * No table cell's text is cut off: every cell holds its text, no table is wider than its box
 * unless a visible cue says it scrolls, and the page itself does not scroll sideways.
 */
async function expectNothingClipped(page: Page, where: string) {
	const problems = await page.evaluate(() => {
		const found: string[] = [];
		for (const cell of document.querySelectorAll<HTMLElement>('main th, main td')) {
			const box = cell.getBoundingClientRect();
			// Not drawn, or drawn 1 px wide for screen readers only (the phone's column headers).
			if (cell.offsetParent === null || box.width <= 1 || box.height <= 1) continue;
			if (cell.scrollWidth > cell.clientWidth + 1) {
				found.push(
					`cell "${cell.textContent?.trim().slice(0, 40)}" overflows its box (${cell.scrollWidth} > ${cell.clientWidth}, ${Math.round(box.width)}×${Math.round(box.height)})`
				);
			}
		}
		for (const table of document.querySelectorAll<HTMLElement>('main table')) {
			const box = table.parentElement!;
			if (table.getBoundingClientRect().width <= box.clientWidth + 1) continue;
			const cue = box.parentElement?.querySelector<HTMLElement>('[data-scroll-cue]');
			if (!cue || cue.offsetParent === null) {
				const widths = [...table.querySelectorAll('thead th')].map(
					(th) => `${th.textContent?.trim()}:${Math.round(th.getBoundingClientRect().width)}`
				);
				found.push(
					`table "${table.dataset.testid ?? table.className}" is ${Math.round(table.getBoundingClientRect().width)} px wide in a box of ${box.clientWidth} px (${widths.join(', ')})`
				);
			}
		}
		if (document.documentElement.scrollWidth > window.innerWidth + 1) {
			found.push('the page scrolls sideways');
		}
		return found;
	});
	expect(problems, where).toEqual([]);
}

test('a teacher reads who needs help first, under one name for the game, with nothing cut off', async ({
	browser
}) => {
	// The teacher creates the game and opens its host screen.
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
	await host.goto(`/host/${gameId}`);
	const hostTitle = await host.getByTestId('game-title').textContent();
	expect(hostTitle).toMatch(/ · \d{1,2} [A-Z][a-z]{2}$/);

	// Ada gets everything right; Bea everything wrong; Cy one right of five (both fail on
	// purpose); Dee is right but leaves the last question unanswered.
	const plan: Record<string, (index: number) => boolean | null> = {
		Ada: () => true,
		Bea: () => false,
		Cy: (i) => i === 0,
		Dee: (i) => (i === QUESTIONS - 1 ? null : true)
	};
	const phones: [string, APIRequestContext, Page][] = [];
	for (const nickname of Object.keys(plan)) {
		const context = await browser.newContext();
		const joined = await context.request.post('/api/live/join', { data: { code, nickname } });
		expect(joined.ok()).toBe(true);
		phones.push([nickname, context.request, await context.newPage()]);
	}
	const command = async (name: string) => {
		const res = await host.request.post(`/api/live/host/${gameId}/command`, {
			data: { command: name }
		});
		expect(res.status()).toBe(200);
	};
	const questions = storedQuestions(gameId);
	expect(questions).toHaveLength(QUESTIONS);

	await command('start');
	for (let i = 0; i < QUESTIONS; i++) {
		for (const [nickname, phone] of phones) {
			const right = plan[nickname](i);
			if (right === null) continue;
			const res = await phone.post(`/api/live/play/${code}/answer`, {
				data: {
					questionIndex: i,
					requestId: `${nickname}-${i}`,
					response: responseTo(questions[i], right)
				}
			});
			expect(res.status(), `${nickname} on question ${i + 1}: ${await res.text()}`).toBe(200);
		}
		// Dee never answers the last question: the host closes it.
		if (i === QUESTIONS - 1) await command('skip');
		else {
			await command('next'); // leaderboard
			await command('next'); // next question
		}
	}

	// A student's screen names the game as the host screen does.
	const [, , adaPage] = phones[0];
	await adaPage.goto(`/game/${code}`);
	await expect(adaPage.getByTestId('game-title')).toHaveText(hostTitle!);

	// Later, the teacher signs in on a laptop: the home page, the report and progress over time
	// all give the game the same name.
	const laptop = await newPage(browser);
	await laptop.setViewportSize({ width: 1366, height: 768 });
	await signInInBrowser(laptop, email, '/teacher');
	const row = laptop.getByTestId('teacher-games').locator(`tr[data-game-id="${gameId}"]`);
	await expect(row.getByTestId('game-title')).toHaveText(hostTitle!);
	await expect(row).toContainText(code);
	await laptop.goto('/teacher/progress');
	await expect(laptop.getByTestId('progress').getByTestId('game-title')).toHaveText(hostTitle!);
	// The "All" cell of "Every question" is filled: share right and right of asked.
	await expect(laptop.getByTestId('progress').locator('tr.all td').nth(1)).toHaveText(
		/^\d+%\s*\(\d+\/\d+\)$/
	);
	await laptop.goto(`/host/${gameId}/results`);
	await expect(laptop.getByTestId('game-status')).toHaveText('Finished');
	await expect(laptop.getByRole('heading', { level: 1 }).getByTestId('game-title')).toHaveText(
		hostTitle!
	);

	// The report leads with the students made to fail, and the one who did not finish.
	const needHelp = laptop.getByTestId('need-help').locator('li');
	await expect(needHelp).toHaveCount(2);
	expect(await needHelp.evaluateAll((items) => items.map((li) => li.dataset.nickname))).toEqual([
		'Bea',
		'Cy'
	]);
	await expect(laptop.getByTestId('follow-up')).toContainText('Under 50%');
	await expect(laptop.getByTestId('did-not-finish').locator('li')).toHaveText([/^Dee/]);

	// The teacher reads the threshold and sets another: the lists and players.csv follow it.
	const threshold = laptop.getByLabel('Need help below');
	await expect(threshold).toHaveValue('50');
	const setThreshold = async (percent: string) => {
		await threshold.fill(percent);
		await laptop.getByRole('button', { name: 'Set the threshold' }).click();
		await expect(laptop.getByTestId('follow-up')).toContainText(`Under ${percent}%`);
	};
	const namesIn = (list: string) =>
		laptop
			.getByTestId(list)
			.locator('li')
			.evaluateAll((items) => items.map((li) => li.dataset.nickname));
	await setThreshold('10');
	expect(await namesIn('need-help')).toEqual(['Bea']);
	// Dee got 4 of the 5 questions she reached (the last closed without her answer): 80%.
	await setThreshold('90');
	expect(await namesIn('need-help')).toEqual(['Bea', 'Cy', 'Dee']);
	await expect(laptop.getByTestId('did-not-finish').locator('li')).toHaveText([
		/^Dee.*also needs help$/s
	]);
	const csv = await laptop.request.get(`/host/${gameId}/results/players.csv`);
	// Parsed as CSV: a cell such as "Name calling, labeling" holds a comma.
	const csvRows = parseCsv(await csv.text());
	const cell = (nickname: string, column: string) =>
		csvRows.find((row) => row.Nickname === nickname)?.[column];
	expect(['Ada', 'Bea', 'Cy', 'Dee'].map((n) => cell(n, 'Needs help'))).toEqual([
		'no',
		'yes',
		'yes',
		'yes'
	]);
	expect(['Ada', 'Dee'].map((n) => cell(n, 'Unanswered'))).toEqual(['0', '1']);
	expect(cell('Ada', 'Misses most')).toBe('');
	expect(cell('Bea', 'Misses most')).not.toBe('');
	// Anything but a whole percentage from 1 to 99 is refused with a message, and nothing changes.
	for (const sent of ['0', '100', '30.5', 'half', '']) {
		const refused = await laptop.request.post(`/host/${gameId}/results?/needHelp`, {
			form: { threshold: sent },
			headers: { origin: new URL(laptop.url()).origin, accept: 'text/html' }
		});
		expect(refused.status(), `threshold "${sent}"`).toBe(400);
		expect(await refused.text()).toContain(
			'Give the need-help threshold as a whole percentage from 1 to 99.'
		);
	}
	await laptop.reload();
	await expect(threshold).toHaveValue('90');
	await setThreshold('50');
	expect(await namesIn('need-help')).toEqual(['Bea', 'Cy']);
	// Bea's weakest technique is named; Ada, with every answer right, has none.
	const players = laptop.getByTestId('player-results');
	await expect(
		players.locator('tr[data-nickname="Ada"] td[data-label="Weakest technique"]')
	).toHaveText('–');

	// Every collapsed section of the report shows a disclosure marker.
	const markers = await laptop
		.locator('summary')
		.evaluateAll((els) => els.map((el) => getComputedStyle(el, '::before').content));
	expect(markers.length).toBeGreaterThan(0);
	for (const marker of markers) expect(marker).not.toMatch(/^(none|normal|"")$/);

	// A student's page: the parts of each line are set apart with a space around every dot.
	await players.locator('tr[data-nickname="Bea"] a').first().click();
	await expect(laptop.getByRole('heading', { level: 1 })).toContainText('Bea');
	expect(await laptop.locator('main').innerText()).not.toMatch(/\S·|·\S/);
	await laptop.goBack();

	await expectNothingClipped(laptop, 'the report at 1366×768');
	await laptop.setViewportSize({ width: 390, height: 844 });
	await expectNothingClipped(laptop, 'the report at 390×844');
	// On a phone every column of a player is still there, named.
	await expect(players.locator('tr[data-nickname="Bea"] [data-label="Discernment"]')).toBeVisible();
	await expect(players.locator('tr[data-nickname="Bea"] [data-label="Progress"]')).toBeVisible();

	// The home page and progress over time fit a phone too: every column of a game is there,
	// named, with nothing cut off and no sideways scroll.
	await laptop.goto('/teacher');
	await expectNothingClipped(laptop, 'the home page at 390×844');
	const home = laptop.getByTestId('teacher-games').locator(`tr[data-game-id="${gameId}"]`);
	for (const column of ['Status', 'Players', 'Class accuracy']) {
		await expect(home.locator(`[data-label="${column}"]`)).toBeVisible();
	}
	await expect(home.getByRole('link', { name: 'Results' })).toBeVisible();
	await laptop.goto('/teacher/progress');
	await expectNothingClipped(laptop, 'progress over time at 390×844');
	const everyQuestion = laptop.getByTestId('progress').locator('tr.all');
	await expect(everyQuestion.locator('[data-label="All"]')).toBeVisible();
	await expect(everyQuestion.locator(`[data-label="${hostTitle} · game ${code}"]`)).toBeVisible();
	await laptop.goto(`/host/${gameId}/results`);

	// The teacher renames the game: the new name is the game's name everywhere.
	await laptop.setViewportSize({ width: 1366, height: 768 });
	await laptop.getByText('Rename').click();
	await laptop.getByLabel('New title').fill('Week 49: loaded words');
	await laptop.getByRole('button', { name: 'Save the title' }).click();
	await expect(laptop.getByRole('heading', { level: 1 }).getByTestId('game-title')).toHaveText(
		'Week 49: loaded words'
	);
	await adaPage.reload();
	await expect(adaPage.getByTestId('game-title')).toHaveText('Week 49: loaded words');

	// The delete page counts the answers given (Dee left one), and item analysis keeps the game's
	// items once it is deleted.
	const sqlite = new Database(E2E_DATABASE, { readonly: true });
	const given = (
		sqlite
			.prepare('select count(*) as n from answers where game_id = ? and response is not null')
			.get(gameId) as { n: number }
	).n;
	sqlite.close();
	expect(given).toBe(4 * QUESTIONS - 1);
	await laptop.goto('/teacher/items');
	const itemsBefore = await laptop.getByTestId('item-analysis').locator('tbody tr').count();
	await laptop.goto(`/host/${gameId}/delete`);
	await expect(laptop.getByTestId('deletion-counts')).toHaveText(`4 players and ${given} answers`);
	await laptop.getByRole('button', { name: /Delete the live game/ }).click();
	await expect(laptop).toHaveURL(/\/teacher\?deleted=1$/);
	await laptop.goto('/teacher/items');
	await expect(laptop.getByTestId('item-analysis').locator('tbody tr')).toHaveCount(itemsBefore);
});
