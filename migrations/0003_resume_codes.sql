ALTER TABLE `players` ADD `resume_code_hash` text;--> statement-breakpoint
CREATE INDEX `players_resume` ON `players` (`game_id`,`resume_code_hash`);