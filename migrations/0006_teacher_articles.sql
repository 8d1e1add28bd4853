CREATE TABLE `flagged_labels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` text NOT NULL,
	`technique_id` text,
	`quote` text NOT NULL,
	`explanation` text,
	`explanation_source` text,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flagged_labels_article` ON `flagged_labels` (`article_id`);--> statement-breakpoint
ALTER TABLE `articles` ADD `owner_id` text REFERENCES teachers(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `articles` ADD `sharing` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `articles_owner` ON `articles` (`owner_id`);--> statement-breakpoint
ALTER TABLE `spans` ADD `explanation_source` text;