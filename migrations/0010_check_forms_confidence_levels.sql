ALTER TABLE `answers` ADD `confidence_level` integer;--> statement-breakpoint
ALTER TABLE `games` ADD `opens_at` integer;--> statement-breakpoint
ALTER TABLE `games` ADD `results_released_at` integer;--> statement-breakpoint
ALTER TABLE `players` ADD `check_form` text;--> statement-breakpoint
ALTER TABLE `players` ADD `check_student_id` text;