import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addTestTeacher } from '../accounts/testTeachers';
import { syncTechniques } from '../content/techniques';
import { openTestDatabase } from '../db/open';
import { createArticle, readArticle } from './articles';
import { ArticleError } from './errors';
import { packFile, ptcZip } from './download';
import { addSpan, markStraight } from './labels';
import { articlesFromUpload, MAX_UPLOAD_BYTES } from './upload';

const body = 'Crooks 🦹 run\u00a0the “council”.\r\nThe council met on Tuesday.\n';

function labelled() {
	const db = openTestDatabase();
	syncTechniques(db);
	const owner = addTestTeacher(db).id;
	const meta = {
		title: 'Vote',
		outlet: null,
		author: null,
		publishedDate: null,
		url: null,
		licenseNote: null
	};
	const id = createArticle(db, owner, { meta, body });
	addSpan(db, id, owner, { techniqueId: 'name-calling', start: 0, end: 6, explanation: 'Why.' });
	addSpan(db, id, owner, { techniqueId: 'loaded-language', start: 9, end: 16, explanation: null });
	markStraight(db, id, owner, { start: 28, end: 55 });
	return readArticle(db, id, owner);
}

describe('uploads and exports of one article', () => {
	it('exports PTC labels with code-point offsets that select the labelled words', () => {
		const article = labelled();
		const files = unzipSync(ptcZip(article));
		expect(strFromU8(files[`article${article.id}/article${article.id}.txt`])).toBe(body);
		const lines = strFromU8(files[`article${article.id}/article${article.id}.labels`])
			.trim()
			.split('\n');
		const words = lines.map((l) => {
			const [, , start, end] = l.split('\t');
			return Array.from(body).slice(Number(start), Number(end)).join('');
		});
		expect(words).toEqual(['Crooks', 'run\u00a0the']);
	});

	it('reads its own pack and PTC zip back with the same text and labels', () => {
		const article = labelled();
		const spans = article.spans.map(({ techniqueId, start, end }) => ({ techniqueId, start, end }));
		const [fromPack] = articlesFromUpload('a.pack.json', strToU8(packFile(article)), {});
		expect(fromPack.body).toBe(body);
		expect(
			fromPack.spans?.map(({ techniqueId, start, end }) => ({ techniqueId, start, end }))
		).toEqual(spans);
		expect(fromPack.straight).toEqual([{ start: 28, end: 55 }]);
		const [fromZip] = articlesFromUpload('a.zip', ptcZip(article), {});
		expect(fromZip.body).toBe(body);
		expect(
			fromZip.spans?.map(({ techniqueId, start, end }) => ({ techniqueId, start, end }))
		).toEqual(spans);
	});

	it('refuses oversized, unreadable and unknown uploads with a message', () => {
		const status = (name: string, bytes: Uint8Array) => {
			try {
				articlesFromUpload(name, bytes, {});
			} catch (e) {
				if (e instanceof ArticleError) return [e.status, e.message];
				throw e;
			}
			return null;
		};
		expect(status('big.txt', new Uint8Array(MAX_UPLOAD_BYTES + 1))?.[0]).toBe(413);
		expect(status('bad.txt', new Uint8Array([0xff, 0xfe, 0x41]))?.[0]).toBe(400);
		expect(status('x.zip', strToU8('not a zip'))?.[0]).toBe(400);
		expect(status('x.docx', strToU8('hi'))?.[0]).toBe(415);
		const outside = zipSync({
			'f/article1.txt': strToU8('Hi there.'),
			'f/article1.labels': strToU8('1\tDoubt\t0\t99\n')
		});
		expect(status('f.zip', outside)).toEqual([400, expect.stringContaining('article1.labels')]);
	});
});
