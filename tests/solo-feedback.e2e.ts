import { expect, test, type Page } from '@playwright/test';
import { answerSomehow } from './e2ePages';

/** Counts the page-data reloads (`__data.json`) the browser makes from now on. */
function countDataReloads(page: Page) {
	let count = 0;
	page.on('request', (request) => {
		if (request.url().includes('__data.json')) count++;
	});
	return () => count;
}

test('an answer shows its feedback from the form action alone, without reloading the page data', async ({
	page
}) => {
	await page.goto('/play');
	await page.getByRole('button', { name: 'Start a round' }).click();
	await expect(page).toHaveURL(/\/play\/[0-9a-f-]{36}$/);
	const reloads = countDataReloads(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();

	for (let i = 0; i < 3; i++) {
		await expect(page.getByText(`Question ${i + 1} of`)).toBeVisible();
		const answered = page.waitForResponse(
			(r) => r.url().includes('?/answer') && r.request().method() === 'POST'
		);
		await answerSomehow(page, 'Submit selection');
		const reply = (await (await answered).json()) as { type: string; data: string };
		// The action's own response carries the view with this answer's feedback.
		expect(reply.type).toBe('success');
		expect(reply.data).toContain('feedback');
		await expect(page.locator('#feedback-heading')).toBeVisible();
		await page.getByRole('button', { name: /Next question/ }).click();
	}
	await expect(page.getByText('Question 4 of')).toBeVisible();
	expect(reloads()).toBe(0);
});
