CREATE TABLE `live_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`player_id` text NOT NULL,
	`question_index` integer NOT NULL,
	`question_id` text NOT NULL,
	`answer` text NOT NULL,
	`earned` real NOT NULL,
	`correct` integer NOT NULL,
	`points` integer NOT NULL,
	`elapsed_ms` integer NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`player_id`) REFERENCES `live_players`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_answers_player_question_idx` ON `live_answers` (`player_id`,`question_index`);--> statement-breakpoint
CREATE INDEX `live_answers_session_question_idx` ON `live_answers` (`session_id`,`question_index`);--> statement-breakpoint
CREATE TABLE `live_players` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`user_id` text,
	`nickname` text NOT NULL,
	`nickname_key` text NOT NULL,
	`resume_token_hash` text NOT NULL,
	`joined_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_players_nickname_idx` ON `live_players` (`session_id`,`nickname_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `live_players_user_idx` ON `live_players` (`session_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `live_players_token_idx` ON `live_players` (`resume_token_hash`);--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`teacher_id` text NOT NULL,
	`class_id` text,
	`title` text NOT NULL,
	`questions` text NOT NULL,
	`timer_seconds` integer,
	`scoring` text NOT NULL,
	`show_leaderboard` integer NOT NULL,
	`extra_time` text NOT NULL,
	`phase` text NOT NULL,
	`question_index` integer NOT NULL,
	`question_opened_at` integer,
	`paused_at` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_sessions_code_unique` ON `live_sessions` (`code`);--> statement-breakpoint
CREATE INDEX `live_sessions_teacher_idx` ON `live_sessions` (`teacher_id`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `live_session_id` text REFERENCES live_sessions(id) ON DELETE set null;