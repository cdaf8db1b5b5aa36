ALTER TABLE `live_sessions` ADD `join_mode` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `live_sessions` ADD `nickname_language` text DEFAULT 'en' NOT NULL;