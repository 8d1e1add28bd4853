/**
 * Drizzle schema for Slant. drizzle-kit loads this file outside Vite, so it must not import
 * `$lib` or `$env`. Offsets (`start`, `end`) are Unicode code points into `articles.body`, as the
 * Propaganda Techniques Corpus counts them.
 */
import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	real,
	sqliteTable,
	text,
	uniqueIndex,
	primaryKey
} from 'drizzle-orm/sqlite-core';
// Types only (erased when drizzle-kit loads this file): what the JSON columns hold.
import type { Question, Response, RoundConfig } from '../../game/types';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** The article a row belongs to (`article_id`): deleting the article deletes the row. */
const articleColumn = () =>
	text('article_id')
		.notNull()
		.references(() => articles.id, { onDelete: 'cascade' });

/** The game a row belongs to (`game_id`): deleting the game deletes the row. */
const gameColumn = () =>
	text('game_id')
		.notNull()
		.references(() => games.id, { onDelete: 'cascade' });

/** The player (seat) a row belongs to (`player_id`): deleting the seat deletes the row. */
const playerColumn = () =>
	text('player_id')
		.notNull()
		.references(() => players.id, { onDelete: 'cascade' });

export const articles = sqliteTable(
	'articles',
	{
		/** Stable id: the PTC article number for imported corpora, a slug for bundled content. */
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		author: text('author'),
		outlet: text('outlet'),
		url: text('url'),
		publishedDate: text('published_date'),
		language: text('language').notNull().default('en'),
		/** The text exactly as given, byte for byte. */
		body: text('body').notNull(),
		/** sha256 of the UTF-8 body, hex. */
		contentHash: text('content_hash').notNull(),
		sourceNote: text('source_note'),
		licenseNote: text('license_note'),
		/** Where it came from: 'bundled', 'pack' or 'ptc-import'. */
		origin: text('origin').notNull(),
		/** Name of the pack or corpus folder it was imported from. */
		collection: text('collection'),
		/**
		 * The labelling is exhaustive (PTC imports; packs declaring "exhaustive": true): unlabelled
		 * sentences away from any label may serve as straight passages.
		 */
		exhaustive: integer('exhaustive', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt(),
		// Teacher-owned articles (origin 'teacher'), see src/lib/server/articles/.
		/** The teacher who added the article; null for bundled and imported content. */
		ownerId: text('owner_id').references(() => teachers.id, { onDelete: 'cascade' }),
		/** Who else may use a teacher's article: nobody, every teacher here, or solo players too. */
		sharing: text('sharing', { enum: ['private', 'teachers', 'solo'] }),
		/**
		 * Bumped (strictly increasing over the table) on every edit of the article, its spans or its
		 * straight sentences, so cached round content notices edits that change no row count.
		 */
		updatedAt: integer('updated_at')
	},
	(t) => [index('articles_owner').on(t.ownerId)]
);

export const techniques = sqliteTable('techniques', {
	id: text('id').primaryKey(),
	ptcLabel: text('ptc_label').notNull().unique(),
	name: text('name').notNull(),
	family: text('family').notNull(),
	definition: text('definition').notNull(),
	tip: text('tip').notNull(),
	example: text('example').notNull()
});

export const spans = sqliteTable(
	'spans',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		articleId: articleColumn(),
		techniqueId: text('technique_id')
			.notNull()
			.references(() => techniques.id),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		explanation: text('explanation'),
		/** 'editor' for hand-written labels, 'ptc-import' for corpus labels, 'teacher' in the editor. */
		labelledBy: text('labelled_by').notNull(),
		/** Teacher labels: the explanation is the teacher's own words, or a draft they accepted. */
		explanationSource: text('explanation_source', { enum: ['teacher', 'draft'] })
	},
	(t) => [
		uniqueIndex('spans_article_technique_range').on(t.articleId, t.techniqueId, t.start, t.end),
		index('spans_technique').on(t.techniqueId)
	]
);

/** Passages an editor checked and found free of any technique, for "loaded or straight?" items. */
export const cleanPassages = sqliteTable(
	'clean_passages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		articleId: articleColumn(),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		note: text('note')
	},
	(t) => [uniqueIndex('clean_passages_article_range').on(t.articleId, t.start, t.end)]
);

