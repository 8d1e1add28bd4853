/**
 * Screens on a projector and on small phones: no sideways scrolling at 320 and 390 px (WCAG
 * 1.4.10 reflow) in every phase of solo, live, assignment and results; the projector's sizes at
 * 1366×768; the phone as a controller (tiles on one screen, touch selection, answers that survive
 * a dropout); and axe-core finding no accessibility violations on every screen visited.
 */
import Database from 'better-sqlite3';
import {
	expect,
	request,
	test,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { E2E_DATABASE, expectAccessible, signUpByRequest } from './e2ePages';

const PROJECTOR: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	hasTouch: true,
	isMobile: true
};
const SMALL_PHONE: BrowserContextOptions = {
	viewport: { width: 320, height: 640 },
	hasTouch: true,
	isMobile: true
};
const PHONES = [
	{ name: '390×844', options: PHONE },
	{ name: '320×640', options: SMALL_PHONE }
];

async function open(browser: Browser, options: BrowserContextOptions): Promise<Page> {
	const context = await browser.newContext(options);
	return context.newPage();
}

/** The document is exactly as wide as the viewport: nothing scrolls sideways. */
async function expectNoSideScroll(page: Page, where: string) {
	const widths = await page.evaluate(() => ({
		document: document.documentElement.scrollWidth,
		viewport: window.innerWidth,
		// What sticks out, to make a failure easy to fix.
		wide: [...document.querySelectorAll('body *')]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
			.filter((e) => !e.parentElement?.closest('[role="region"][tabindex="0"]'))
			.slice(0, 5)
			.map(
				(e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').slice(0, 30)}"`
			)
	}));
	expect(
		widths.document,
		`${where}: document width at ${widths.viewport} px (${widths.wide.join('; ')})`
	).toBe(widths.viewport);
}

/** Both checks, for one screen. */
async function checkScreen(page: Page, where: string) {
	await expectNoSideScroll(page, where);
	await expectAccessible(page, where);
}

function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

test('the home, play, join, host, techniques, leaderboard and teacher pages reflow at 320 and 390 px and pass axe', async ({
	browser
}) => {
	for (const { name, options } of PHONES) {
		const page = await open(browser, options);
		const paths = ['/', '/play', '/join', '/techniques', '/play/leaderboard'];
		paths.push('/teacher/sign-in', '/teacher/sign-up');
		for (const path of paths) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			await expect(page.locator('h1')).toHaveCount(1);
			await checkScreen(page, `${path} at ${name}`);
		}
		// A teacher's pages: home and the form to host a game.
		await signUpByRequest(page);
		for (const path of ['/teacher', '/host']) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			await expect(page.locator('h1')).toHaveCount(1);
			await checkScreen(page, `${path} at ${name}`);
		}
		await page.context().close();
	}
});

test('a solo round reflows in every phase at 320 and 390 px, asks before ending early and tells the truth about unanswered questions', async ({
	browser
}) => {
	for (const { name, options } of PHONES) {
		const page = await open(browser, options);
		await page.goto('/play');
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Number of questions').fill('4');
		await page.getByRole('radio', { name: 'Untimed' }).check();
		await page.getByRole('button', { name: 'Start a round' }).click();
		await expect(page.locator('#ready-heading')).toBeVisible();
		await checkScreen(page, `solo ready at ${name}`);
		await page.getByRole('button', { name: 'Start', exact: true }).click();

		await expect(page.locator('#question-heading')).toBeFocused();
		await checkScreen(page, `solo question at ${name}`);
		await answerSolo(page);
		await expect(page.locator('#feedback-heading')).toBeFocused();
		await expect(page.locator('h1')).toHaveCount(1);
		await checkScreen(page, `solo feedback at ${name}`);
		await page.getByRole('button', { name: /Next question/ }).click();
		await expect(page.locator('#question-heading')).toBeFocused();

		// Ending early asks first; "Keep playing" keeps the round going.
		await page.getByRole('button', { name: 'End round now' }).click();
		const confirm = page.getByRole('group', { name: /End round now\?/ });
		await expect(confirm).toContainText('3 questions are not answered yet');
		await checkScreen(page, `solo end-early question at ${name}`);
		await confirm.getByRole('button', { name: 'Keep playing' }).click();
		await expect(confirm).toBeHidden();
		await expect(page.locator('#question-heading')).toBeVisible();
		await page.getByRole('button', { name: 'End round now' }).click();
		await page.getByRole('button', { name: 'Yes, end round now' }).click();

		await expect(page.locator('#summary-heading')).toBeFocused();
		await expect(page.getByTestId('unanswered')).toContainText(
			'You answered 1 of 4 questions; 3 were left unanswered'
		);
		// One answer was given: the summary never claims every answer was right unless it was.
		const missed = page.getByTestId('missed-item');
		if ((await missed.count()) === 0) {
			await expect(page.getByTestId('missed-none')).toHaveText('Every answer you gave was right.');
		} else {
			await expect(missed.first().locator('blockquote').first()).toBeVisible();
			await expect(missed.first()).toContainText(/The technique: |A straight passage/);
		}
		await expect(
			page.getByTestId('discernment-plain').or(page.getByText(/no loaded-or-straight/))
		).toBeVisible();
		await checkScreen(page, `solo summary at ${name}`);
		await page.context().close();
	}
});

