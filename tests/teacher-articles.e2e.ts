import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { labelsOfItem, parseItemKey } from '../src/lib/game/stats/labelItems';
import type { Question } from '../src/lib/game/types';
import {
	answerSomehow,
	E2E_DATABASE,
	expectAccessible,
	newPage,
	signUpByRequest,
	signUpInBrowser
} from './e2ePages';

/**
 * The article the teacher pastes: an emoji before the labels (one code point, two UTF-16 units)
 * and a non-breaking space inside a straight sentence, so an offset counted in UTF-16 units, or
 * a space normalised away, would move every label after it.
 */
const BODY =
	'Town hall 🔥 update. The council’s reckless scheme will wreck our town for good. ' +
	'Critics call the mayor a puppet of developers. ' +
	'The plan was approved on 3\u00a0May by a vote of five to two. ' +
	'Residents can comment until the end of June. ' +
	'Only a fool would trust these clowns with our future.';

/** The words of BODY as the labeller counts them (word-like segments), in order. */
const WORDS = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(BODY)]
	.filter((s) => s.isWordLike)
	.map((s) => s.segment);

/** Position of `word` among WORDS (its `nth` occurrence). */
function wordIndex(word: string, nth = 0): number {
	const at = WORDS.flatMap((w, i) => (w === word ? [i] : []))[nth];
	if (at === undefined) throw new Error(`no word ${word}`);
	return at;
}

/** The word `word` in the labeller. */
function wordIn(text: Locator, word: string): Locator {
	return text.locator(`[data-word="${wordIndex(word)}"]`);
}

/** Labels the selected words with `technique`, replacing the drafted explanation with `why`. */
async function labelSelection(page: Page, technique: string, why: string) {
	const form = page.locator('form[action="?/addSpan"]');
	await form.getByLabel('Technique').selectOption({ label: technique });
	await form.getByLabel('Explanation for students').fill(why);
	await form.getByRole('button', { name: 'Add the label' }).click();
}

/** The page has no horizontal scroll bar: nothing is wider than the window. */
async function expectNoHorizontalOverflow(page: Page, where: string) {
	const widths = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(widths.scroll, `horizontal overflow on ${where}`).toBeLessThanOrEqual(widths.client);
}

