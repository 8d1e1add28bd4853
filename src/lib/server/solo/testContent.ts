/**
 * A small labelled library for solo-play tests: four invented articles with spans of many
 * techniques (each with an explanation) and clean passages, inserted into a test database.
 */
import { createHash } from 'node:crypto';
import type { TechniqueId } from '../../game/techniques';
import { syncTechniques } from '../content/techniques';
import type { Db } from '../db/open';
import { articles, cleanPassages, spans } from '../db/schema';

type Sentence = string | { text: string; phrase: string; technique: TechniqueId };

const ARTICLES: { id: string; title: string; paragraphs: Sentence[][] }[] = [
	{
		id: 'test-harbour',
		title: 'Harbour plan splits the town',
		paragraphs: [
			[
				{
					text: 'The council rammed through a reckless budget on Tuesday night, leaving many residents stunned and angry.',
					phrase: 'rammed through a reckless budget',
					technique: 'loaded-language'
				},
				'The budget sets aside money for the harbour wall, the library roof and two new buses for the western routes.',
				{
					text: 'Every proud citizen of Marlow will vote yes on the harbour plan, the mayor declared at the meeting.',
					phrase: 'Every proud citizen of Marlow will vote yes',
					technique: 'flag-waving'
				}
			],
			[
				'Engineers measured the old wall in March and found cracks along forty metres of its length near the ferry steps.',
				{
					text: 'The two-day road closure is the greatest disaster this town has ever seen, one shopkeeper told reporters.',
					phrase: 'the greatest disaster this town has ever seen',
					technique: 'exaggeration'
				},
				'Officials said the work would finish by Friday and that detours would be signposted from the station.'
			],
			[
				{
					text: 'Only the usual armchair experts objected to the new bus lanes, a councillor wrote in the evening paper.',
					phrase: 'the usual armchair experts',
					technique: 'name-calling'
				},
				'The bus lanes run for two kilometres along the river road and operate only during the morning and evening peaks.'
			]
		]
	},
	{
		id: 'test-water',
		title: 'Water report questioned',
		paragraphs: [
			[
				{
					text: 'Is anyone surprised that a lab funded by the city found the water perfectly safe to drink?',
					phrase: 'Is anyone surprised that a lab funded by the city',
					technique: 'doubt'
				},
				'The report tested samples from twelve taps across the district over a period of six weeks last autumn.'
			],
			[
				{
					text: 'If the new treatment plant is not built, our children will grow up drinking poison every single day.',
					phrase: 'our children will grow up drinking poison',
					technique: 'fear'
				},
				'The plant would cost about four million pounds and take two years to build on the site of the old depot.',
				{
					text: 'A famous actor says the filters work, so they must, the campaign leaflet told its readers.',
					phrase: 'A famous actor says the filters work, so they must',
					technique: 'authority'
				}
			],
			[
				'Residents can ask for a free test kit at the town hall on weekday mornings between nine and twelve.',
				{
					text: 'Either we build the plant this year or we give up on clean water for good, the campaigners insist.',
					phrase: 'Either we build the plant this year or we give up on clean water for good',
					technique: 'black-and-white'
				}
			]
		]
	},
	{
		id: 'test-stadium',
		title: 'Stadium vote next week',
		paragraphs: [
			[
				{
					text: 'Crime went up the year the new mayor took office, so the mayor caused it, the opposition leader claimed.',
					phrase: 'Crime went up the year the new mayor took office, so the mayor caused it',
					technique: 'causal-oversimplification'
				},
				'Police figures show burglaries rose by three per cent while car thefts fell slightly over the same period.'
			],
			[
				{
					text: 'Clean streets, safe streets! The slogan was painted on banners across the market square this weekend.',
					phrase: 'Clean streets, safe streets!',
					technique: 'slogans'
				},
				'The stadium would seat eight thousand people and host football matches and concerts during the summer months.',
				{
					text: 'Rules are rules, so there is nothing more to talk about, the club chairman said when asked about the noise.',
					phrase: 'Rules are rules, so there is nothing more to talk about',
					technique: 'thought-terminating'
				}
			],
			[
				'A public hearing on the plans will be held in the school hall on Thursday evening at seven o clock.',
				{
					text: 'Why complain about our late trains when the neighbouring town has buses that are even worse?',
					phrase:
						'Why complain about our late trains when the neighbouring town has buses that are even worse',
					technique: 'whataboutism'
				}
			]
		]
	},
	{
		id: 'test-app',
		title: 'New parking app launched',
		paragraphs: [
			[
				{
					text: 'Half the town has already switched to the new parking app, so you should too, the advert says.',
					phrase: 'Half the town has already switched to the new parking app, so you should too',
					technique: 'bandwagon'
				},
				'The app lets drivers pay for parking by phone and sends a reminder ten minutes before the ticket runs out.'
			],
			[
				{
					text: 'This plan is fair. Fair to families, fair to workers, fair to everyone who lives in the valley.',
					phrase: 'Fair to families, fair to workers, fair to everyone',
					technique: 'repetition'
				},
				'The old pay machines will stay in place until the end of the year for drivers who prefer to pay with coins.'
			]
		]
	}
];

/** Explanation written for the span of `phrase` (tests look for it in responses). */
export function explanationFor(phrase: string): string {
	return `Test explanation: the words "${phrase}" push the reader instead of informing them.`;
}

/** Inserts the test library (and the technique taxonomy) into `db`. */
export function insertTestContent(db: Db): void {
	syncTechniques(db);
	db.transaction((tx) => {
		for (const a of ARTICLES) {
			const body = a.paragraphs
				.map((p) => p.map((s) => (typeof s === 'string' ? s : s.text)).join(' '))
				.join('\n\n');
			tx.insert(articles)
				.values({
					id: a.id,
					title: a.title,
					outlet: 'Test Gazette',
					body,
					contentHash: createHash('sha256').update(body).digest('hex'),
					origin: 'bundled'
				})
				.run();
			// The bodies are ASCII, so UTF-16 offsets equal code-point offsets.
			for (const s of a.paragraphs.flat()) {
				const sentenceStart = body.indexOf(typeof s === 'string' ? s : s.text);
				if (typeof s === 'string') {
					tx.insert(cleanPassages)
						.values({ articleId: a.id, start: sentenceStart, end: sentenceStart + s.length })
						.run();
				} else {
					const start = sentenceStart + s.text.indexOf(s.phrase);
					tx.insert(spans)
						.values({
							articleId: a.id,
							techniqueId: s.technique,
							start,
							end: start + s.phrase.length,
							explanation: explanationFor(s.phrase),
							labelledBy: 'editor'
						})
						.run();
				}
			}
		}
	});
}
