/**
 * Helpers shared by the Playwright tests (tests/*.e2e.ts): the server's database and the
 * browsers of several people at once.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { TEACHER_PASSWORD, teacherEmail } from './teacherAccounts';

export { TEACHER_PASSWORD, teacherEmail };

const port = Number(process.env.E2E_PORT ?? 4173);
/** The database of the server playwright.config.ts starts, relative to the repository. */
export const E2E_DATABASE = `data/e2e-${port}.db`;

/** A page in a browser context of its own: another phone or student, with its own cookies. */
export async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

/**
 * Answers the question on screen (right or wrong does not matter) with whatever control its kind
 * shows: the first technique, "Loaded", or the first word, sent with the button `sendSelection`.
 */
export async function answerSomehow(page: Page, sendSelection: string) {
	const choices = page.getByRole('list', { name: 'Techniques to choose from' });
	const judge = page.getByRole('group', { name: 'Loaded or straight?' });
	const words = page.getByRole('listbox');
	await expect(choices.or(judge).or(words)).toBeVisible();
	if (await choices.isVisible()) {
		await choices.getByRole('button').first().click();
	} else if (await judge.isVisible()) {
		await judge.getByRole('button', { name: /Loaded/ }).click();
	} else {
		const word = words.getByRole('option').first();
		await word.click();
		await word.click();
		await page.getByRole('button', { name: sendSelection }).click();
	}
}

/** Signs a new teacher up through the sign-up form, as a teacher would; the page is then signed in. */
export async function signUpInBrowser(page: Page, email = teacherEmail()): Promise<string> {
	await page.goto('/teacher/sign-up');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password').fill(TEACHER_PASSWORD);
	await page.getByRole('button', { name: 'Create the account' }).click();
	await expect(page).toHaveURL(/\/teacher$/);
	return email;
}

/** Signs an existing teacher in through the sign-in form; `next` is where to land. */
export async function signInInBrowser(page: Page, email: string, next = '/teacher') {
	await page.goto(`/teacher/sign-in?next=${encodeURIComponent(next)}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password').fill(TEACHER_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, '\\?')}$`));
}

/** A teacher's page in a browser context of its own, signed up through the form. */
export async function teacherPage(browser: Browser): Promise<{ page: Page; email: string }> {
	const page = await newPage(browser);
	const email = await signUpInBrowser(page);
	return { page, email };
}

/**
 * Signs a new teacher up over HTTP in this page's browser context (as a script would): the
 * context's pages and its `request` then carry the session cookie.
 */
export async function signUpByRequest(page: Page, email = teacherEmail()): Promise<string> {
	const res = await page.request.post('/api/auth/sign-up', {
		data: { email, password: TEACHER_PASSWORD }
	});
	expect(res.status()).toBe(201);
	return email;
}

/** axe-core finds no violation on the page as it is now. */
export async function expectAccessible(page: Page, where: string) {
	// Let entrance animations finish: half-faded text would be judged on the wrong contrast.
	await page.waitForFunction(() =>
		document
			.getAnimations()
			.every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
	);
	const { violations } = await new AxeBuilder({ page }).analyze();
	const found = violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
	}));
	expect(found, `axe on ${where}`).toEqual([]);
}

/** Parses a CSV written by the app (BOM, CRLF, quoted cells without line breaks). */
export function parseCsv(text: string): Record<string, string>[] {
	const lines = text
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
	const cells = (line: string) =>
		[...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
			.slice(0, -1)
			.map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
	const [header, ...rows] = lines.map(cells);
	return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}