test('a teacher pastes an article, labels it by mouse, touch and keyboard, previews it, plays it live and exports the same words', async ({
	browser
}) => {
	// A tablet-like context: the finger taps below are real touch events.
	const context = await browser.newContext({
		hasTouch: true,
		viewport: { width: 1366, height: 768 }
	});
	const teacher = await context.newPage();
	await signUpInBrowser(teacher);

	await teacher.goto('/teacher/articles/new');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByLabel('Title').fill('Council scheme 🔥');
	await teacher.getByLabel('Article text').fill(BODY);
	await teacher.getByLabel('Outlet').fill('The Town Crier');
	await teacher.getByRole('button', { name: 'Add the article' }).click();
	await expect(teacher).toHaveURL(/\/teacher\/articles\/(?!new$)[^/]+$/);
	await teacher.waitForLoadState('networkidle');
	const articleUrl = teacher.url();
	const text = teacher.getByRole('listbox', { name: 'Article text: select words to label' });
	await expect(text).toBeVisible();

	// 1. Mouse: drag from "reckless" to "scheme".
	const from = (await wordIn(text, 'reckless').boundingBox())!;
	const to = (await wordIn(text, 'scheme').boundingBox())!;
	await teacher.mouse.move(from.x + 3, from.y + from.height / 2);
	await teacher.mouse.down();
	await teacher.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
	await teacher.mouse.move(to.x + to.width - 2, to.y + to.height / 2, { steps: 2 });
	await teacher.mouse.up();
	await expect(teacher.getByText('Selected: “reckless scheme”.').first()).toBeVisible();
	await labelSelection(
		teacher,
		'Loaded language',
		'“Reckless” judges the plan before saying what it does; “risky” would be flatter.'
	);
	await expect(teacher.getByRole('heading', { name: 'Labels (1)' })).toBeVisible();

	// 2. Touch: tap the first word, then the last.
	await wordIn(text, 'puppet').tap();
	await expect(teacher.getByText('Now tap the last word')).toBeVisible();
	await wordIn(text, 'developers').tap();
	await expect(teacher.getByText('Selected: “puppet of developers”.').first()).toBeVisible();
	await labelSelection(
		teacher,
		'Name calling',
		'“Puppet” labels the mayor instead of showing who decided what.'
	);
	await expect(teacher.getByRole('heading', { name: 'Labels (2)' })).toBeVisible();

	// 3. Keyboard: Home, arrows to "these", Shift+Right to "clowns", Enter.
	await text.focus();
	await teacher.keyboard.press('Home');
	for (let i = 0; i < wordIndex('these'); i++) await teacher.keyboard.press('ArrowRight');
	await teacher.keyboard.press('Shift+ArrowRight');
	await expect(teacher.getByText('Selected: “these clowns”.').first()).toBeVisible();
	await teacher.keyboard.press('Enter');
	await expect(teacher.locator('form[action="?/addSpan"]').getByLabel('Technique')).toBeFocused();
	await labelSelection(
		teacher,
		'Name calling',
		'“Clowns” mocks the council rather than answering what it decided.'
	);
	await expect(teacher.getByRole('heading', { name: 'Labels (3)' })).toBeVisible();

	// A straight sentence.
	const sentence = teacher.getByLabel('Sentence', { exact: true });
	const approved = sentence.getByRole('option', { name: 'The plan was approved on 3\u00a0May' });
	await sentence.selectOption((await approved.getAttribute('value'))!);
	await teacher.getByRole('button', { name: 'Mark straight' }).click();
	await expect(teacher.getByRole('heading', { name: 'Straight sentences (1)' })).toBeVisible();

	// The charged-words hint, off until asked for, outlines and lists the charged words outside
	// the labels and the straight sentence ("approved"); the teacher ignores one and starts a
	// label from another, extending it with the keyboard.
	const hints = teacher.getByRole('list', { name: 'Charged words to look at' });
	await expect(hints).toHaveCount(0);
	await teacher.getByLabel('Show the charged-words hint').check();
	await expect(hints.getByRole('button', { name: /^Start a label from/ })).toHaveText([
		'wreck',
		'good',
		'Critics',
		'fool'
	]);
	await expect(wordIn(text, 'wreck')).toHaveClass(/\bcharged\b/);
	await expect(wordIn(text, 'reckless')).not.toHaveClass(/\bcharged\b/);
	await expect(teacher.getByText(/not a finding/)).toBeVisible();
	await hints.getByRole('button', { name: 'Ignore “good”' }).click();
	await expect(wordIn(text, 'good')).not.toHaveClass(/\bcharged\b/);
	await hints.getByRole('button', { name: 'Start a label from “fool”' }).click();
	await expect(text).toBeFocused();
	await teacher.keyboard.press('Shift+ArrowLeft');
	await teacher.keyboard.press('Shift+ArrowLeft');
	await expect(teacher.getByText('Selected: “Only a fool”.').first()).toBeVisible();
	await teacher.keyboard.press('Enter');
	await labelSelection(teacher, 'Name calling', '“Fool” insults anyone who disagrees.');
	await expect(teacher.getByRole('heading', { name: 'Labels (4)' })).toBeVisible();
	await expect(hints.getByRole('button', { name: /^Start a label from/ })).toHaveText([
		'wreck',
		'Critics'
	]);

	// The editor, hint on, passes axe and fits a laptop and a tablet screen.
	await expectAccessible(teacher, 'the article editor');
	await expectNoHorizontalOverflow(teacher, 'the editor at 1366x768');
	await teacher.screenshot({ path: test.info().outputPath('editor-1366x768.png'), fullPage: true });
	await teacher.setViewportSize({ width: 1024, height: 768 });
	await expectNoHorizontalOverflow(teacher, 'the editor at 1024x768');
	await expect(text).toBeInViewport();
	await teacher.screenshot({ path: test.info().outputPath('editor-1024x768.png'), fullPage: true });

	// The preview lists the questions the article yields.
	await teacher.getByRole('link', { name: 'Preview the questions' }).click();
	const preview = teacher.getByRole('region', { name: 'Questions this article yields' });
	await expect(preview).toBeVisible();
	await expect(preview.getByRole('listitem').first()).toBeVisible();
	await teacher.screenshot({ path: test.info().outputPath('preview.png'), fullPage: true });

	// The teacher hosts a live game from the article; two players finish it.
	await teacher.goto('/host');
	await teacher.waitForLoadState('networkidle');
	await teacher.getByRole('radio', { name: 'One article' }).check();
	await teacher
		.locator('select[name="articleId"]')
		.selectOption({ label: 'Council scheme 🔥 (The Town Crier)' });
	await teacher.getByLabel('Number of questions').fill('2');
	await teacher.getByLabel('Time per question').selectOption('90');
	await teacher.getByRole('button', { name: 'Create the game' }).click();
	await expect(teacher).toHaveURL(/\/host\/[0-9a-f-]{36}$/);
	const code = (await teacher.getByTestId('join-code').textContent())!.trim();
	const phones: Page[] = [];
	for (const name of ['Ada', 'Bea']) {
		const phone = await newPage(browser);
		await phone.goto(`/join/${code}`);
		await phone.waitForLoadState('networkidle');
		await phone.getByLabel('Nickname').fill(name);
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone.getByRole('heading', { name: "You're in!" })).toBeVisible();
		phones.push(phone);
	}
	await teacher.getByRole('button', { name: 'Start the game' }).click();
	for (let index = 0; index < 2; index++) {
		await expect(teacher.getByText(`Question ${index + 1} of 2`)).toBeVisible();
		// Every excerpt comes from the teacher's article.
		await expect(teacher.getByText(/council|mayor|plan|Residents|clowns/).first()).toBeVisible();
		for (const phone of phones) {
			await expect(phone.getByText(`Question ${index + 1} of 2`)).toBeVisible();
			await answerSomehow(phone, 'Send my selection');
			await expect(
				phone.getByTestId('answer-sent').or(phone.getByTestId('my-points'))
			).toBeVisible();
		}
		await expect(teacher.getByText(/How the class answered \(2 players\)/)).toBeVisible();
		await teacher.getByRole('button', { name: 'Show the leaderboard' }).click();
		await teacher
			.getByRole('button', { name: index < 1 ? 'Next question' : 'Show the podium' })
			.click();
	}
	await expect(teacher.getByRole('heading', { name: 'Podium' })).toBeVisible();
	for (const phone of phones) await expect(phone.getByTestId('final-place')).toBeVisible();

	// The PTC export holds the four labels on exactly the selected words, counted in code points.
	await teacher.goto(articleUrl);
	await teacher.waitForLoadState('networkidle');
	const [file] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('link', { name: 'PTC files (zip)' }).click()
	]);
	const zip = unzipSync(new Uint8Array(await readFile((await file.path())!)));
	const names = Object.keys(zip);
	const txt = names.find((n) => n.endsWith('.txt'))!;
	const labels = names.find((n) => n.endsWith('.labels'))!;
	const exported = strFromU8(zip[txt]);
	expect(exported).toBe(BODY);
	const points = Array.from(exported);
	const rows = strFromU8(zip[labels])
		.trim()
		.split('\n')
		.map((line) => line.split('\t'));
	const quoted = rows
		.map(([, technique, start, end]) => ({
			technique,
			words: points.slice(Number(start), Number(end)).join('')
		}))
		.sort((a, b) => a.words.localeCompare(b.words));
	expect(quoted).toEqual([
		{ technique: 'Name_Calling,Labeling', words: 'Only a fool' },
		{ technique: 'Name_Calling,Labeling', words: 'puppet of developers' },
		{ technique: 'Loaded_Language', words: 'reckless scheme' },
		{ technique: 'Name_Calling,Labeling', words: 'these clowns' }
	]);
});

