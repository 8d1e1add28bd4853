/**
 * The 14 technique labels of the Propaganda Techniques Corpus (SemEval-2020 Task 11), grouped in
 * the six families of SemEval-2023 Task 3. Names, definitions, tips and examples are Slant's own
 * words; the examples are invented.
 */

export const FAMILIES = [
	{
		id: 'attack',
		name: 'Attack on reputation',
		blurb: 'Goes after a person or group instead of what they say or do.'
	},
	{
		id: 'justification',
		name: 'Justification',
		blurb: 'Leans on feelings, authority or the crowd to make a claim feel settled.'
	},
	{
		id: 'simplification',
		name: 'Simplification',
		blurb: 'Squeezes a complicated question into too few causes or choices.'
	},
	{
		id: 'distraction',
		name: 'Distraction',
		blurb: 'Moves attention away from the point being argued.'
	},
	{
		id: 'call',
		name: 'Call',
		blurb: 'Short, catchy lines that tell you what to think or end the thinking.'
	},
	{
		id: 'wording',
		name: 'Manipulative wording',
		blurb: 'Word choice that carries the argument by itself.'
	}
] as const;

export type FamilyId = (typeof FAMILIES)[number]['id'];
export const FAMILY_IDS: readonly FamilyId[] = FAMILIES.map((f) => f.id);

export interface Technique {
	/** Stable id used in URLs, the database and content packs. */
	id: TechniqueId;
	/** The label exactly as the PTC writes it. */
	ptcLabel: string;
	/** Player-facing name. */
	name: string;
	family: FamilyId;
	/** One sentence. */
	definition: string;
	/** How to spot it. */
	tip: string;
	/** A short invented example. */
	example: string;
	/**
	 * More invented examples for the technique guide, each with the words that carry the technique
	 * and why. Never quiz items: the guide must not give away answers.
	 */
	guideExamples: readonly GuideExample[];
}

/** An invented example for the technique guide. */
export interface GuideExample {
	text: string;
	/** The words that carry the technique (a substring of `text`). */
	words: string;
	why: string;
}

export const TECHNIQUE_IDS = [
	'loaded-language',
	'name-calling',
	'repetition',
	'exaggeration',
	'doubt',
	'fear',
	'flag-waving',
	'causal-oversimplification',
	'slogans',
	'authority',
	'black-and-white',
	'thought-terminating',
	'whataboutism',
	'bandwagon'
] as const;

export type TechniqueId = (typeof TECHNIQUE_IDS)[number];

