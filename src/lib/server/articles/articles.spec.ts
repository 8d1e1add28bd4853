import { beforeEach, describe, expect, it } from 'vitest';
import { availableSources, settleSources } from '../content/roundSources';
import { loadRoundContent } from '../db/queries';
import { TEST_ROUND_CONFIG, type Db } from '../db/open';
import { sliceCodePoints } from '../../game/text';
import {
	copyArticle,
	createArticle,
	deleteArticle,
	listOwnArticles,
	listSharedArticles,
	readArticle,
	setSharing,
	updateArticleMeta
} from './articles';
import { ArticleError } from './errors';
import { ownerAndOtherTeacher } from './specFixtures';
import { addSpan, deleteSpan, markStraight, moveSpan, updateSpan } from './labels';

const body = 'Crooks 🦹 run\u00a0the “council”.\r\nThe council met on Tuesday. It voted 5–2.\n';
const meta = {
	title: 'Council vote',
	outlet: 'The Gazette',
	author: null,
	publishedDate: '2026-11-30',
	url: 'https://example.test/a',
	licenseNote: 'Quoted for teaching'
};

function refusal(fn: () => unknown): ArticleError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ArticleError) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

let db: Db;
let owner: string;
let other: string;

beforeEach(() => {
	({ db, owner, other } = ownerAndOtherTeacher());
});

/** Labels "Crooks" (the first word of `body`) name-calling in the owner's article `id`. */
function labelCrooks(id: string, explanation: string | null = null): number {
	return addSpan(db, id, owner, { techniqueId: 'name-calling', start: 0, end: 6, explanation });
}