test('another teacher gets 404 for an unshared article, its editor actions and its exports, and sees it once shared', async ({
	browser
}) => {
	const owner = await newPage(browser);
	await signUpInBrowser(owner);
	await owner.goto('/teacher/articles/new');
	await owner.waitForLoadState('networkidle');
	await owner.getByLabel('Title').fill('Private draft on the bypass');
	await owner
		.getByLabel('Article text')
		.fill('The bypass will <b>ruin</b> the valley forever. It opens in May.');
	await owner.getByRole('button', { name: 'Add the article' }).click();
	await expect(owner).toHaveURL(/\/teacher\/articles\/(?!new$)[^/]+$/);
	const path = new URL(owner.url()).pathname;
	// Imported text is shown as text, never as HTML.
	const text = owner.getByRole('listbox', { name: 'Article text: select words to label' });
	await expect(text).toContainText('will <b>ruin</b> the valley');
	await expect(text.locator('b')).toHaveCount(0);

	const other = await newPage(browser);
	await signUpByRequest(other);
	const request = other.request;
	const origin = new URL(owner.url()).origin;
	const tryAll = async () => ({
		page: (await request.get(path)).status(),
		ptc: (await request.get(`${path}/export/ptc`)).status(),
		pack: (await request.get(`${path}/export/pack`)).status(),
		addSpan: (
			await request.post(`${path}?/addSpan`, {
				form: { start: '4', end: '10', techniqueId: 'loaded-language', explanation: '' },
				headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
			})
		).json()
	});
	const before = await tryAll();
	expect(before.page).toBe(404);
	expect(before.ptc).toBe(404);
	expect(before.pack).toBe(404);
	expect(await before.addSpan).toMatchObject({ type: 'failure', status: 404 });
	await other.goto('/teacher/articles');
	await expect(other.getByText('Private draft on the bypass')).toHaveCount(0);

	// The owner shares it with every teacher on the server.
	await owner.reload();
	await owner.waitForLoadState('networkidle');
	await owner.getByLabel('Shared with every teacher on this server').check();
	await owner.getByRole('button', { name: 'Save sharing' }).click();
	await expect(owner.getByLabel('Shared with every teacher on this server')).toBeChecked();
	await expect.poll(async () => (await request.get(path)).status()).toBe(200);

	const after = await tryAll();
	expect(after.ptc).toBe(200);
	expect(after.pack).toBe(200);
	// Shared is for reading, playing and copying: editing stays the owner's.
	expect(await after.addSpan).toMatchObject({ type: 'failure', status: 403 });
	await other.goto(path);
	await expect(other.getByRole('heading', { name: 'Private draft on the bypass' })).toBeVisible();
	await expect(other.getByText('Shared with you by another teacher')).toBeVisible();
	await other.goto('/teacher/articles');
	await expect(other.getByRole('link', { name: 'Private draft on the bypass' })).toBeVisible();
});

