/**
 * Reviewing an imported collection (issue 21): a small PTC-format corpus is written to a temp
 * folder and imported with the real import command into the server's database. A teacher opens
 * its review from /teacher, approves one labelled item, fixes the technique of another (with their
 * own explanation), hides a third and leaves a fourth alone; the live game they then create from
 * the collection serves exactly the approved and fixed items, the fixed one with the teacher's
 * technique and explanation.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spanReviewKey } from '../src/lib/game/review';
import type { Question } from '../src/lib/game/types';
import { E2E_DATABASE, expectAccessible, teacherPage } from './e2ePages';

const CORPUS = 'slant-e2e-review';
const ID = '9101';
const databaseFile = resolve(process.cwd(), E2E_DATABASE);

const PLAIN = [
	'The council met on Monday evening to discuss the budget for next year.',
	'Members heard a report from the finance officer about roads and schools.',
	'Residents can read the papers at the town hall from nine until five.',
	'The next meeting is planned for the first Tuesday of the new month.',
	'A spokesperson said the meeting will be open to members of the public.'
];

/** The labelled sentences: sentence, words, PTC label, technique id. */
const LABELLED = {
	approve: [
		'The mayor called the plan a disgraceful betrayal of every family in the district.',
		'disgraceful betrayal',
		'Loaded_Language',
		'loaded-language'
	],
	fix: [
		'Only the usual armchair generals have complained about the new bus lanes this spring.',
		'armchair generals',
		'Name_Calling,Labeling',
		'name-calling'
	],
	hide: [
		'If the tower is built, our children will grow up without a single green field.',
		'our children will grow up without a single green field',
		'Appeal_to_fear-prejudice',
		'fear'
	],
	leave: [
		'Everyone in town has already signed the petition, so you should sign it too.',
		'Everyone in town has already signed the petition',
		'Bandwagon,Reductio_ad_hitlerum',
		'bandwagon'
	]
} as const;
type Which = keyof typeof LABELLED;

const TEACHER_NOTE = 'A teacher’s note: the phrase mocks critics as people who talk big.';

let dir = '';
const keys = {} as Record<Which, string>;

test.beforeAll(() => {
	const lines = [`Town council debates the bus lanes`, ''];
	const labels: string[] = [];
	Object.entries(LABELLED).forEach(([which, [sentence, words, label, id]], i) => {
		lines.push(PLAIN[i % PLAIN.length]);
		const at = lines.join('\n').length + 1;
		lines.push(sentence);
		const start = Array.from(lines.join('\n').slice(0, at + sentence.indexOf(words))).length;
		const end = start + Array.from(words).length;
		labels.push(`${ID}\t${label}\t${start}\t${end}`);
		keys[which as Which] = spanReviewKey(ID, start, end, id);
	});
	lines.push(...PLAIN);
	dir = mkdtempSync(join(tmpdir(), 'slant-e2e-review-'));
	const folder = join(dir, CORPUS);
	mkdirSync(folder);
	writeFileSync(join(folder, `article${ID}.txt`), lines.join('\n') + '\n');
	writeFileSync(join(folder, `article${ID}.task2-TC.labels`), labels.join('\n') + '\n');
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', folder], {
		env: { ...process.env, DATABASE_URL: E2E_DATABASE },
		encoding: 'utf8'
	});
	expect(run.status, run.stderr).toBe(0);
	expect(run.stdout).toContain('Articles: 1 added');
});

test.afterAll(() => {
	// Leave the shared e2e database as the other tests expect it: bundled content only.
	const db = new Database(databaseFile);
	try {
		db.pragma('foreign_keys = ON');
		db.prepare('delete from articles where collection = ?').run(CORPUS);
	} finally {
		db.close();
	}
	rmSync(dir, { recursive: true, force: true });
});

function frozenQuestions(gameId: string): Question[] {
	const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
	try {
		const row = db.prepare('select questions from games where id = ?').get(gameId) as {
			questions: string;
		};
		return JSON.parse(row.questions) as Question[];
	} finally {
		db.close();
	}
}

