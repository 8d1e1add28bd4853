import { describe, expect, it } from 'vitest';
import { cueStrategies, type JudgeSurface } from '../../game/adversaries';
import { excerptText } from '../../game/itemChecks';
import { FORM_SIZE, matchKey, sharesExcerpt, slotOf } from '../../game/parallel';
import { defaultRoundConfig, itemPriors, listItems } from '../../game/round';
import { openTestDatabase } from '../db/open';
import { loadRoundContent } from '../db/queries';
import { ensureBundledContent } from './bundled';
import { buildFormsFromDb, formDifficulty } from './checkForms';
import { CALIBRATION_WEIGHT, loadItemCalibration, shrunkDifficulty } from './itemCalibration';
import { syncTechniques } from './techniques';

function bundledDb() {
	const db = openTestDatabase();
	syncTechniques(db);
	ensureBundledContent(db);
	return db;
}

describe('the item calibration shipped with the bundled content', () => {
	const db = bundledDb();
	const content = loadRoundContent(db);
	const config = defaultRoundConfig();
	const calibration = loadItemCalibration();

	it('covers every item the bundled content can make (run npm run calibrate:items if not)', () => {
		const missing = listItems(content, config, 'x')
			.map((q) => q.itemKey)
			.filter((key) => !calibration.has(key));
		expect(missing).toEqual([]);
	});

	it('is what a new install matches the forms on, not one half for every item', () => {
		const difficulty = formDifficulty(db, content, config);
		const items = listItems(content, config, 'x');
		for (const q of items.slice(0, 50)) expect(difficulty(q)).toBe(calibration.get(q.itemKey));
		expect(new Set(items.map(difficulty)).size).toBeGreaterThan(10);
		// The model moves the charged-word cue's pull onto loaded-or-straight items only.
		const priors = itemPriors(content, config);
		const name = items.find((q) => q.kind === 'name')!;
		expect(calibration.get(name.itemKey)).toBeCloseTo(priors.get(name.itemKey)!, 3);
	});

	it('moves toward the answers stored in this database, the calibration worth 4 answers', () => {
		expect(CALIBRATION_WEIGHT).toBe(4);
		expect(shrunkDifficulty(0.4, undefined)).toBe(0.4);
		// 4 answers, all wrong: halfway from 0.4 to 1.
		expect(shrunkDifficulty(0.4, { answered: 4, correct: 0 })).toBeCloseTo(0.7, 12);
	});
});

describe('parallel check forms from the bundled content', () => {
	const db = bundledDb();
	const built = buildFormsFromDb(db, defaultRoundConfig());

	it('makes two matched forms of 24 items that share no excerpt', () => {
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		const [a, b] = built.forms;
		expect([a.length, b.length]).toEqual([FORM_SIZE, FORM_SIZE]);
		expect(a.map(matchKey)).toEqual(b.map(matchKey));
		expect(a.filter((q) => slotOf(q) === 'straight')).toHaveLength(8);
		for (const x of a) for (const y of b) expect(sharesExcerpt(x, y)).toBe(false);
	});

	it('gives no surface cue away: no mark, length or source, nor any pair, beats 0.65 on loaded or straight', () => {
		if (!built.ok) throw new Error('no forms');
		const surfaces: JudgeSurface[] = built.forms.flat().flatMap((q) =>
			q.kind === 'judge'
				? [
						{
							loaded: q.loaded,
							text: excerptText(q),
							words: q.excerpt.tokens.filter((t) => t.word).length,
							source: q.excerpt.articleId.startsWith('seed-') ? 'seed' : 'practice'
						}
					]
				: []
		);
		expect(surfaces).toHaveLength(32);
		const best = cueStrategies(surfaces).sort((a, b) => b[1] - a[1])[0];
		expect(best[1], `${best[0]} tells the key`).toBeLessThanOrEqual(0.65);
	});

	it('is the same two forms on every call (fixed items)', () => {
		const again = buildFormsFromDb(db, defaultRoundConfig());
		const keys = (f: typeof built) => (f.ok ? f.forms.map((s) => s.map((q) => q.itemKey)) : null);
		expect(keys(again)).toEqual(keys(built));
	});

	it('says what is short when one article cannot fill two forms', () => {
		const one = buildFormsFromDb(db, {
			...defaultRoundConfig(),
			articleId: 'practice-harbour-vote'
		});
		expect(one.ok).toBe(false);
	});
});