/**
 * Labels and straight sentences of a teacher's article that could not be re-anchored when its
 * text was edited: kept out of rounds (they are not in spans or clean_passages) until the teacher
 * places them again or discards them, so no offset ever shifts silently.
 */
export const flaggedLabels = sqliteTable(
	'flagged_labels',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		articleId: articleColumn(),
		/** A technique label, or null for a sentence marked straight. */
		techniqueId: text('technique_id').references(() => techniques.id),
		/** The words the label was on, in the text before the edit. */
		quote: text('quote').notNull(),
		explanation: text('explanation'),
		explanationSource: text('explanation_source', { enum: ['teacher', 'draft'] }),
		/** Why it could not be re-anchored, for the teacher. */
		reason: text('reason').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('flagged_labels_article').on(t.articleId)]
);

/** A teacher's account. Students never have one. */
export const teachers = sqliteTable('teachers', {
	id: text('id').primaryKey(),
	/** Trimmed and lower-cased, so one address is one account. */
	email: text('email').notNull().unique(),
	/** `scrypt$N$r$p$salt$hash` (base64url), see src/lib/server/accounts/password.ts. */
	passwordHash: text('password_hash').notNull(),
	createdAt: createdAt(),
	passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' })
});

/** A signed-in browser. The cookie holds a random token; `id` is its SHA-256. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		teacherId: text('teacher_id')
			.notNull()
			.references(() => teachers.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_teacher').on(t.teacherId)]
);

/** Invitations to sign up while sign-up is closed (SIGNUP=invite). Codes are stored hashed. */
export const invites = sqliteTable('invites', {
	codeHash: text('code_hash').primaryKey(),
	/** When set, only this address may use the invitation. */
	email: text('email'),
	note: text('note'),
	createdAt: createdAt(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	usedBy: text('used_by').references(() => teachers.id, { onDelete: 'set null' })
});

/** Failed sign-ins per e-mail address and per client address, for the rate limit. */
export const signInFailures = sqliteTable('sign_in_failures', {
	/** `email:<address>` or `ip:<address>`. */
	key: text('key').primaryKey(),
	count: integer('count').notNull().default(0),
	windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
	lockedUntil: integer('locked_until', { mode: 'timestamp_ms' })
});

/**
 * One game: a solo play, a live classroom game, or an assignment. `questions` freezes the round
 * as built (answer key included) so later imports cannot change a game in progress; it never
 * leaves the server as it is.
 */
export const games = sqliteTable(
	'games',
	{
		id: text('id').primaryKey(),
		/** 'solo', 'live' or 'assignment'. */
		mode: text('mode').notNull(),
		/** 6-digit join code for live games and assignments while they are open. */
		joinCode: text('join_code'),
		hostTokenHash: text('host_token_hash'),
		title: text('title'),
		config: text('config', { mode: 'json' }).$type<RoundConfig>().notNull(),
		seed: text('seed').notNull(),
		questions: text('questions', { mode: 'json' }).$type<Question[]>().notNull(),
		/** Persisted XState snapshot of the live game machine (live games only); opaque JSON. */
		snapshot: text('snapshot', { mode: 'json' }).$type<unknown>(),
		machineVersion: integer('machine_version').notNull().default(1),
		/** 'open', 'running', 'ended'. */
		status: text('status').notNull(),
		/** Assignments: answers are refused after this time (ms since epoch). */
		deadline: integer('deadline', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
		/**
		 * The teacher who hosts the live game or set the assignment (null for solo games, and for
		 * games hosted before accounts until they are claimed). Deleting an account deletes its
		 * games first (src/lib/server/accounts/deletion.ts), keeping their answers anonymously.
		 */
		ownerId: text('owner_id').references(() => teachers.id),
		/**
		 * Assignments set as a check before and after teaching (and an optional delayed check): the
		 * before check links to the after check, the after and delayed checks to the before check;
		 * which one this is. Each holds both parallel forms (form A's questions, then form B's);
		 * each student plays one form (players.checkForm).
		 */
		pairedGameId: text('paired_game_id'),
		checkRole: text('check_role', { enum: ['before', 'after', 'delayed'] }),
		/** A delayed check takes no answers before this moment (the date the teacher picked). */
		opensAt: integer('opens_at', { mode: 'timestamp_ms' }),
		/** Before checks: when the teacher let students see their results of the checks. */
		resultsReleasedAt: integer('results_released_at', { mode: 'timestamp_ms' }),
		/**
		 * The report's "need help" line, in percent (1-99): a student with fewer of the questions
		 * they reached right needs help. Its teacher may change it on the report.
		 */
		needHelpBelow: integer('need_help_below').notNull().default(50)
	},
	(t) => [
		index('games_join_code').on(t.joinCode),
		index('games_owner').on(t.ownerId, t.createdAt),
		index('games_mode_status').on(t.mode, t.status),
		// Looking a live game up by its join code (every player request) without scanning by mode.
		index('games_join_code_mode_status').on(t.joinCode, t.mode, t.status)
	]
);

/** A seat in a game. Solo games have one; assignments and live games many. */
export const players = sqliteTable(
	'players',
	{
		id: text('id').primaryKey(),
		gameId: gameColumn(),
		nickname: text('nickname'),
		/** Case-folded, normalised nickname for uniqueness within a game. */
		nicknameKey: text('nickname_key'),
		tokenHash: text('token_hash').notNull(),
		score: integer('score').notNull().default(0),
		streak: integer('streak').notNull().default(0),
		correctCount: integer('correct_count').notNull().default(0),
		answeredCount: integer('answered_count').notNull().default(0),
		/** Persisted XState snapshot of this player's solo machine (solo games and assignments). */
		snapshot: text('snapshot', { mode: 'json' }),
		machineVersion: integer('machine_version').notNull().default(1),
		removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
		/**
		 * Assignments: SHA-256 of the student's resume code, which moves the seat to another device
		 * (see src/lib/server/assignments/resume.ts).
		 */
		resumeCodeHash: text('resume_code_hash'),
		/**
		 * Checks before and after teaching: the form this seat plays here ('A' the first half of
		 * the game's questions, 'B' the second), assigned at random and balanced on the first check,
		 * the other form after teaching (counterbalanced), the first form again on a delayed check.
		 */
		checkForm: text('check_form', { enum: ['A', 'B'] }),
		/**
		 * After and delayed checks: the student's seat in the first check they took, linked by that
		 * seat or its resume code (never by nickname); null on the first check.
		 */
		checkStudentId: text('check_student_id'),
		joinedAt: createdAt(),
		finishedAt: integer('finished_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		// Also how a game's seats are found (its first column): counts of the seated players read
		// these rows. Every live join writes each index of this table, so it has no other index a
		// live seat does not need.
		uniqueIndex('players_game_nickname').on(t.gameId, t.nicknameKey),
		// Only assignment seats have a resume code: live seats are not in this index.
		index('players_resume')
			.on(t.gameId, t.resumeCodeHash)
			.where(sql`${t.resumeCodeHash} is not null`),
		index('players_token').on(t.tokenHash)
	]
);

/** Every answer given, right or wrong, exactly once per player and question. */
export const answers = sqliteTable(
	'answers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		gameId: gameColumn(),
		playerId: playerColumn(),
		questionIndex: integer('question_index').notNull(),
		/** Stable key of the item (article, range, kind) for difficulty statistics. */
		itemKey: text('item_key').notNull(),
		kind: text('kind').notNull(),
		/** Technique the question is about, if any, for per-technique reports. */
		techniqueId: text('technique_id'),
		/** Client-chosen id so a retried request is answered the same way and stored once. */
		requestId: text('request_id'),
		/** What the player chose, as submitted (technique id, token range, or 'loaded'/'straight'). */
		response: text('response', { mode: 'json' }).$type<Response>(),
		correct: integer('correct', { mode: 'boolean' }).notNull(),
		/** 0..1: partial credit for find-the-phrase, 0 or 1 otherwise. */
		credit: real('credit').notNull(),
		timeMs: integer('time_ms').notNull(),
		timedOut: integer('timed_out', { mode: 'boolean' }).notNull().default(false),
		/**
		 * Live games, a question closed without this player's answer: 'time' when its time ran out,
		 * 'host' when the host closed it first; null for answers given (and older rows).
		 */
		closedBy: text('closed_by', { enum: ['time', 'host'] }),
		points: integer('points').notNull(),
		/** The player's confidence rating, when the teacher asked for one: 'sure' or 'unsure'. */
		confidence: text('confidence', { enum: ['sure', 'unsure'] }),
		/** Checks before and after teaching: the 1-4 confidence given with the answer. */
		confidenceLevel: integer('confidence_level').$type<1 | 2 | 3 | 4>(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('answers_player_question').on(t.playerId, t.questionIndex),
		// Answers of a game, and of one question of it (counts, scoring at close, reveal views).
		index('answers_game_question').on(t.gameId, t.questionIndex),
		index('answers_item').on(t.itemKey)
	]
);

/** Best solo scores, for the solo leaderboard. */
export const leaderboard = sqliteTable(
	'leaderboard',
	{
		gameId: gameColumn(),
		playerId: playerColumn(),
		nickname: text('nickname').notNull(),
		score: integer('score').notNull(),
		correct: integer('correct').notNull(),
		total: integer('total').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.gameId, t.playerId] }), index('leaderboard_score').on(t.score)]
);

