/**
 * A check before and after teaching, played through the pages: a teacher sets the pair, six
 * students on phone-sized screens take both checks (half of them form A first, half form B), each
 * answer right or wrong as this test decides, with a 1-4 confidence rating. During a check no
 * feedback, score or key appears on the page or in any reply; the report then shows the change,
 * d′ and c before and after and the calibration, each as this test computes it from the answers
 * it gave (its own arithmetic, with jStat's quantiles), the change in percentage points and the
 * deadlines in the teacher's time zone.
 */
import Database from 'better-sqlite3';
import jstat from 'jstat';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Question } from '../src/lib/game/types';
import { E2E_DATABASE, expectAccessible, signUpInBrowser } from './e2ePages';

const { jStat } = jstat;
const FORM = 24;
const PHONE = { width: 390, height: 844 };
/** The teacher reads the report in India (UTC+5:30): a deadline in UTC would show. */
const TEACHER_ZONE = 'Asia/Kolkata';

/** A field of the key or of a verdict, as a key of the JSON (or devalue) a reply carries. */
const KEY_FIELD = /\\?"(answer|targets|loaded|spans|explanation|reveal|correct|credit|points)\\?":/;

/** A number in [0, 1) from a student, a check and a question: the same on every run. */
function draw(student: number, check: number, question: number): number {
	let h = 2166136261 ^ (student * 7919 + check * 104729 + question * 15485863);
	h = Math.imul(h ^ (h >>> 15), 2246822507);
	h = Math.imul(h ^ (h >>> 13), 3266489909);
	return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * Whether student `s` answers question `i` of check `c` (0 before, 1 after) right: most do better
 * after teaching; the third student does worse.
 */
const answersRight = (s: number, c: number, i: number) =>
	draw(s, c, i) < (c === 0 ? 0.35 + 0.05 * s : s === 2 ? 0.3 : 0.6 + 0.05 * s);
/** The rating given: 3 or 4 when right; when wrong, 4 every third time (confident and wrong). */
const ratingOf = (s: number, c: number, i: number, right: boolean) =>
	right ? 3 + (i % 2) : i % 3 === 0 ? 4 : 1 + (i % 2);

interface Given {
	question: Question;
	right: boolean;
	rating: number;
}

function database() {
	return new Database(E2E_DATABASE, { readonly: true });
}

/** The questions of the form `nickname` plays in check `gameId`, as the server froze them. */
function formOf(gameId: string, nickname: string): { form: 'A' | 'B'; questions: Question[] } {
	const db = database();
	try {
		const game = db.prepare('select questions from games where id = ?').get(gameId) as {
			questions: string;
		};
		const seat = db
			.prepare('select check_form as form from players where game_id = ? and nickname = ?')
			.get(gameId, nickname) as { form: 'A' | 'B' };
		const all = JSON.parse(game.questions) as Question[];
		return {
			form: seat.form,
			questions: seat.form === 'A' ? all.slice(0, FORM) : all.slice(FORM, 2 * FORM)
		};
	} finally {
		db.close();
	}
}

/** Gives the answer this test decided to question `q`, on the page, with its rating. */
async function answer(page: Page, q: Question, right: boolean, rating: number) {
	await page.getByRole('radio', { name: new RegExp(`^${rating} · `) }).check();
	if (q.kind === 'judge') {
		const sayLoaded = right ? q.loaded : !q.loaded;
		await page
			.getByRole('group', { name: 'Loaded or straight?' })
			.getByRole('button', { name: sayLoaded ? /Loaded/ : /Straight/ })
			.click();
	} else if (q.kind === 'name') {
		const chosen = right ? q.answer : q.choices.find((c) => c !== q.answer)!;
		await page
			.getByRole('list', { name: 'Techniques to choose from' })
			.locator(`button[value="${chosen}"]`)
			.click();
	} else {
		const words = q.excerpt.tokens.flatMap((t, i) => (t.word ? [i] : []));
		let first: number;
		let last: number;
		if (right) {
			const [start, end] = q.targets[0];
			const inside = words.filter((w) => w >= start && w < end);
			[first, last] = [inside[0], inside[inside.length - 1]];
		} else {
			// A word well away from every phrase to find: no credit.
			const outside = (margin: number) =>
				words.find((w) => q.targets.every(([s, e]) => w < s - margin || w >= e + margin));
			const far = outside(3) ?? outside(1)!;
			[first, last] = [far, far];
		}
		const list = page.getByRole('listbox');
		await list.locator(`[role="option"][id$="-w${first}"]`).click();
		await list.locator(`[role="option"][id$="-w${last}"]`).click();
		await page.getByRole('button', { name: 'Submit selection' }).click();
	}
}

/**
 * Plays a whole check on `page` (already on its play page): every question as decided, checking
 * after each answer that the page shows the next question and no feedback or score.
 */
async function takeCheck(
	page: Page,
	s: number,
	c: number,
	questions: Question[]
): Promise<Given[]> {
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	const given: Given[] = [];
	for (let i = 0; i < questions.length; i++) {
		await expect(page.getByText(`Question ${i + 1} of ${FORM}`)).toBeVisible();
		await expect(page.getByText(/Score \d/)).toHaveCount(0);
		if (s === 0 && i === 0)
			await expectAccessible(page, `check ${c + 1}: a question and its rating`);
		const right = answersRight(s, c, i);
		const rating = ratingOf(s, c, i, right);
		await answer(page, questions[i], right, rating);
		given.push({ question: questions[i], right, rating });
		await expect(page.locator('#feedback-heading')).toHaveCount(0);
	}
	return given;
}

/** A phone-sized page of its own (its own cookies), recording every reply to an answer. */
async function phone(browser: Browser, replies: string[]): Promise<Page> {
	const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
	const page = await context.newPage();
	page.on('response', async (response) => {
		if (response.request().method() === 'POST' && response.url().includes('/answer')) {
			replies.push(await response.text());
		}
	});
	return page;
}

const z = (p: number) => jStat.normal.inv(p, 0, 1);

/** d′ and c on pooled judgements, log-linear corrected, as the report's legend says. */
function signalDetection(given: Given[]) {
	const judged = given.filter((g) => g.question.kind === 'judge');
	const loaded = judged.filter((g) => (g.question as { loaded: boolean }).loaded);
	const straight = judged.filter((g) => !(g.question as { loaded: boolean }).loaded);
	const hits = loaded.filter((g) => g.right).length;
	const falseAlarms = straight.filter((g) => !g.right).length;
	const zh = z((hits + 0.5) / (loaded.length + 1));
	const zf = z((falseAlarms + 0.5) / (straight.length + 1));
	return { dPrime: zh - zf, c: -(zh + zf) / 2 };
}

const two = (x: number) => `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(2)}`;
const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x * 100))}`;

test('a before/after check on six phones measures the class without teaching during it', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const teacherContext = await browser.newContext({ timezoneId: TEACHER_ZONE, locale: 'en-GB' });
	const teacher = await teacherContext.newPage();
	await signUpInBrowser(teacher);
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByRole('radio', { name: /Assignment/ }).check();
	await teacher.getByLabel('Title').fill('Week 6 check');
	const inDays = (days: number) =>
		teacher.evaluate((d) => {
			const at = new Date(Date.now() + d * 24 * 3600_000);
			const pad = (n: number) => String(n).padStart(2, '0');
			return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
		}, days);
	await teacher.getByLabel('Deadline (date and time)').fill(await inDays(1));
	await teacher.getByRole('checkbox', { name: /A check before and after teaching/ }).check();
	await teacher.getByLabel('Deadline of the check after teaching').fill(await inDays(8));
	await teacher.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(teacher).toHaveURL(/\/host\/assignments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
	const beforeId = teacher.url().split('/').pop()!;
	const beforeCode = (await teacher.getByTestId('assignment-code').textContent())!.trim();
	await teacher.getByRole('link', { name: 'Open the check after teaching' }).click();
	await expect(teacher).not.toHaveURL(new RegExp(beforeId));
	await expect(teacher).toHaveURL(/\/host\/assignments\/[0-9a-f-]{36}$/);
	const afterId = teacher.url().split('/').pop()!;
	const afterCode = (await teacher.getByTestId('assignment-code').textContent())!.trim();
	expect(afterCode).not.toBe(beforeCode);

	const names = ['Ada', 'Bea', 'Cy', 'Dee', 'Eli', 'Fay'];
	const replies: string[] = [];
	const phones: Page[] = [];
	const before: Given[][] = [];
	const firstForms: ('A' | 'B')[] = [];
	const codes: string[] = [];
	for (const [s, name] of names.entries()) {
		const page = await phone(browser, replies);
		phones.push(page);
		await page.goto(`/a/${beforeCode}`);
		await page.waitForLoadState('networkidle');
		await expect(page.getByTestId('check-intro')).toContainText('no feedback and no score');
		await page.getByLabel('Nickname').fill(name);
		await page.getByRole('button', { name: 'Start the check' }).click();
		await expect(page).toHaveURL(new RegExp(`/a/${beforeCode}/play$`));
		codes.push((await page.getByTestId('resume-code').textContent())!.trim());
		if (s === 0) await expectAccessible(page, 'a check on a phone, ready to start');
		const { form, questions } = formOf(beforeId, name);
		firstForms.push(form);
		before.push(await takeCheck(page, s, 0, questions));
		await expect(page.getByTestId('handed-in')).toBeVisible();
		await expect(page.getByText(/Score \d|\bpoints\b|\d+ (right|correct)/i)).toHaveCount(0);
	}
	// Half the class took each form first; no reply to any answer held the key or a verdict.
	expect(firstForms.filter((f) => f === 'A')).toHaveLength(3);
	await expect.poll(() => replies.length).toBe(names.length * FORM);
	for (const reply of replies) expect(reply).not.toMatch(KEY_FIELD);

	const after: Given[][] = [];
	for (const [s, name] of names.entries()) {
		const page = phones[s];
		await page.goto(`/a/${afterCode}`);
		await page.waitForLoadState('networkidle');
		if (s % 2 === 0) {
			// The same phone: the seat it holds in the first check.
			await page.getByRole('button', { name: `Continue as ${name}` }).click();
		} else {
			// As on another device: the resume code shown on the first check.
			await page.getByLabel('Resume code').fill(codes[s].toLowerCase());
			await page.getByRole('button', { name: 'Continue here' }).click();
		}
		await expect(page).toHaveURL(new RegExp(`/a/${afterCode}/play$`));
		const { form, questions } = formOf(afterId, name);
		// Counterbalanced: the other form after teaching.
		expect(form).not.toBe(firstForms[s]);
		const from = replies.length;
		after.push(await takeCheck(page, s, 1, questions));
		// Every reply of the check but the last holds no key; the last brings the results.
		await expect.poll(() => replies.length - from).toBe(FORM);
		for (const reply of replies.slice(from, -1)) expect(reply).not.toMatch(KEY_FIELD);
		expect(replies[replies.length - 1]).toMatch(KEY_FIELD);
		// After the check after teaching, the student sees their results.
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	}
	await expect.poll(() => replies.length).toBe(names.length * 2 * FORM);

	// The report, read as the teacher computes nothing: the test's own arithmetic.
	await teacher.goto(`/host/${beforeId}/learning`);
	await teacher.waitForLoadState('networkidle');
	const accuracy = (g: Given[]) => g.filter((x) => x.right).length / g.length;
	const changes = names.map((_, s) => accuracy(after[s]) - accuracy(before[s]));
	const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
	const sd = Math.sqrt(changes.reduce((a, b) => a + (b - mean) ** 2, 0) / (changes.length - 1));
	const half = jStat.studentt.inv(0.975, changes.length - 1) * (sd / Math.sqrt(changes.length));
	const figures = teacher.getByTestId('after-figures');
	await expect(teacher.getByTestId('after-students')).toContainText('6 students took both checks');
	await expect(teacher.getByTestId('after-accuracy-change')).toHaveText(
		`${pp(mean)} percentage points`
	);
	await expect(teacher.getByTestId('after-accuracy-interval')).toHaveText(
		`(95% interval ${pp(mean - half)} to ${pp(mean + half)} percentage points)`
	);
	const sdBefore = signalDetection(before.flat());
	const sdAfter = signalDetection(after.flat());
	await expect(teacher.getByTestId('after-dprime-first')).toHaveText(two(sdBefore.dPrime));
	await expect(teacher.getByTestId('after-dprime-second')).toHaveText(two(sdAfter.dPrime));
	await expect(teacher.getByTestId('after-c-first')).toHaveText(two(sdBefore.c));
	await expect(teacher.getByTestId('after-c-second')).toHaveText(two(sdAfter.c));
	const improved = changes.filter((c) => c > 0).length;
	await expect(teacher.getByTestId('after-improved')).toContainText(
		`${Math.round((100 * improved) / 6)}%: ${improved} of 6 answered more right after`
	);
	const confidentWrong = (g: Given[]) => g.filter((x) => !x.right && x.rating >= 3).length;
	await expect(
		teacher.getByTestId('after-calibration-first').getByTestId('confident-wrong')
	).toHaveText(String(confidentWrong(before.flat())));
	await expect(
		teacher.getByTestId('after-calibration-second').getByTestId('confident-wrong')
	).toHaveText(String(confidentWrong(after.flat())));
	await expect(teacher.getByText('(3 and 3)')).toBeVisible();

	// Issue 18 item 10: a change in accuracy is in percentage points, never bare "points".
	const text = ((await teacher.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
	expect(text).toContain('percentage points');
	expect(text.replace(/percentage points/g, '')).not.toMatch(/\bpoints\b/);
	await expect(figures).toBeVisible();
	await expectAccessible(teacher, 'the report of the checks');
	// On a phone too, the report fits the screen: nothing to scroll sideways.
	await teacher.setViewportSize(PHONE);
	const overflow = await teacher.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	// Issue 18 item 10: deadlines in the teacher's own time zone, like every other page.
	const deadline = teacher.getByTestId('check-before').locator('time');
	const iso = (await deadline.getAttribute('datetime'))!;
	const local = new Date(new Date(iso).getTime() + 330 * 60_000);
	const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
	await expect(deadline).toContainText(hhmm);
	await expect(deadline).not.toContainText('UTC');
});
