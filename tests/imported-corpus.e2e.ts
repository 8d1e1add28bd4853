/**
 * A round on an imported corpus: a small PTC-format corpus (articles and labels without any
 * editor's explanation) is written here, imported with the real import command into the server's
 * database, opted into on /play (the server lists it in SLANT_PUBLIC_SOURCES, see
 * playwright.config.ts), and played through. Every answer must come with an explanation of the
 * words: Slant writes one from the annotators' label, or says why a passage is straight.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Question } from '../src/lib/game/types';
import { answerSomehow, E2E_DATABASE } from './e2ePages';

const CORPUS = 'slant-e2e-corpus';
const databaseFile = resolve(process.cwd(), E2E_DATABASE);

/** Plain sentences of at least eight words, none of them using a technique. */
const PLAIN = [
	'The council met on Monday evening to discuss the budget for next year.',
	'Members heard a report from the finance officer about roads and schools.',
	'Residents can read the papers at the town hall from nine until five.',
	'The next meeting is planned for the first Tuesday of the new month.',
	'A spokesperson said the meeting will be open to members of the public.',
	'The report lists spending on street lights, parks and the public library.',
	'Copies of the budget will also be posted on the council website this week.',
	'The finance officer answered questions from three members about the bus service.'
];

/** Labelled sentences: the sentence, the words, and the PTC label. */
const LABELLED: [string, string, string][] = [
	[
		'The mayor called the plan a disgraceful betrayal of every family in the district.',
		'disgraceful betrayal',
		'Loaded_Language'
	],
	[
		'Only the usual armchair generals have complained about the new bus lanes this spring.',
		'armchair generals',
		'Name_Calling,Labeling'
	],
	[
		'If the tower is built, our children will grow up without a single green field.',
		'our children will grow up without a single green field',
		'Appeal_to_fear-prejudice'
	],
	[
		'Everyone in town has already signed the petition, so you should sign it too.',
		'Everyone in town has already signed the petition',
		'Bandwagon,Reductio_ad_hitlerum'
	]
];

/** One article: a title line, then three plain sentences around each labelled one. */
function ptcArticle(id: number, shift: number) {
	const lines = [`Town council debates the budget, part ${id}`, ''];
	const labels: string[] = [];
	LABELLED.forEach(([sentence, words, label], i) => {
		for (let k = 0; k < 2; k++) lines.push(PLAIN[(i * 2 + k + shift) % PLAIN.length]);
		const at = lines.join('\n').length + 1;
		lines.push(sentence);
		const start = Array.from(lines.join('\n').slice(0, at + sentence.indexOf(words))).length;
		labels.push(`${id}\t${label}\t${start}\t${start + Array.from(words).length}`);
	});
	lines.push(...PLAIN.slice(0, 3));
	return { text: lines.join('\n') + '\n', labels: labels.join('\n') + '\n' };
}

let dir = '';

test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'slant-e2e-corpus-'));
	const folder = join(dir, CORPUS);
	mkdirSync(folder);
	for (const [id, shift] of [
		[9001, 0],
		[9002, 3]
	]) {
		const { text, labels } = ptcArticle(id, shift);
		writeFileSync(join(folder, `article${id}.txt`), text);
		writeFileSync(join(folder, `article${id}.task2-TC.labels`), labels);
	}
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', folder], {
		env: { ...process.env, DATABASE_URL: E2E_DATABASE },
		encoding: 'utf8'
	});
	expect(run.status, run.stderr).toBe(0);
	expect(run.stdout).toContain('Articles: 2 added');
	approveEverything();
});

/**
 * Imported items reach students only once a teacher has reviewed them (issue 21; the review page
 * itself is tested in review.e2e.ts): every label is approved, and each article's whole text as a
 * straight passage, which approves every straight window in it.
 */
function approveEverything() {
	const db = new Database(databaseFile);
	try {
		db.prepare(
			`insert into item_reviews (collection, review_key, article_id, kind, status, reviewed_at)
			select a.collection, 'span:' || s.article_id || ':' || s.start || '-' || s."end" || ':' || s.technique_id,
				s.article_id, 'span', 'approved', 0
			from spans s join articles a on a.id = s.article_id where a.collection = ?`
		).run(CORPUS);
		db.prepare(
			`insert into item_reviews (collection, review_key, article_id, kind, status, reviewed_at)
			select collection, 'straight:' || id || ':0-' || length(body), id, 'straight', 'approved', 0
			from articles where collection = ?`
		).run(CORPUS);
	} finally {
		db.close();
	}
}

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

test('a round on an opted-in imported corpus explains every answer', async ({ page }) => {
	await page.goto('/play');
	const sources = page.getByRole('group', { name: 'Sources' });
	await expect(sources.getByRole('checkbox', { name: new RegExp(CORPUS) })).toBeVisible();
	// Opt into the corpus alone.
	for (const box of await sources.getByRole('checkbox').all()) await box.uncheck();
	await sources.getByRole('checkbox', { name: new RegExp(CORPUS) }).check();
	await page.getByLabel('Number of questions').fill('6');
	await page.getByRole('radio', { name: 'Untimed' }).check();
	await page.getByRole('button', { name: 'Start a round' }).click();

	await expect(page).toHaveURL(/\/play\/[0-9a-f-]{36}$/);
	const gameId = new URL(page.url()).pathname.split('/').at(-1)!;
	const questions = frozenQuestions(gameId);
	expect(questions.length).toBe(6);
	for (const q of questions) expect(['9001', '9002']).toContain(q.excerpt.articleId);

	await page.keyboard.press('Enter');
	for (let i = 0; i < questions.length; i++) {
		const q = questions[i];
		await expect(page.getByText(`Question ${i + 1} of ${questions.length}`)).toBeVisible();
		await answerSomehow(page, 'Submit selection');
		const feedback = page.locator('section.feedback');
		await expect(feedback).toBeVisible();
		if (q.kind === 'judge' && !q.loaded) {
			await expect(feedback).toContainText('No technique here: the annotators marked');
		} else {
			// Every labelled span in the excerpt is explained, in words that quote it.
			for (const span of q.spans) {
				await expect(feedback).toContainText(`“${span.text}”`);
			}
			// Issue 21: a generated explanation says it was generated and checked by nobody.
			await expect(feedback).toContainText(
				"Generated by Slant from the corpus annotators' label, not checked by a teacher or editor:"
			);
			await expect(feedback).toContainText('How to spot it:');
		}
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('#summary-heading')).toBeFocused();
});
