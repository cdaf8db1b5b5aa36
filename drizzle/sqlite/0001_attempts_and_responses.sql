CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`mode` text NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attempts_user_lesson_idx` ON `attempts` (`user_id`,`lesson_slug`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`attempt_id` text NOT NULL,
	`user_id` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`answer` text NOT NULL,
	`status` text NOT NULL,
	`earned` real,
	`possible` real NOT NULL,
	`correct` integer,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `responses_attempt_idx` ON `responses` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `responses_user_question_idx` ON `responses` (`user_id`,`question_id`);