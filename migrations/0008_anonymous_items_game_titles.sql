CREATE TABLE `anonymous_items` (
	`item_key` text PRIMARY KEY NOT NULL,
	`question` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `answers` ADD `closed_by` text;
--> statement-breakpoint
-- Every live game and assignment has a title from now on: older untitled ones get their kind and
-- the day they were created (UTC), as "Live game · 7 Dec" (see src/lib/game/gameTitle.ts).
UPDATE `games` SET `title` = (CASE WHEN `mode` = 'assignment' THEN 'Assignment' ELSE 'Live game' END) || ' · ' || CAST(strftime('%d', `created_at` / 1000, 'unixepoch') AS INTEGER) || ' ' || substr('JanFebMarAprMayJunJulAugSepOctNovDec', (CAST(strftime('%m', `created_at` / 1000, 'unixepoch') AS INTEGER) - 1) * 3 + 1, 3) WHERE `title` IS NULL AND `mode` IN ('live', 'assignment');
