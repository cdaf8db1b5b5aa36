CREATE TABLE `accommodations` (
	`class_id` text NOT NULL,
	`user_id` text NOT NULL,
	`extra_time` text,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`read_aloud` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`class_id`, `user_id`),
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assignment_overrides` (
	`assignment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`due_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`assignment_id`, `user_id`),
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `work_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`student_id` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`attempt_id` text,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`seen_at` integer,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `work_comments_student_idx` ON `work_comments` (`student_id`,`class_id`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `attempts_allowed` integer;--> statement-breakpoint
ALTER TABLE `assignments` ADD `answers_shown` text DEFAULT 'after-due' NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `answers_released_at` integer;--> statement-breakpoint
ALTER TABLE `assignments` ADD `score_shown` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `time_limit_minutes` integer;--> statement-breakpoint
ALTER TABLE `assignments` ADD `grading_method` text DEFAULT 'best' NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` ADD `deadline_at` integer;--> statement-breakpoint
ALTER TABLE `classes` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `response_grades` ADD `seen_at` integer;--> statement-breakpoint
-- Quizzes set before policies existed were labelled "submitted once": one attempt; practice has always shown each answer at once; grades already returned are not news.
UPDATE `assignments` SET `attempts_allowed` = 1 WHERE `behaviour` = 'quiz';--> statement-breakpoint
UPDATE `assignments` SET `answers_shown` = 'immediately' WHERE `behaviour` = 'practice';--> statement-breakpoint
UPDATE `response_grades` SET `seen_at` = `graded_at`;
