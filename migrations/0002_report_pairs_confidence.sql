ALTER TABLE `answers` ADD `confidence` text;--> statement-breakpoint
ALTER TABLE `games` ADD `paired_game_id` text;--> statement-breakpoint
ALTER TABLE `games` ADD `check_role` text;