export const TECHNIQUES: readonly Technique[] = [
	{
		id: 'loaded-language',
		ptcLabel: 'Loaded_Language',
		name: 'Loaded language',
		family: 'wording',
		definition:
			'Words picked for the strong feeling they stir up rather than for what they plainly describe.',
		tip: 'Swap the word for a flat, neutral one; if the sentence loses its punch but not its facts, the word was doing emotional work.',
		example: 'The council rammed through a reckless budget.',
		guideExamples: [
			{
				text: 'The plan would rob hard-working families of their last safe playground.',
				words: 'rob',
				why: '“Rob” turns a change of land use into a crime, so you feel outrage before you know the facts.'
			},
			{
				text: 'Parents were left stunned by the shameless fee hike at the swimming pool.',
				words: 'shameless',
				why: '“Shameless” judges the people behind the fee; a plain report would just give the new price.'
			}
		]
	},
	{
		id: 'name-calling',
		ptcLabel: 'Name_Calling,Labeling',
		name: 'Name calling',
		family: 'attack',
		definition:
			'Sticking a label on a person or group so the audience judges them by the label instead of by what they did.',
		tip: 'Look for a noun or nickname aimed at people (a "clown", "elitists", "radicals") that stands in for an argument.',
		example: 'Only the usual armchair experts objected to the new bus lanes.',
		guideExamples: [
			{
				text: 'The bike-lane zealots are at it again, blocking every parking space in sight.',
				words: 'bike-lane zealots',
				why: '“Zealots” labels the cyclists as fanatics, so readers dismiss them without hearing their case.'
			},
			{
				text: 'Of course the snowflakes on the school council want a longer lunch break.',
				words: 'snowflakes',
				why: '“Snowflakes” is a sneering label for the council members that replaces any argument about lunch breaks.'
			}
		]
	},
	{
		id: 'repetition',
		ptcLabel: 'Repetition',
		name: 'Repetition',
		family: 'wording',
		definition:
			'Saying the same word or phrase again and again so that it sticks and starts to feel true.',
		tip: 'Notice a phrase that comes back several times without adding anything new the second or third time.',
		example: 'This plan is fair. Fair to families, fair to workers, fair to everyone.',
		guideExamples: [
			{
				text: 'We want answers. Answers about the budget, answers about the delays, answers now.',
				words: 'answers',
				why: '“Answers” comes back four times; the repetition hammers the demand in without adding new facts.'
			},
			{
				text: 'Safe roads for our kids. Safe roads for our elders. Safe roads for all of us.',
				words: 'Safe roads',
				why: '“Safe roads” opens every sentence, so the phrase sticks through sheer repetition.'
			}
		]
	},
	{
		id: 'exaggeration',
		ptcLabel: 'Exaggeration,Minimisation',
		name: 'Exaggeration or minimisation',
		family: 'wording',
		definition:
			'Making something sound far bigger, worse or better than it is, or shrinking something serious into a trifle.',
		tip: 'Ask what the plain size of the thing is; words like "total", "never", "the worst ever" or "just a little" often stretch or shrink it.',
		example: 'The two-day road closure is the greatest disaster this town has ever seen.',
		guideExamples: [
			{
				text: 'The new parking rule has completely destroyed life in our little town.',
				words: 'completely destroyed life',
				why: 'A parking rule changes where people park; “completely destroyed life” stretches that far beyond its real size.'
			},
			{
				text: 'The leak at the plant was just a few drops, nothing worth a headline.',
				words: 'just a few drops, nothing worth a headline',
				why: 'This shrinks the leak to a trifle without saying how much leaked or what it contained.'
			}
		]
	},
	{
		id: 'doubt',
		ptcLabel: 'Doubt',
		name: 'Casting doubt',
		family: 'attack',
		definition:
			'Questioning the honesty or competence of a person or source so that what they say loses weight, without showing they are wrong.',
		tip: 'Watch for questions and hints ("can we really trust…?", "so-called") that raise suspicion but bring no evidence.',
		example: 'Is anyone surprised that a lab funded by the city found the water safe?',
		guideExamples: [
			{
				text: 'Can we really believe a weather service that got last Tuesday wrong?',
				words: 'Can we really believe',
				why: 'The question invites distrust of the weather service on the strength of one mistake, without showing the forecast is wrong.'
			},
			{
				text: 'The so-called safety inspectors signed off on the bridge in under an hour.',
				words: 'so-called',
				why: '“So-called” hints that the inspectors are not real inspectors, without any evidence about their work.'
			}
		]
	},
	{
		id: 'fear',
		ptcLabel: 'Appeal_to_fear-prejudice',
		name: 'Appeal to fear or prejudice',
		family: 'justification',
		definition:
			'Winning support by making people afraid of what will happen, or by playing on dislike of a group, instead of giving reasons.',
		tip: 'Ask whether the passage argues for the idea or mainly paints a frightening picture of the alternative.',
		example: 'If the new stadium is not built, our children will grow up in a ghost town.',
		guideExamples: [
			{
				text: 'If we let the chain store in, every family shop on Main Street will be gone by spring.',
				words: 'every family shop on Main Street will be gone by spring',
				why: 'The sentence wins support by painting a frightening future instead of giving reasons about the store.'
			},
			{
				text: 'Lock your doors: strangers from the city are coming for the new festival.',
				words: 'strangers from the city are coming',
				why: 'It stirs up fear of outsiders as a group rather than pointing to any real danger.'
			}
		]
	},
	{
		id: 'flag-waving',
		ptcLabel: 'Flag-Waving',
		name: 'Flag-waving',
		family: 'justification',
		definition:
			'Presenting an idea as what loyal members of a nation or group must support, so disagreeing feels like betrayal.',
		tip: 'Look for appeals to "true patriots", "our people" or national pride standing in for reasons.',
		example: 'Every proud citizen of Marlow will vote yes on the harbour plan.',
		guideExamples: [
			{
				text: 'Any true Riverton resident will buy local this holiday season.',
				words: 'Any true Riverton resident',
				why: 'Buying local is tied to being a loyal resident, so shopping elsewhere feels like betrayal.'
			},
			{
				text: 'Our proud nation has never backed down from a challenge, and it will not start with this tax.',
				words: 'Our proud nation has never backed down',
				why: 'National pride stands in for reasons about the tax itself.'
			}
		]
	},
	{
		id: 'causal-oversimplification',
		ptcLabel: 'Causal_Oversimplification',
		name: 'Causal oversimplification',
		family: 'simplification',
		definition: 'Blaming a complicated outcome on a single cause when many things played a part.',
		tip: 'When one cause is named for a big result, ask what else could have contributed.',
		example: 'Crime went up the year the new mayor took office, so the mayor caused it.',
		guideExamples: [
			{
				text: 'Test scores fell because students now have phones; it is as simple as that.',
				words: 'Test scores fell because students now have phones',
				why: 'Scores depend on many things; naming phones as the single cause leaves all the others out.'
			},
			{
				text: 'The team lost the final because the coach changed their shirts.',
				words: 'because the coach changed their shirts',
				why: 'One small change is blamed for a result that had many causes, from the opponents to the weather.'
			}
		]
	},
	{
		id: 'slogans',
		ptcLabel: 'Slogans',
		name: 'Slogan',
		family: 'call',
		definition:
			'A short, punchy phrase built to be repeated, which packs a position into a catchy line instead of an argument.',
		tip: 'Ask whether the line could go on a banner or a cap; if so, look for the reasons behind it.',
		example: 'Clean streets, safe streets!',
		guideExamples: [
			{
				text: 'Fix the roads, free the town! shouted the crowd outside the hall.',
				words: 'Fix the roads, free the town!',
				why: 'A short rhyming line built to be chanted; it packs a position into a slogan instead of an argument.'
			},
			{
				text: 'Our message is simple: Less talk, more trees.',
				words: 'Less talk, more trees',
				why: 'A catchy three-word line that could go on a banner, standing in for the reasons behind it.'
			}
		]
	},
	{
		id: 'authority',
		ptcLabel: 'Appeal_to_Authority',
		name: 'Appeal to authority',
		family: 'justification',
		definition:
			'Claiming something is true because an important person or body said so, rather than because of the evidence.',
		tip: 'Check whether the quoted expert speaks within their field and whether the passage gives any reason beyond who said it.',
		example: 'A famous actor says the diet works, so it must.',
		guideExamples: [
			{
				text: 'A famous chef says the new school menu is the healthiest in the country, so it must be.',
				words: 'A famous chef says',
				why: "The claim rests on the chef's fame, not on any evidence about the menu; a chef is not a nutrition study."
			},
			{
				text: "The minister herself called the bridge safe, so the engineers' report hardly matters.",
				words: 'The minister herself called the bridge safe',
				why: 'Who said it is given as the reason, even over the engineers whose job it is to check.'
			}
		]
	},
	{
		id: 'black-and-white',
		ptcLabel: 'Black-and-White_Fallacy',
		name: 'False dilemma',
		family: 'simplification',
		definition: 'Offering only two options, as if nothing in between or beyond them existed.',
		tip: 'Look for "either… or…" and "you are with us or against us"; ask what third option was left out.',
		example: 'Either we close the library or we raise taxes for everyone.',
		guideExamples: [
			{
				text: 'Either we close the pool or we cut the library: there is no other way.',
				words: 'Either we close the pool or we cut the library',
				why: 'Only two options are offered, as if savings elsewhere or new funding did not exist.'
			},
			{
				text: 'You are either with the new stadium or against the future of this town.',
				words: 'either with the new stadium or against the future',
				why: 'Disagreeing about one building is squeezed into being against the whole future.'
			}
		]
	},
	{
		id: 'thought-terminating',
		ptcLabel: 'Thought-terminating_Cliches',
		name: 'Thought-ending cliché',
		family: 'call',
		definition:
			'A stock phrase that shuts down questions and discussion by making further thought seem pointless.',
		tip: 'Notice phrases like "it is what it is" or "that\'s just how things are" used right where a reason should be.',
		example: 'Rules are rules, so there is nothing more to talk about.',
		guideExamples: [
			{
				text: 'Boys will be boys, so there is no point discussing the broken windows.',
				words: 'Boys will be boys',
				why: 'A stock phrase closes the discussion right where a reason should be.'
			},
			{
				text: 'It is what it is, the manager said when asked about the late buses.',
				words: 'It is what it is',
				why: 'The phrase ends the question about the buses without answering it.'
			}
		]
	},
	{
		id: 'whataboutism',
		ptcLabel: 'Whataboutism,Straw_Men,Red_Herring',
		name: 'Whataboutism, straw man or red herring',
		family: 'distraction',
		definition:
			'Dodging a point by pointing at someone else’s faults, twisting the other side’s view into a weaker one, or changing the subject.',
		tip: 'Ask whether the reply actually answers the point raised, or answers a different, easier one.',
		example: 'Why complain about our late trains when the neighbouring town’s buses are worse?',
		guideExamples: [
			{
				text: 'Why fuss about our litter when the next town has far more?',
				words: 'when the next town has far more',
				why: "The reply points at another town's litter instead of answering the point about ours."
			},
			{
				text: 'So my opponent wants every car banned from the centre tomorrow, apparently.',
				words: 'wants every car banned from the centre tomorrow',
				why: 'A modest plan is twisted into an extreme one that is easier to attack (a straw man).'
			}
		]
	},
	{
		id: 'bandwagon',
		ptcLabel: 'Bandwagon,Reductio_ad_hitlerum',
		name: 'Bandwagon or guilt by association',
		family: 'justification',
		definition:
			'Urging people to accept an idea because everyone else does, or to reject it because a hated person or group favours it.',
		tip: 'Look for "everyone is already…" or a comparison to a despised figure used in place of reasons.',
		example: 'Half the town has already switched to the new app, so you should too.',
		guideExamples: [
			{
				text: 'Everyone at school already has the new trainers, so you need them too.',
				words: 'Everyone at school already has the new trainers',
				why: 'The reason to buy is that others have; nothing is said about the trainers themselves.'
			},
			{
				text: 'That idea was cheered by the worst dictator of the last century, so reject it.',
				words: 'cheered by the worst dictator',
				why: 'The idea is rejected because a hated figure liked it, not because of what it says.'
			}
		]
	}
];

const byId = new Map<string, Technique>(TECHNIQUES.map((t) => [t.id, t]));
const byPtcLabel = new Map<string, Technique>(TECHNIQUES.map((t) => [t.ptcLabel, t]));

/** The technique with this id, or undefined. */
export function techniqueById(id: string): Technique | undefined {
	return byId.get(id);
}

/** The technique for a label as the PTC writes it, or undefined. */
export function techniqueByPtcLabel(label: string): Technique | undefined {
	return byPtcLabel.get(label);
}

/** Accepts a technique id or a PTC label; undefined when it is neither. */
export function resolveTechnique(idOrLabel: string): Technique | undefined {
	return byId.get(idOrLabel) ?? byPtcLabel.get(idOrLabel);
}

/** True when `value` is one of the 14 technique ids. */
export function isTechniqueId(value: string): value is TechniqueId {
	return byId.has(value);
}

/** The techniques of one family. */
export function techniquesInFamily(family: FamilyId): Technique[] {
	return TECHNIQUES.filter((t) => t.family === family);
}

/** A technique known to exist; throws for an unknown id (a programming error). */
export function technique(id: TechniqueId): Technique {
	const t = byId.get(id);
	if (!t) throw new Error(`Unknown technique id: ${id}`);
	return t;
}
