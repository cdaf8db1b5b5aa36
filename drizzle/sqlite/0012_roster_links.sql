CREATE TABLE `roster_links` (
	`class_id` text NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_links_class_source_external_idx` ON `roster_links` (`class_id`,`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `roster_links_user_idx` ON `roster_links` (`user_id`);