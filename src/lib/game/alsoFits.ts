/**
 * Techniques that also fit the words of a bundled label, from a second reading of every labelled
 * span of the bundled packs (issue 21): a name question never offers one of them as a wrong
 * choice, since a player who picks it would be right. The pack's own label stays the key.
 *
 * Each entry names the article, the label's technique and the first words of its quote.
 * `alsoFits.spec.ts` checks that every entry still matches exactly one bundled label.
 */
import type { TechniqueId } from './techniques';

interface AlsoFits {
	article: string;
	technique: TechniqueId;
	/** The first words of the label's quote. */
	words: string;
	alsoFits: TechniqueId[];
}

/** The second reading's findings, article by article. */
export const ALSO_FITS: readonly AlsoFits[] = [
	{
		article: 'seed-russia-china-divided-west',
		technique: 'doubt',
		words: 'These are of course lies and propaganda',
		alsoFits: ['name-calling', 'loaded-language']
	},
	{
		article: 'practice-harbour-vote',
		technique: 'slogans',
		words: 'Our harbour, our heritage',
		alsoFits: ['flag-waving']
	},
	{
		article: 'practice-cup-final-referee',
		technique: 'exaggeration',
		words: 'the most shameful refereeing display',
		alsoFits: ['loaded-language']
	},
	{
		article: 'practice-canal-road-bike-lane',
		technique: 'repetition',
		words: 'Safe streets for everyone.',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-town-hall-mural',
		technique: 'bandwagon',
		words: 'Do you know who else wanted',
		alsoFits: ['name-calling']
	},
	{
		article: 'practice-town-hall-mural',
		technique: 'repetition',
		words: 'Ravensby is proud',
		alsoFits: ['flag-waving', 'slogans']
	},
	{
		article: 'practice-town-hall-mural',
		technique: 'slogans',
		words: 'Let’s paint our pride!',
		alsoFits: ['flag-waving']
	},
	{
		article: 'practice-town-hall-mural',
		technique: 'exaggeration',
		words: 'The whole town is behind it',
		alsoFits: ['bandwagon']
	},
	{
		article: 'practice-seaweed-tonic',
		technique: 'thought-terminating',
		words: 'Nature knows best',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-mayor-stadium-speech',
		technique: 'repetition',
		words: 'A stadium means jobs.',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-votes-at-sixteen-debate',
		technique: 'slogans',
		words: 'Old enough to work, old enough to vote!',
		alsoFits: ['repetition']
	},
	{
		article: 'practice-votes-at-sixteen-debate',
		technique: 'whataboutism',
		words: 'the Civic League wants children deciding elections',
		alsoFits: ['doubt']
	},
	{
		article: 'practice-votes-at-sixteen-for',
		technique: 'bandwagon',
		words: 'Every young person I know is behind this bill.',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-votes-at-sixteen-against',
		technique: 'exaggeration',
		words: 'every 16-year-old in the land is desperate to vote',
		alsoFits: ['bandwagon']
	},
	{
		article: 'practice-skatepark-comments',
		technique: 'fear',
		words: 'Every night there are gangs of hooded teenagers',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-skatepark-comments',
		technique: 'exaggeration',
		words: 'They won’t be happy until every teenager',
		alsoFits: ['whataboutism']
	},
	{
		article: 'practice-skatepark-comments',
		technique: 'thought-terminating',
		words: 'Enough is enough.',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-school-phone-ban',
		technique: 'whataboutism',
		words: 'What they really want is for children',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-school-phone-ban',
		technique: 'fear',
		words: 'picture the school in five years',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-wifi-headaches-check',
		technique: 'fear',
		words: 'THEY ARE COOKING OUR CHILDREN’S BRAINS',
		alsoFits: ['loaded-language', 'exaggeration']
	},
	{
		article: 'practice-carrow-hotel-housing',
		technique: 'slogans',
		words: 'Carrow for Carrow people!',
		alsoFits: ['flag-waving']
	},
	{
		article: 'practice-carrow-hotel-housing',
		technique: 'exaggeration',
		words: 'the whole town will be swamped',
		alsoFits: ['fear', 'loaded-language']
	},
	{
		article: 'practice-seasonal-workers-letters',
		technique: 'thought-terminating',
		words: 'Charity begins at home',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-rail-fares-interview',
		technique: 'whataboutism',
		words: 'The Civic League wants to let the railways fall apart',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-party-conference-speech',
		technique: 'loaded-language',
		words: 'For six years they have sat on their hands',
		alsoFits: ['exaggeration']
	},
	{
		article: 'practice-council-tax-leaflet',
		technique: 'repetition',
		words: 'Lower tax. Better roads.',
		alsoFits: ['slogans']
	},
	{
		article: 'practice-fluoride-meeting',
		technique: 'fear',
		words: 'turn every glass of water into a dose of poison',
		alsoFits: ['exaggeration', 'loaded-language']
	},
	{
		article: 'practice-energy-drink-voices',
		technique: 'loaded-language',
		words: 'These drinks are liquid poison',
		alsoFits: ['fear', 'name-calling']
	},
	{
		article: 'practice-benefit-fraud-report',
		technique: 'exaggeration',
		words: 'rob taxpayers of HALF A BILLION',
		alsoFits: ['loaded-language']
	},
	{
		article: 'practice-benefit-fraud-report',
		technique: 'loaded-language',
		words: 'an army of scroungers',
		alsoFits: ['name-calling', 'exaggeration']
	},
	{
		article: 'practice-eastgate-crime-post',
		technique: 'exaggeration',
		words: 'Eastgate has become one of the most dangerous places',
		alsoFits: ['fear']
	},
	{
		article: 'practice-eastgate-crime-post',
		technique: 'causal-oversimplification',
		words: 'We all know who to thank for that',
		alsoFits: ['fear']
	},
	{
		article: 'practice-eastgate-crime-post',
		technique: 'fear',
		words: 'Lock your doors, keep your kids inside',
		alsoFits: ['exaggeration']
	}
];

/**
 * The techniques that also fit a label's words (never offered as wrong choices for it): empty
 * for labels the second reading found unambiguous and for every non-bundled article.
 */
export function alsoFits(
	articleId: string,
	techniqueId: TechniqueId,
	words: string
): TechniqueId[] {
	return ALSO_FITS.filter(
		(e) => e.article === articleId && e.technique === techniqueId && words.startsWith(e.words)
	).flatMap((e) => e.alsoFits);
}
