import { beforeEach, describe, expect, it } from 'vitest';
import { itemFigures } from '../../game/stats/itemAnalysis';
import { judgeQuestion, nameQuestion } from '../../game/stats/statsFixtures';
import type { Question } from '../../game/types';
import type { Db } from '../db/open';
import { loadItemTallies } from '../results/items';
import { addAnswer, addEndedGame, addSeat } from '../testing/playedGames';
import { createArticle, readArticle, setSharing } from './articles';
import { addSpan, markStraight, moveSpan } from './labels';
import { itemAnalysisFor, labelQuality } from './quality';
import { ownerAndOtherTeacher } from './specFixtures';

const body = 'The council’s reckless scheme will wreck our town. The plan was approved in May.';
const meta = {
	title: 'Council scheme',
	outlet: null,
	author: null,
	publishedDate: null,
	url: null,
	licenseNote: null
};

let db: Db;
let owner: string;
let other: string;

beforeEach(() => {
	({ db, owner, other } = ownerAndOtherTeacher());
});

/**
 * One game of `questions` played by twelve players: the six who do well on the rest of the
 * round miss the first question, the six weak ones get it right (so it is flagged).
 */
function play(gameId: string, questions: Question[]) {
	addEndedGame(db, gameId, questions);
	for (let p = 0; p < 12; p++) {
		const playerId = `${gameId}-p${p}`;
		const strong = p < 6;
		addSeat(db, gameId, playerId);
		questions.forEach((q, index) => {
			const correct = index === 0 ? !strong : strong || (index === 1 && p === 11);
			addAnswer(db, { gameId, playerId }, index, q, correct);
		});
	}
}

/** An article of `teacher` with "reckless scheme" labelled and the second sentence straight. */
function labelledArticle(teacher: string) {
	const id = createArticle(db, teacher, { meta, body });
	const spanId = addSpan(db, id, teacher, {
		techniqueId: 'loaded-language',
		start: 14,
		end: 29,
		explanation: null
	});
	markStraight(db, id, teacher, { start: 51, end: 80 });
	return { id, spanId };
}

const nameKey = (id: string) => `${id}:0-50:name:14-29:loaded-language`;
const loadedKey = (id: string) => `${id}:0-50:judge:loaded`;
const cleanKey = (id: string) => `${id}:51-80:judge:clean`;

describe('quality signals of a teacher article', () => {
	it('shows each played label the figures /teacher/items shows for its items', () => {
		const { id, spanId } = labelledArticle(owner);
		expect(labelQuality(db, readArticle(db, id, owner))).toEqual({});
		play('g1', [
			nameQuestion('loaded-language', nameKey(id)),
			judgeQuestion(true, loadedKey(id)),
			judgeQuestion(false, cleanKey(id)),
			nameQuestion('loaded-language', 'bundled-seed:0-40:name:3-9:loaded-language')
		]);
		const quality = labelQuality(db, readArticle(db, id, owner));
		const tallies = new Map(loadItemTallies(db).map((t) => [t.itemKey, t]));
		expect(quality).toEqual({
			[spanId]: [
				{ itemKey: nameKey(id), kind: 'name', figures: itemFigures(tallies.get(nameKey(id))!) },
				{
					itemKey: loadedKey(id),
					kind: 'judge',
					figures: itemFigures(tallies.get(loadedKey(id))!)
				}
			]
		});
		expect(quality[spanId][0].figures).toMatchObject({
			timesAsked: 12,
			correct: 6,
			possiblyMislabelled: true
		});
		const onItemsPage = itemAnalysisFor(db, owner).find((i) => i.itemKey === nameKey(id))!;
		expect(onItemsPage).toMatchObject(quality[spanId][0].figures);
	});

	it('links a flagged item on /teacher/items to its label, and a moved label no more', () => {
		const { id, spanId } = labelledArticle(owner);
		play('g1', [
			nameQuestion('loaded-language', nameKey(id)),
			judgeQuestion(false, cleanKey(id)),
			nameQuestion('doubt', 'bundled-seed:0-40:name:3-9:doubt')
		]);
		const byKey = (items: ReturnType<typeof itemAnalysisFor>) =>
			new Map(items.map((i) => [i.itemKey, i]));
		const items = byKey(itemAnalysisFor(db, owner));
		expect(items.get(nameKey(id))).toMatchObject({
			possiblyMislabelled: true,
			editor: { articleId: id, spanId }
		});
		expect(items.get(cleanKey(id))!.editor).toEqual({ articleId: id, spanId: null });
		expect(items.get('bundled-seed:0-40:name:3-9:doubt')!.editor).toBeNull();

		moveSpan(db, id, owner, { spanId, edge: 'end', direction: 'later' });
		expect(byKey(itemAnalysisFor(db, owner)).get(nameKey(id))!.editor).toEqual({
			articleId: id,
			spanId: null
		});
		expect(labelQuality(db, readArticle(db, id, owner))).toEqual({});
	});

	it('keeps another teacher’s unshared article off /teacher/items until it is shared', () => {
		const { id, spanId } = labelledArticle(owner);
		play('g1', [
			nameQuestion('loaded-language', nameKey(id)),
			nameQuestion('doubt', 'bundled-seed:0-40:name:3-9:doubt')
		]);
		const keys = (teacher: string) => itemAnalysisFor(db, teacher).map((i) => i.itemKey);
		expect(keys(other)).toEqual(['bundled-seed:0-40:name:3-9:doubt']);
		setSharing(db, id, owner, 'teachers');
		expect(itemAnalysisFor(db, other).find((i) => i.itemKey === nameKey(id))!.editor).toEqual({
			articleId: id,
			spanId
		});
	});
});