describe('teacher articles', () => {
	it('stores the text exactly as given: emoji, NBSP, curly quotes and CRLF kept', () => {
		const id = createArticle(db, owner, { meta, body });
		const read = readArticle(db, id, owner);
		expect(read.body).toBe(body);
		expect(read).toMatchObject({ ...meta, sharing: 'private', mine: true });
	});

	it('labels words by code points, past an emoji', () => {
		const id = createArticle(db, owner, { meta, body });
		// "run the" after "Crooks 🦹 " (the emoji is one code point).
		labelCrooks(id);
		addSpan(db, id, owner, {
			techniqueId: 'loaded-language',
			start: 9,
			end: 16,
			explanation: 'Mine.'
		});
		const spans = readArticle(db, id, owner).spans;
		expect(spans.map((s) => sliceCodePoints(body, s.start, s.end))).toEqual([
			'Crooks',
			'run\u00a0the'
		]);
		expect(spans[1]).toMatchObject({ explanation: 'Mine.', explanationSource: 'teacher' });
	});

	it('refuses a range outside the text, or one with no word, and writes nothing', () => {
		const id = createArticle(db, owner, { meta, body });
		const outside = refusal(() =>
			addSpan(db, id, owner, { techniqueId: 'doubt', start: 3, end: 9999, explanation: null })
		);
		expect(outside.status).toBe(400);
		const blank = refusal(() =>
			addSpan(db, id, owner, { techniqueId: 'doubt', start: 6, end: 7, explanation: null })
		);
		expect(blank.message).toMatch(/no word/);
		expect(readArticle(db, id, owner).spans).toEqual([]);
	});

	it('refuses a label cut inside a word, or ending before it starts, saying where, and writes nothing', () => {
		const id = createArticle(db, owner, { meta, body });
		const label = (start: number, end: number) =>
			refusal(() =>
				addSpan(db, id, owner, { techniqueId: 'doubt', start, end, explanation: null })
			);
		// "run" is 9-12 and "the" 13-16 (after the emoji, one code point).
		const startInside = label(10, 16);
		expect(startInside.status).toBe(400);
		expect(startInside.message).toBe(
			'A label starts at the first letter of a word, but character 10 is inside “run”. Select the words again.'
		);
		const endInside = label(9, 15);
		expect(endInside.status).toBe(400);
		expect(endInside.message).toBe(
			'A label ends after the last letter of a word, but character 15 is inside “the”. Select the words again.'
		);
		expect(label(8, 12).message).toMatch(/character 8 is between words/);
		const reversed = label(16, 9);
		expect(reversed.status).toBe(400);
		expect(reversed.message).toMatch(/ends \(character 9\) before it starts \(character 16\)/);
		expect(label(9, 9).message).toMatch(/empty/);
		expect(readArticle(db, id, owner).spans).toEqual([]);
		// The same words on their boundaries are taken.
		addSpan(db, id, owner, { techniqueId: 'doubt', start: 9, end: 16, explanation: null });
		expect(readArticle(db, id, owner).spans).toHaveLength(1);
	});

	it('keeps labels and straight sentences apart', () => {
		const id = createArticle(db, owner, { meta, body });
		labelCrooks(id);
		expect(refusal(() => markStraight(db, id, owner, { start: 0, end: 26 })).status).toBe(409);
		markStraight(db, id, owner, { start: 28, end: 55 });
		expect(
			refusal(() =>
				addSpan(db, id, owner, { techniqueId: 'doubt', start: 33, end: 40, explanation: null })
			).status
		).toBe(409);
		expect(readArticle(db, id, owner).straight).toHaveLength(1);
	});

	it('edits, moves by one word and deletes a label', () => {
		const id = createArticle(db, owner, { meta, body });
		const spanId = labelCrooks(id);
		updateSpan(db, id, owner, { spanId, techniqueId: 'loaded-language', explanation: 'Why.' });
		moveSpan(db, id, owner, { spanId, edge: 'end', direction: 'later' });
		const [span] = readArticle(db, id, owner).spans;
		expect(span.techniqueId).toBe('loaded-language');
		expect(sliceCodePoints(body, span.start, span.end)).toBe('Crooks 🦹 run');
		expect(
			refusal(() => moveSpan(db, id, owner, { spanId, edge: 'start', direction: 'earlier' })).status
		).toBe(400);
		deleteSpan(db, id, owner, spanId);
		expect(readArticle(db, id, owner).spans).toEqual([]);
	});

	it('gives another teacher 404 until shared, then read-only access and a copy of their own', () => {
		const id = createArticle(db, owner, { meta, body });
		expect(refusal(() => readArticle(db, id, other)).status).toBe(404);
		expect(refusal(() => updateArticleMeta(db, id, other, meta)).status).toBe(404);
		expect(listSharedArticles(db, other)).toEqual([]);
		setSharing(db, id, owner, 'teachers');
		expect(readArticle(db, id, other).mine).toBe(false);
		expect(listSharedArticles(db, other).map((a) => a.id)).toEqual([id]);
		expect(refusal(() => deleteArticle(db, id, other)).status).toBe(403);
		const copy = copyArticle(db, id, other);
		expect(readArticle(db, copy, other)).toMatchObject({ body, mine: true, sharing: 'private' });
		expect(listOwnArticles(db, other).map((a) => a.id)).toEqual([copy]);
	});

	it('offers an article to classes and solo play only as its sharing allows', () => {
		const id = createArticle(db, owner, { meta, body });
		const config = { ...TEST_ROUND_CONFIG, articleId: id };
		const ids = (audience: 'solo' | 'class', teacher: string | null) =>
			availableSources(db, audience, teacher).map((s) => s.id);
		expect(ids('class', owner)).toContain(id);
		expect(ids('class', other)).not.toContain(id);
		expect(ids('solo', null)).not.toContain(id);
		expect(settleSources(db, config, 'class', other).ok).toBe(false);
		expect(settleSources(db, config, 'class', owner)).toMatchObject({
			ok: true,
			config: { sources: [id] }
		});
		setSharing(db, id, owner, 'teachers');
		expect(ids('class', other)).toContain(id);
		expect(ids('solo', null)).not.toContain(id);
		setSharing(db, id, owner, 'solo');
		expect(ids('solo', null)).toContain(id);
		// Offered, not pushed: solo rounds by default stay on the bundled and public sources.
		const settled = settleSources(db, TEST_ROUND_CONFIG, 'solo');
		expect(settled.ok && settled.config.sources).not.toContain(id);
	});

	it('lets cached round content see an edit that adds or removes no row', () => {
		const id = createArticle(db, owner, { meta, body });
		const spanId = labelCrooks(id, 'First.');
		expect(loadRoundContent(db, id)[0].spans[0].explanation).toBe('First.');
		updateSpan(db, id, owner, { spanId, techniqueId: 'name-calling', explanation: 'Second.' });
		expect(loadRoundContent(db, id)[0].spans[0].explanation).toBe('Second.');
	});
});