/**
 * Answers of deleted games, kept for item analysis without any nickname or link to a player or
 * game: `attemptId` is a fresh random id per deleted seat, so the answers of one round still go
 * together (for a player's score on the rest of the round) but lead to nobody.
 */
export const anonymousAnswers = sqliteTable(
	'anonymous_answers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		attemptId: text('attempt_id').notNull(),
		/** 'live' or 'assignment'. */
		mode: text('mode').notNull(),
		questionIndex: integer('question_index').notNull(),
		itemKey: text('item_key').notNull(),
		kind: text('kind').notNull(),
		techniqueId: text('technique_id'),
		response: text('response', { mode: 'json' }),
		correct: integer('correct', { mode: 'boolean' }).notNull(),
		credit: real('credit').notNull(),
		timeMs: integer('time_ms').notNull(),
		timedOut: integer('timed_out', { mode: 'boolean' }).notNull().default(false),
		/** When the answer was given (day precision is enough; kept as given). */
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('anonymous_answers_item').on(t.itemKey),
		index('anonymous_answers_attempt').on(t.attemptId)
	]
);

/**
 * A teacher's review of one item of an imported collection (issue 21). An item with no row is
 * unreviewed, and rounds leave unreviewed items of imported collections out unless a teacher ticks
 * "include unreviewed items" for their own game. `reviewKey` is stable across re-imports:
 * `span:<article>:<start>-<end>:<technique>` for a labelled span (its range and technique as
 * imported, in code points), `straight:<article>:<start>-<end>` for a straight passage.
 * A fix keeps the imported label's key and stores the teacher's technique, range and explanation.
 */
