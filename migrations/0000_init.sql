CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` text NOT NULL,
	`player_id` text NOT NULL,
	`question_index` integer NOT NULL,
	`item_key` text NOT NULL,
	`kind` text NOT NULL,
	`technique_id` text,
	`request_id` text,
	`response` text,
	`correct` integer NOT NULL,
	`credit` real NOT NULL,
	`time_ms` integer NOT NULL,
	`timed_out` integer DEFAULT false NOT NULL,
	`points` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_player_question` ON `answers` (`player_id`,`question_index`);--> statement-breakpoint
CREATE INDEX `answers_game_question` ON `answers` (`game_id`,`question_index`);--> statement-breakpoint
CREATE INDEX `answers_item` ON `answers` (`item_key`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`outlet` text,
	`url` text,
	`published_date` text,
	`language` text DEFAULT 'en' NOT NULL,
	`body` text NOT NULL,
	`content_hash` text NOT NULL,
	`source_note` text,
	`license_note` text,
	`origin` text NOT NULL,
	`collection` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `clean_passages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clean_passages_article_range` ON `clean_passages` (`article_id`,`start`,`end`);--> statement-breakpoint
CREATE TABLE `games` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`join_code` text,
	`host_token_hash` text,
	`title` text,
	`config` text NOT NULL,
	`seed` text NOT NULL,
	`questions` text NOT NULL,
	`snapshot` text,
	`machine_version` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`deadline` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `games_join_code` ON `games` (`join_code`);--> statement-breakpoint
CREATE INDEX `games_mode_status` ON `games` (`mode`,`status`);--> statement-breakpoint
CREATE INDEX `games_join_code_mode_status` ON `games` (`join_code`,`mode`,`status`);--> statement-breakpoint
CREATE TABLE `leaderboard` (
	`game_id` text NOT NULL,
	`player_id` text NOT NULL,
	`nickname` text NOT NULL,
	`score` integer NOT NULL,
	`correct` integer NOT NULL,
	`total` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`game_id`, `player_id`),
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `leaderboard_score` ON `leaderboard` (`score`);--> statement-breakpoint
CREATE TABLE `players` (
	`id` text PRIMARY KEY NOT NULL,
	`game_id` text NOT NULL,
	`nickname` text,
	`nickname_key` text,
	`token_hash` text NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`streak` integer DEFAULT 0 NOT NULL,
	`correct_count` integer DEFAULT 0 NOT NULL,
	`answered_count` integer DEFAULT 0 NOT NULL,
	`snapshot` text,
	`machine_version` integer DEFAULT 1 NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `players_game_nickname` ON `players` (`game_id`,`nickname_key`);--> statement-breakpoint
CREATE INDEX `players_token` ON `players` (`token_hash`);--> statement-breakpoint
CREATE TABLE `spans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` text NOT NULL,
	`technique_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`explanation` text,
	`labelled_by` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spans_article_technique_range` ON `spans` (`article_id`,`technique_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `spans_technique` ON `spans` (`technique_id`);--> statement-breakpoint
CREATE TABLE `techniques` (
	`id` text PRIMARY KEY NOT NULL,
	`ptc_label` text NOT NULL,
	`name` text NOT NULL,
	`family` text NOT NULL,
	`definition` text NOT NULL,
	`tip` text NOT NULL,
	`example` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `techniques_ptc_label_unique` ON `techniques` (`ptc_label`);