test('without JavaScript a teacher labels words chosen in drop-downs, and a selection that ends before it starts or cuts a word gets 400 and writes nothing', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const teacher = await context.newPage();
	await signUpByRequest(teacher);
	await teacher.goto('/teacher/articles/new');
	await teacher.getByLabel('Title').fill('Council scheme, no script');
	await teacher.getByLabel('Article text').fill(BODY);
	await teacher.getByRole('button', { name: 'Add the article' }).click();
	await expect(teacher).toHaveURL(/\/teacher\/articles\/(?!new$)[^/]+$/);
	const path = new URL(teacher.url()).pathname;
	await expect(
		teacher.getByText('Choose the first and the last word under the text.')
	).toBeVisible();

	const form = teacher.locator('form[action="?/addSpan"]');
	const first = teacher.getByLabel('First word');
	const last = teacher.getByLabel('Last word');
	const option = (word: string) => `${wordIndex(word) + 1}. ${word}`;

	// The last word before the first: refused with a message, nothing stored.
	await first.selectOption({ label: option('scheme') });
	await last.selectOption({ label: option('reckless') });
	await form.getByLabel('Technique').selectOption({ label: 'Loaded language' });
	const [refused] = await Promise.all([
		teacher.waitForResponse((r) => r.request().method() === 'POST'),
		form.getByRole('button', { name: 'Add the label' }).click()
	]);
	expect(refused.status()).toBe(400);
	await expect(teacher.getByRole('alert')).toContainText('before it starts');
	await expect(teacher.getByRole('heading', { name: 'Labels (0)' })).toBeVisible();

	// In order: the label lands on exactly those words.
	await teacher.getByLabel('First word').selectOption({ label: option('reckless') });
	await teacher.getByLabel('Last word').selectOption({ label: option('scheme') });
	await form.getByLabel('Technique').selectOption({ label: 'Loaded language' });
	await form
		.getByLabel('Explanation for students')
		.fill('“Reckless” judges the plan before saying what it does.');
	await form.getByRole('button', { name: 'Add the label' }).click();
	await expect(teacher.getByRole('heading', { name: 'Labels (1)' })).toBeVisible();
	await expect(teacher.getByText('Loaded language: “reckless scheme”')).toBeVisible();

	// Each end of a label moves a word at a time, by its own form (inside the closed details).
	const moveEdge = async (edge: 'Start' | 'End', direction: string) => {
		const entry = teacher.locator('ul.labels > li').first();
		await entry.locator('summary').click();
		await entry
			.locator('form', { hasText: `${edge}:` })
			.getByRole('button', { name: direction })
			.click();
	};
	await moveEdge('End', 'one word later');
	await expect(teacher.getByText('Loaded language: “reckless scheme will”')).toBeVisible();
	await moveEdge('Start', 'one word later');
	await expect(teacher.getByText('Loaded language: “scheme will”')).toBeVisible();

	// Offsets posted by hand that cut a word are refused too.
	// Two letters into "reckless", counted in code points (the emoji before it is one).
	const start = Array.from(BODY.slice(0, BODY.indexOf('reckless'))).length + 2;
	const cut = await teacher.request.post(`${path}?/addSpan`, {
		form: { start: String(start), end: String(start + 6), techniqueId: 'doubt', explanation: '' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(cut.status()).toBe(400);
	expect(await cut.text()).toContain('inside “reckless”');
	await teacher.goto(path);
	await expect(teacher.getByRole('heading', { name: 'Labels (1)' })).toBeVisible();

	// A sentence marked straight and unmarked, and the label deleted, each by its one-button form.
	const sentence = teacher.getByLabel('Sentence', { exact: true });
	const approved = sentence.getByRole('option', { name: 'The plan was approved on 3\u00a0May' });
	await sentence.selectOption((await approved.getAttribute('value'))!);
	await teacher.getByRole('button', { name: 'Mark straight' }).click();
	await expect(teacher.getByRole('heading', { name: 'Straight sentences (1)' })).toBeVisible();
	await teacher.getByRole('button', { name: 'Unmark' }).click();
	await expect(teacher.getByRole('heading', { name: 'Straight sentences (0)' })).toBeVisible();
	await teacher.locator('ul.labels > li summary').click();
	await teacher.getByRole('button', { name: 'Delete this label' }).click();
	await expect(teacher.getByRole('heading', { name: 'Labels (0)' })).toBeVisible();
	await context.close();
});

test('once played, each label shows its difficulty and discrimination, and a flagged item on /teacher/items opens its label in the editor', async ({
	browser,
	baseURL
}) => {
	const owner = await newPage(browser);
	await signUpByRequest(owner);
	await owner.goto('/teacher/articles/new');
	await owner.waitForLoadState('networkidle');
	await owner.getByLabel('Title').fill('Council scheme, played');
	await owner.getByLabel('Article text').fill(BODY);
	await owner.getByRole('button', { name: 'Add the article' }).click();
	await expect(owner).toHaveURL(/\/teacher\/articles\/(?!new$)[^/]+$/);
	const path = new URL(owner.url()).pathname;
	const articleId = path.split('/').at(-1)!;
	const label = async (words: string, techniqueId: string) => {
		const start = Array.from(BODY.slice(0, BODY.indexOf(words))).length;
		const res = await owner.request.post(`${path}?/addSpan`, {
			form: { start, end: start + Array.from(words).length, techniqueId, explanation: '' },
			headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(await res.json()).toMatchObject({ type: 'success' });
	};
	await label('reckless scheme', 'loaded-language');
	await label('puppet of developers', 'name-calling');
	await label('these clowns', 'name-calling');

	// A real round of the article (its item keys as the round builder makes them)...
	const created = await owner.request.post('/api/live/host', {
		data: {
			articleId,
			sources: [articleId],
			families: [],
			count: 4,
			secondsPerQuestion: null,
			scoring: 'accuracy',
			streaks: false
		}
	});
	expect(created.status()).toBe(201);
	const { gameId } = (await created.json()) as { gameId: string };
	// ...answered by twelve players: the six who get the other questions right miss the first
	// question about a label, the six others get it right, so it is flagged.
	const sqlite = new Database(E2E_DATABASE);
	const questions = JSON.parse(
		(
			sqlite.prepare('select questions from games where id = ?').get(gameId) as {
				questions: string;
			}
		).questions
	) as Question[];
	const labels = sqlite
		.prepare('select id, technique_id as techniqueId, start, "end" from spans where article_id = ?')
		.all(articleId) as { id: number; techniqueId: string; start: number; end: number }[];
	const target = questions.findIndex(
		(q) => labelsOfItem(parseItemKey(q.itemKey)!, labels).length > 0
	);
	expect(target, 'a question about a label').toBeGreaterThanOrEqual(0);
	const [span] = labelsOfItem(parseItemKey(questions[target].itemKey)!, labels);
	const seat = sqlite.prepare(
		'insert into players (id, game_id, nickname, nickname_key, token_hash) values (?, ?, ?, ?, ?)'
	);
	const answer = sqlite.prepare(
		`insert into answers (game_id, player_id, question_index, item_key, kind, correct, credit, time_ms, points)
		 values (?, ?, ?, ?, ?, ?, ?, 1000, 0)`
	);
	sqlite.transaction(() => {
		for (let p = 0; p < 12; p++) {
			const playerId = `${gameId}-seeded-${p}`;
			seat.run(playerId, gameId, `P${p}`, `p${p}`, `seeded-${gameId}-${p}`);
			const strong = p < 6;
			questions.forEach((q, index) => {
				const correct = index === target ? !strong : strong;
				answer.run(gameId, playerId, index, q.itemKey, q.kind, correct ? 1 : 0, correct ? 1 : 0);
			});
		}
	})();
	sqlite.close();

	// Another teacher's item analysis leaves the private article out.
	const other = await newPage(browser);
	await signUpByRequest(other);
	await other.goto('/teacher/items');
	await expect(other.getByText('Council scheme, played')).toHaveCount(0);

	await owner.goto('/teacher/items?flagged=1');
	const row = owner.locator(`tr[data-item="${questions[target].itemKey}"]`);
	await expect(row).toContainText('Possibly mislabelled');
	await row.getByRole('link', { name: 'Check the label' }).click();
	await expect(owner).toHaveURL(`${path}#span-${span.id}`);
	await owner.waitForLoadState('networkidle');
	const entry = owner.locator(`#span-${span.id}`);
	await expect(entry.locator('summary')).toBeFocused();
	await expect(entry.locator('details')).toHaveAttribute('open', '');
	await expect(entry.locator('summary')).toContainText('⚑ Possibly mislabelled');
	const played = entry.getByRole('list', {
		name: 'How players did on questions about these words'
	});
	await expect(
		played.getByRole('listitem').filter({ hasText: 'Possibly mislabelled' })
	).toContainText('difficulty 50% right (6 of 12), discrimination -1.00 (n = 12)');
	await expectAccessible(owner, 'the editor with item figures');
});
