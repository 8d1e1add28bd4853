/**
 * Helpers shared by the Playwright tests (tests/*.e2e.ts): the server's database and the
 * browsers of several people at once.
 */
import { expect, type Browser, type Page } from '@playwright/test';

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
