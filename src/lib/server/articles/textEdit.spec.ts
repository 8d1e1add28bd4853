import { describe, expect, it } from 'vitest';
import { addTestTeacher } from '../accounts/testTeachers';
import { syncTechniques } from '../content/techniques';
import { openTestDatabase } from '../db/open';
import { sliceCodePoints } from '../../game/text';
import { createArticle, readArticle } from './articles';
import { ArticleError } from './errors';
import { addSpan, markStraight } from './labels';
import { editArticleText } from './textEdit';

const before =
	'Crooks 🦹 run\u00a0the council. The council met on Tuesday. Its reckless plan failed. Vote them out.';
const meta = {
	title: 'Council',
	outlet: null,
	author: null,
	publishedDate: null,
	url: null,
	licenseNote: null
};

/** Code-point range of the `nth` occurrence of `words` in `text`. */
function rangeOf(text: string, words: string, nth = 0) {
	let at = -1;
	for (let i = 0; i <= nth; i++) at = text.indexOf(words, at + 1);
	if (at < 0) throw new Error(`no ${words}`);
	const start = Array.from(text.slice(0, at)).length;
	return { start, end: start + Array.from(words).length };
}

function labelled() {
	const db = openTestDatabase();
	syncTechniques(db);
	const owner = addTestTeacher(db).id;
	const id = createArticle(db, owner, { meta, body: before });
	const add = (techniqueId: 'name-calling' | 'loaded-language' | 'slogans', words: string) =>
		addSpan(db, id, owner, { techniqueId, ...rangeOf(before, words), explanation: null });
	add('name-calling', 'Crooks');
	add('loaded-language', 'reckless plan');
	add('slogans', 'Vote them out');
	add('loaded-language', 'council');
	markStraight(db, id, owner, rangeOf(before, 'The council met on Tuesday.'));
	return { db, owner, id };
}

describe('editing the text of a labelled article', () => {
	it('keeps every label on the same words or flags it for review, never on other words', () => {
		const { db, owner, id } = labelled();
		const old = readArticle(db, id, owner);
		const oldWords = new Map(old.spans.map((s) => [s.id, sliceCodePoints(before, s.start, s.end)]));
		// Words added before every label (an emoji too, so code points and UTF-16 differ more),
		// one labelled phrase rewritten, one deleted, and a second "council" added after the first.
		const after =
			'Update 📣: Crooks 🦹 run\u00a0the council, says the council. The council met on Tuesday. Its careful plan failed.';
		const result = editArticleText(db, id, owner, after);
		const now = readArticle(db, id, owner);
		expect(now.body).toBe(after);

		// Every label is either kept on exactly its old words or flagged with its old words.
		for (const span of now.spans) {
			expect(sliceCodePoints(after, span.start, span.end)).toBe(oldWords.get(span.id));
		}
		expect(now.spans.length + now.flagged.filter((f) => f.techniqueId !== null).length).toBe(
			old.spans.length
		);
		expect(now.spans.map((s) => oldWords.get(s.id)).sort()).toEqual(['Crooks', 'council']);
		expect(now.flagged.map((f) => f.quote).sort()).toEqual(['Vote them out', 'reckless plan']);
		for (const f of now.flagged) expect(f.reason).not.toBe('');
		// The straight sentence kept its words too.
		expect(now.straight.map((s) => sliceCodePoints(after, s.start, s.end))).toEqual([
			'The council met on Tuesday.'
		]);
		expect(result).toEqual({ kept: 3, flagged: 2 });
	});

	it('moves a kept label past words inserted before it, counting code points', () => {
		const { db, owner, id } = labelled();
		const after = `🔥🔥 ${before}`;
		editArticleText(db, id, owner, after);
		const now = readArticle(db, id, owner);
		expect(now.flagged).toEqual([]);
		expect(now.spans.map((s) => sliceCodePoints(after, s.start, s.end)).sort()).toEqual([
			'Crooks',
			'Vote them out',
			'council',
			'reckless plan'
		]);
	});

	it('keeps nested labels of one technique that end on the same word', () => {
		const { db, owner, id } = labelled();
		addSpan(db, id, owner, {
			techniqueId: 'loaded-language',
			...rangeOf(before, 'plan'),
			explanation: null
		});
		const after = `Breaking. ${before}`;
		expect(editArticleText(db, id, owner, after)).toEqual({ kept: 6, flagged: 0 });
		const words = readArticle(db, id, owner).spans.map((s) =>
			sliceCodePoints(after, s.start, s.end)
		);
		expect(words).toContain('plan');
		expect(words).toContain('reckless plan');
	});

	it('refuses another teacher (404) and writes nothing', () => {
		const { db, owner, id } = labelled();
		const stranger = addTestTeacher(db).id;
		let status = 0;
		try {
			editArticleText(db, id, stranger, 'Nothing left.');
		} catch (e) {
			if (!(e instanceof ArticleError)) throw e;
			status = e.status;
		}
		expect(status).toBe(404);
		expect(readArticle(db, id, owner).body).toBe(before);
	});
});
