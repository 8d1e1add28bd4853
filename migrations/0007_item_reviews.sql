CREATE TABLE `item_reviews` (
	`collection` text NOT NULL,
	`review_key` text NOT NULL,
	`article_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`technique_id` text,
	`start` integer,
	`end` integer,
	`explanation` text,
	`reason` text,
	`reviewed_by` text,
	`reviewed_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`collection`, `review_key`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `item_reviews_article` ON `item_reviews` (`article_id`);