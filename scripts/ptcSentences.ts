/**
 * The PTC train set's articles and sentences, for the sensitive-content sample and its benchmark.
 * The corpus may not be redistributed, so the repository keeps only article ids and code-point
 * offsets; the text is read from PTC_DIR (default ../shared/data/ptc, relative to the working
 * directory, as the other benchmarks find it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodePointIndex } from '../src/lib/game/text';
import { PTC_DIR } from './benchSetup';

/** Where the PTC corpus is looked for (benchSetup.ts). */
export const PTC_ROOT = PTC_DIR;

/** One sentence of an article: code-point offsets into its body, and the text. */
export interface PtcSentence {
	articleId: string;
	start: number;
	end: number;
	text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The train articles by id (empty when the corpus is absent). */
export function readTrainArticles(): Map<string, string> {
	const dir = join(PTC_ROOT, 'articles', 'train');
	const out = new Map<string, string>();
	if (!existsSync(dir)) return out;
	for (const name of readdirSync(dir).sort()) {
		const m = /^article(.+)\.txt$/.exec(name);
		if (m) out.set(m[1], readFileSync(join(dir, name), 'utf8'));
	}
	return out;
}

/** Every sentence of `body` (line breaks end sentences), trimmed, with code-point offsets. */
export function sentencesOf(articleId: string, body: string): PtcSentence[] {
	const cpi = new CodePointIndex(body);
	const out: PtcSentence[] = [];
	let lineStart = 0;
	for (const line of body.split('\n')) {
		for (const seg of segmenter.segment(line)) {
			const lead = seg.segment.length - seg.segment.trimStart().length;
			const text = seg.segment.trim();
			if (text === '') continue;
			const from = lineStart + seg.index + lead;
			out.push({
				articleId,
				start: cpi.toCodePoint(from),
				end: cpi.toCodePoint(from + text.length),
				text
			});
		}
		lineStart += line.length + 1;
	}
	return out;
}

/** One technique label of the train set (code points, end exclusive). */
export interface PtcLabel {
	articleId: string;
	technique: string;
	start: number;
	end: number;
}

/** Every technique label of the train set (empty when the corpus is absent). */
export function readTrainLabels(): PtcLabel[] {
	const dir = join(PTC_ROOT, 'labels', 'train-TC');
	if (!existsSync(dir)) return [];
	const out: PtcLabel[] = [];
	for (const name of readdirSync(dir).sort()) {
		for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
			const [articleId, technique, start, end] = line.split('\t');
			if (end !== undefined) out.push({ articleId, technique, start: +start, end: +end });
		}
	}
	return out;
}