export const itemReviews = sqliteTable(
	'item_reviews',
	{
		collection: text('collection').notNull(),
		reviewKey: text('review_key').notNull(),
		articleId: articleColumn(),
		kind: text('kind', { enum: ['span', 'straight'] }).notNull(),
		status: text('status', { enum: ['approved', 'changed', 'hidden'] }).notNull(),
		/** A fixed span: the teacher's technique and code-point range. */
		techniqueId: text('technique_id'),
		start: integer('start'),
		end: integer('end'),
		/** The teacher's explanation, shown to students as written by a teacher. */
		explanation: text('explanation'),
		/** Why the item is hidden (hidden items only). */
		reason: text('reason'),
		reviewedBy: text('reviewed_by').references(() => teachers.id, { onDelete: 'set null' }),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }).notNull(),
		/** Raised on every decision, so the round builder's content cache sees a changed review. */
		version: integer('version').notNull().default(1)
	},
	(t) => [
		primaryKey({ columns: [t.collection, t.reviewKey] }),
		index('item_reviews_article').on(t.articleId)
	]
);

/**
 * The question of every item answered in a deleted game (the excerpt, its labels and key: content,
 * never a player's data), so item analysis can still show what the item asked once no game holds
 * it. Written when a game is deleted; one row per item.
 */
export const anonymousItems = sqliteTable('anonymous_items', {
	itemKey: text('item_key').primaryKey(),
	question: text('question', { mode: 'json' }).$type<Question>().notNull()
});