/** Answers a solo question with the first control its kind shows (right or wrong). */
async function answerSolo(page: Page) {
	const choices = page.getByRole('list', { name: 'Techniques to choose from' });
	const judge = page.getByRole('group', { name: 'Loaded or straight?' });
	const words = page.getByRole('listbox');
	await expect(choices.or(judge).or(words)).toBeVisible();
	if (await choices.isVisible()) await choices.getByRole('button').first().click();
	else if (await judge.isVisible()) await judge.getByRole('button', { name: /Loaded/ }).click();
	else {
		const word = words.getByRole('option').first();
		await word.tap();
		await word.tap();
		await page.getByRole('button', { name: 'Submit selection' }).click();
	}
}

/**
 * A finger dragged from the middle of one element to the middle of another, through Chromium's
 * touch input (touch-action and pointer capture apply as on a phone).
 */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	const cdp = await page.context().newCDPSession(page);
	const point = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
	await cdp.send('Input.dispatchTouchEvent', {
		type: 'touchStart',
		touchPoints: point(from.x, from.y)
	});
	const steps = 8;
	for (let i = 1; i <= steps; i++) {
		const x = from.x + ((to.x - from.x) * i) / steps;
		const y = from.y + ((to.y - from.y) * i) / steps;
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
	// Chromium drops a synthetic tap that follows a touch gesture within a few hundred ms (as a
	// possible double tap); a finger is never that quick, so wait as long as a person would.
	await page.waitForTimeout(600);
}

