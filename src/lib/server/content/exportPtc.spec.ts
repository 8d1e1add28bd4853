import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { articles } from '../db/schema';
import { exportPtc, storedSpans } from './exportPtc';
import { importContent } from './importContent';
import { openContentTestDatabase, packJson, tempDir, writeFiles } from './specFixtures';

const PACK_TEXT = 'Héllo 🌍 world.\r\nThe reckless plan, the reckless plan!\n';
const cp = (words: string) => Array.from(PACK_TEXT.slice(0, PACK_TEXT.indexOf(words))).length;

function snapshot(db: Db) {
	return {
		bodies: db
			.select({ id: articles.id, body: articles.body })
			.from(articles)
			.all()
			.sort((a, b) => a.id.localeCompare(b.id)),
		spans: storedSpans(db)
			.map((s) => `${s.articleId} ${s.techniqueId} ${s.start} ${s.end}`)
			.sort()
	};
}

describe('exporting in the PTC layout', () => {
	const source = () => {
		const db = openContentTestDatabase();
		const pack = packJson([
			{
				id: 'hello-world',
				title: 'Hello',
				text: PACK_TEXT,
				spans: [
					{
						technique: 'repetition',
						start: cp('the reckless plan!'),
						end: cp('the reckless plan!') + 17
					},
					{ technique: 'loaded-language', start: cp('reckless'), end: cp('reckless') + 8 }
				]
			}
		]);
		importContent(
			db,
			writeFiles(tempDir(), {
				'p.pack.json': pack,
				'article42.txt': 'Forty-two\n\nEveryone agrees.\n',
				'article42.labels': '42\tBandwagon,Reductio_ad_hitlerum\t11\t26\n'
			})
		);
		return db;
	};

	it('writes each body byte for byte and its labels sorted by start, with PTC labels', () => {
		const folder = tempDir();
		const result = exportPtc(source(), folder);
		expect(result).toMatchObject({ articles: 2, spans: 3 });
		expect(readdirSync(folder).sort()).toEqual([
			'article42.labels',
			'article42.txt',
			'articlehello-world.labels',
			'articlehello-world.txt'
		]);
		expect(readFileSync(join(folder, 'articlehello-world.txt'))).toEqual(
			Buffer.from(PACK_TEXT, 'utf8')
		);
		expect(readFileSync(join(folder, 'articlehello-world.labels'), 'utf8')).toBe(
			`hello-world\tLoaded_Language\t${cp('reckless')}\t${cp('reckless') + 8}\n` +
				`hello-world\tRepetition\t${cp('the reckless plan!')}\t${cp('the reckless plan!') + 17}\n`
		);
	});

	it('round-trips: importing the export into a fresh database gives the same bodies and spans', () => {
		const original = source();
		const folder = tempDir();
		exportPtc(original, folder);
		const copy = openContentTestDatabase();
		importContent(copy, folder);
		expect(snapshot(copy)).toEqual(snapshot(original));
	});
});
