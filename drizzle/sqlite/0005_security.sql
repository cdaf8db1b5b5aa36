CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_hash_unique` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invites_created_by_idx` ON `invites` (`created_by`);--> statement-breakpoint
CREATE TABLE `limited_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`attempted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `limited_attempts_scope_key_idx` ON `limited_attempts` (`scope`,`key`,`attempted_at`);--> statement-breakpoint
CREATE INDEX `limited_attempts_at_idx` ON `limited_attempts` (`attempted_at`);--> statement-breakpoint
CREATE TABLE `site_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
DROP TABLE `failed_sign_ins`;--> statement-breakpoint
ALTER TABLE `attempts` ADD `assignment_id` text REFERENCES assignments(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `attempts_assignment_idx` ON `attempts` (`assignment_id`);--> statement-breakpoint
ALTER TABLE `live_players` ADD `joined_from` text;--> statement-breakpoint
ALTER TABLE `live_sessions` ADD `show_real_names` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Old practice and quiz sittings become class work only when one class could have set them: of the classes the student had already joined when the sitting started, exactly one assigns its lesson (or the whole module); it then counts for that class's soonest-due assignment (undated last), then the oldest.
UPDATE `attempts` SET `assignment_id` = (SELECT `assignments`.`id` FROM `assignments` INNER JOIN `class_members` ON `class_members`.`class_id` = `assignments`.`class_id` WHERE `class_members`.`user_id` = `attempts`.`user_id` AND `class_members`.`joined_at` <= `attempts`.`started_at` AND (`assignments`.`lesson_slug` IS NULL OR `assignments`.`lesson_slug` = `attempts`.`lesson_slug`) ORDER BY `assignments`.`due_at` IS NULL, `assignments`.`due_at`, `assignments`.`created_at`, `assignments`.`id` LIMIT 1) WHERE `assignment_id` IS NULL AND `mode` IN ('practice', 'quiz') AND (SELECT count(DISTINCT `assignments`.`class_id`) FROM `assignments` INNER JOIN `class_members` ON `class_members`.`class_id` = `assignments`.`class_id` WHERE `class_members`.`user_id` = `attempts`.`user_id` AND `class_members`.`joined_at` <= `attempts`.`started_at` AND (`assignments`.`lesson_slug` IS NULL OR `assignments`.`lesson_slug` = `attempts`.`lesson_slug`)) = 1;