async function centre(page: Page, selector: ReturnType<Page['locator']>) {
	const box = (await selector.boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a live game on a 1366×768 projector with 40 players and on 390 and 320 px phones', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const host = await open(browser, PROJECTOR);
	await signUpByRequest(host);
	await host.goto('/host');
	await host.waitForLoadState('networkidle');
	await host.getByLabel('Number of questions').fill('6');
	await host.getByLabel('Time per question').selectOption('90');
	await host.getByRole('button', { name: 'Create the game' }).click();
	await expect(host).toHaveURL(/\/host\/[0-9a-f-]{36}$/);
	const gameId = host.url().split('/').pop()!;
	const code = (await host.getByTestId('join-code').textContent())!.trim();
	// No site menu on the projector.
	await expect(host.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

	// Forty students join (as their phones would, through the join endpoint).
	for (let i = 0; i < 40; i++) {
		const student = await request.newContext({ baseURL });
		const reply = await student.post('/api/live/join', {
			data: { code, nickname: `Student ${i + 1}` }
		});
		expect(reply.ok()).toBe(true);
		await student.dispose();
	}
	const phones: { name: string; page: Page }[] = [];
	for (const { name, options } of PHONES) {
		const page = await open(browser, { ...options, reducedMotion: 'reduce' });
		await page.goto(`/join/${code}`);
		await page.waitForLoadState('networkidle');
		await checkScreen(page, `join at ${name}`);
		await page.getByLabel('Nickname').fill(`Phone ${name.split('×')[0]}`);
		await page.getByRole('button', { name: 'Join' }).click();
		await expect(page.getByRole('heading', { name: "You're in!" })).toBeVisible();
		// No site menu and no link out of the game on the phone.
		await expect(page.getByRole('navigation')).toHaveCount(0);
		await expect(page.getByRole('link')).toHaveCount(0);
		await checkScreen(page, `player lobby at ${name}`);
		phones.push({ name, page });
	}

	await expect(host.getByTestId('lobby-players').getByRole('listitem')).toHaveCount(42);
	const start = host.getByRole('button', { name: /Start the game/ });
	await expect(start).toBeInViewport({ ratio: 1 });
	await checkScreen(host, 'projector lobby with 42 players');

	const questions = readDb(
		(db) =>
			JSON.parse(
				(
					db.prepare('select questions from games where id = ?').get(gameId) as {
						questions: string;
					}
				).questions
			) as { kind: 'name' | 'find' | 'judge' }[]
	);
	expect(questions.map((q) => q.kind)).toContain('name');
	const dropoutIndex = questions.findIndex((q) => q.kind !== 'find');
	const [phone, small] = phones;

	await host.keyboard.press('Space');
	const checked = new Set<string>();
	for (const [index, q] of questions.entries()) {
		await expect(host.getByText(`Question ${index + 1} of 6`)).toBeVisible();
		const excerptSize = await host
			.locator('blockquote p')
			.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(excerptSize).toBeGreaterThanOrEqual(32);
		const first = !checked.has(q.kind);
		checked.add(q.kind);
		if (first) await checkScreen(host, `projector ${q.kind} question`);

		for (const { name, page } of phones) {
			await expect(page.getByText(`Question ${index + 1} of 6`)).toBeVisible();
			await expect(page.locator('#question-heading')).toBeFocused();
			if (q.kind === 'name' && name === '390×844') {
				const tiles = page
					.getByRole('list', { name: 'Techniques to choose from' })
					.getByRole('button');
				await expect(tiles).toHaveCount(4);
				for (let t = 0; t < 4; t++) await expect(tiles.nth(t)).toBeInViewport({ ratio: 1 });
			}
			if (first) await checkScreen(page, `player ${q.kind} question at ${name}`);
		}

		if (q.kind === 'find' && !checked.has('dragged')) {
			// A finger dragged across three words selects exactly those three words.
			checked.add('dragged');
			const words = phone.page.getByRole('listbox').getByRole('option');
			await touchDrag(
				phone.page,
				await centre(phone.page, words.nth(0)),
				await centre(phone.page, words.nth(2))
			);
			await expect(phone.page.locator('[role="option"][aria-selected="true"]')).toHaveCount(3);
			await expect(phone.page.getByText(/^Selected: /).first()).toBeVisible();
			// Clearing works, and tapping the first and the last word selects the same range.
			await phone.page.getByRole('button', { name: 'Clear selection' }).tap();
			await expect(phone.page.locator('[role="option"][aria-selected="true"]')).toHaveCount(0);
			await words.nth(0).tap();
			await expect(phone.page.getByText(/Now tap the last word/).first()).toBeVisible();
			await words.nth(2).tap();
			await expect(phone.page.locator('[role="option"][aria-selected="true"]')).toHaveCount(3);
			await phone.page.getByRole('button', { name: 'Send my selection' }).tap();
		} else {
			await answerOnPhone(phone.page);
		}
		await expect(phone.page.getByTestId('answer-sent')).toBeVisible();
		await expect(phone.page.getByTestId('my-answer')).toContainText('You chose');

		if (index === dropoutIndex) {
			// The connection drops for 5 s just as the answer is given: it waits, visibly, and
			// goes through once the connection is back.
			await small.page.context().setOffline(true);
			await answerOnPhone(small.page);
			await expect(small.page.getByTestId('answer-sending')).toBeVisible();
			await checkScreen(small.page, 'player sending an answer at 320×640');
			await small.page.waitForTimeout(5_000);
			await expect(small.page.getByTestId('answer-sending')).toBeVisible();
			await small.page.context().setOffline(false);
			await expect(small.page.getByTestId('answer-sent')).toBeVisible({ timeout: 15_000 });
		} else {
			await answerOnPhone(small.page);
			await expect(small.page.getByTestId('answer-sent')).toBeVisible();
		}
		await expect(host.getByTestId('answer-count')).toContainText('2 of 42');

		// Space closes the question; the reveal fits the projector with its Next button.
		await host.keyboard.press('Space');
		await expect(host.getByTestId('reveal-answer')).toBeVisible();
		await expect(host.getByRole('button', { name: /Show the leaderboard/ })).toBeInViewport({
			ratio: 1
		});
		if (first) {
			await checkScreen(host, `projector ${q.kind} reveal`);
			for (const { name, page } of phones) {
				await expect(page.getByTestId('my-points')).toBeVisible();
				await checkScreen(page, `player ${q.kind} reveal at ${name}`);
			}
		}
		await host.keyboard.press('ArrowRight');
		await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
		if (index === 0) {
			await checkScreen(host, 'projector leaderboard');
			for (const { name, page } of phones) {
				await expect(page.getByTestId('my-place')).toBeVisible();
				await checkScreen(page, `player leaderboard at ${name}`);
			}
		}
		await host.keyboard.press('Space');
	}

	await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
	// Motion on the projector, none where the viewer asked for reduced motion.
	expect(
		await host
			.getByTestId('standing')
			.first()
			.evaluate((el) => getComputedStyle(el).animationName)
	).toMatch(/rise$/);
	await checkScreen(host, 'projector podium');
	for (const { name, page } of phones) {
		await expect(page.getByTestId('final-place')).toBeVisible();
		expect(
			await page
				.getByTestId('standing')
				.first()
				.evaluate((el) => getComputedStyle(el).animationName)
		).toBe('none');
		await checkScreen(page, `player podium at ${name}`);
	}

	// The answer given during the dropout is stored once, like every other answer of that phone.
	const stored = readDb(
		(db) =>
			db
				.prepare(
					`select a.question_index as i, count(*) as n from answers a join players p on p.id = a.player_id
					 where a.game_id = ? and p.nickname = ? and a.response is not null group by a.question_index`
				)
				.all(gameId, 'Phone 320') as { i: number; n: number }[]
	);
	expect(stored).toEqual(questions.map((_, i) => ({ i, n: 1 })));

	// The results page reflows on phones too.
	await host.getByRole('link', { name: 'See the results' }).click();
	// The heading names the game as every page does: its title, then its code and date.
	await expect(
		host.getByRole('heading', { name: new RegExp(`^Results: .+ · game ${code} · `) })
	).toBeVisible();
	await checkScreen(host, 'results at 1366×768');
	for (const { name, options } of PHONES) {
		await host.setViewportSize(options.viewport!);
		await checkScreen(host, `results at ${name}`);
	}
});

/** Answers the phone's open question with the first tile, "Loaded" or one tapped word. */
async function answerOnPhone(page: Page) {
	const choices = page.getByRole('list', { name: 'Techniques to choose from' });
	const judge = page.getByRole('group', { name: 'Loaded or straight?' });
	const words = page.getByRole('listbox');
	await expect(choices.or(judge).or(words)).toBeVisible();
	if (await choices.isVisible()) await choices.getByRole('button').first().tap();
	else if (await judge.isVisible()) await judge.getByRole('button', { name: /Loaded/ }).tap();
	else {
		const word = words.getByRole('option').first();
		await word.tap();
		await word.tap();
		await page.getByRole('button', { name: 'Send my selection' }).tap();
	}
}

test('an assignment reflows in every phase at 320 and 390 px, for the student and the teacher', async ({
	browser
}) => {
	const teacher = await open(browser, PROJECTOR);
	await signUpByRequest(teacher);
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByRole('radio', { name: /Assignment/ }).check();
	await teacher.getByLabel('Title').fill('Reflow homework');
	const tomorrow = await teacher.evaluate(() => {
		const d = new Date(Date.now() + 24 * 3600_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
	});
	await teacher.getByLabel('Deadline (date and time)').fill(tomorrow);
	await teacher.getByLabel('Number of questions').fill('2');
	await teacher.getByLabel('Time per question').selectOption('untimed');
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher).toHaveURL(/\/host\/assignments\/[0-9a-f-]{36}$/);
	const code = (await teacher.getByTestId('assignment-code').textContent())!.trim();

	for (const { name, options } of PHONES) {
		const page = await open(browser, options);
		await page.goto(`/a/${code}`);
		await page.waitForLoadState('networkidle');
		await checkScreen(page, `assignment start at ${name}`);
		await page.getByLabel('Nickname').fill(`Student ${name.split('×')[0]}`);
		await page.getByRole('button', { name: 'Start the assignment' }).click();
		await expect(page.locator('#ready-heading')).toBeVisible();
		await checkScreen(page, `assignment ready at ${name}`);
		await page.getByRole('button', { name: 'Start', exact: true }).click();
		for (let i = 0; i < 2; i++) {
			await expect(page.locator('#question-heading')).toBeFocused();
			await checkScreen(page, `assignment question ${i + 1} at ${name}`);
			await answerSolo(page);
			await expect(page.locator('#feedback-heading')).toBeFocused();
			await checkScreen(page, `assignment feedback ${i + 1} at ${name}`);
			await page
				.getByRole('button', { name: i === 0 ? /Next question/ : /See your results/ })
				.click();
		}
		await expect(page.getByRole('heading', { name: 'Assignment done' })).toBeVisible();
		await checkScreen(page, `assignment summary at ${name}`);
		await page.context().close();

		await teacher.setViewportSize(options.viewport!);
		await teacher.reload();
		await checkScreen(teacher, `teacher's assignment page at ${name}`);
	}
	await teacher.goto(`/host/${teacher.url().split('/').pop()}/results`);
	await expect(teacher.getByRole('heading', { name: 'Results: Reflow homework' })).toBeVisible();
	for (const { name, options } of PHONES) {
		await teacher.setViewportSize(options.viewport!);
		await checkScreen(teacher, `assignment results at ${name}`);
	}
});
