DROP INDEX `players_game_removed`;--> statement-breakpoint
DROP INDEX `players_resume`;--> statement-breakpoint
CREATE INDEX `players_resume` ON `players` (`game_id`,`resume_code_hash`) WHERE "players"."resume_code_hash" is not null;