test('a teacher reviews an imported collection, and the next round serves only what they approved or fixed', async ({
	browser
}) => {
	const { page } = await teacherPage(browser);
	await page.getByRole('link', { name: 'Review imported content' }).click();
	await page.getByRole('link', { name: CORPUS }).click();
	await expect(page.getByTestId('review-progress')).toContainText('Reviewed 0 of 4 labelled items');

	const card = (which: Which) => page.locator(`article[data-review-key="${keys[which]}"]`);
	// Each item is shown as a student would see it, with its key and the generated explanation.
	await expect(card('fix')).toContainText('Name calling');
	await expect(card('fix')).toContainText("Generated by Slant from the corpus annotators' label");

	await card('approve').getByRole('button', { name: 'Approve' }).click();
	await expect(card('approve').locator('.status')).toHaveText('Approved');

	// Each end of the words keeps its place or moves a word, the move that grows the label first.
	await expect(card('fix').getByLabel('Start of the words').locator('option')).toHaveText([
		'Keep',
		'One word earlier',
		'One word later'
	]);
	await expect(card('fix').getByLabel('End of the words').locator('option')).toHaveText([
		'Keep',
		'One word later',
		'One word earlier'
	]);
	await card('fix').getByLabel('Technique').selectOption('doubt');
	await card('fix')
		.getByLabel(/Your explanation/)
		.fill(TEACHER_NOTE);
	await card('fix').getByRole('button', { name: 'Save fix' }).click();
	await expect(card('fix').locator('.status')).toHaveText('Fixed by a teacher');
	await expect(card('fix')).toContainText('imported as Name calling');
	await expect(card('fix')).toContainText(
		'Explanation written by a teacher who reviewed this item.'
	);

	await card('hide').getByLabel('Reason to hide').fill('The label does not fit these words.');
	await card('hide').getByRole('button', { name: 'Hide' }).click();
	await expect(card('hide').locator('.status')).toHaveText('Hidden');
	await expect(page.getByTestId('review-progress')).toContainText('Reviewed 3 of 4 labelled items');
	await expectAccessible(page, 'the review page');

	// A live game from this collection alone.
	await page.goto('/host');
	const sources = page.getByRole('group', { name: 'Sources' });
	await expect(sources).toContainText('reviewed 3 of 4 labelled items');
	for (const box of await sources.getByRole('checkbox', { name: /./ }).all()) await box.uncheck();
	await sources.getByRole('checkbox', { name: new RegExp(CORPUS) }).check();
	await page.getByLabel('Number of questions').fill('10');
	await page.getByRole('button', { name: 'Create the game' }).click();
	await expect(page).toHaveURL(/\/host\/[^/]+$/);
	const gameId = new URL(page.url()).pathname.split('/').at(-1)!;

	const questions = frozenQuestions(gameId);
	expect(questions.length).toBeGreaterThan(0);
	const words = (which: Which) => LABELLED[which][1];
	const shown = new Set(questions.flatMap((q) => q.spans.map((s) => s.text)));
	expect(shown).toEqual(new Set([words('approve'), words('fix')]));
	for (const q of questions) {
		expect(q.excerpt.articleId).toBe(ID);
		// No straight passage was approved, so none is served.
		expect(q.kind === 'judge' && !q.loaded).toBe(false);
		for (const s of q.spans) {
			if (s.text === words('fix')) {
				expect(s).toMatchObject({
					techniqueId: 'doubt',
					explanation: TEACHER_NOTE,
					explanationBy: 'teacher'
				});
			} else {
				expect(s).toMatchObject({ techniqueId: 'loaded-language', explanation: null });
			}
		}
		// The question about the fixed words asks for the teacher's technique.
		if (q.spans.some((s) => s.text === words('fix'))) {
			if (q.kind === 'name') expect(q.answer).toBe('doubt');
			if (q.kind === 'find') expect(q.techniqueId).toBe('doubt');
		}
	}
});
