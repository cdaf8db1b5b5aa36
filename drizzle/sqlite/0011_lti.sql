CREATE TABLE `lti_accounts` (
	`platform_id` text NOT NULL,
	`subject` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `subject`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_accounts_user_idx` ON `lti_accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `lti_contexts` (
	`platform_id` text NOT NULL,
	`context_id` text NOT NULL,
	`class_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	`memberships_url` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `context_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_contexts_class_id_unique` ON `lti_contexts` (`class_id`);--> statement-breakpoint
CREATE TABLE `lti_deep_links` (
	`id` text PRIMARY KEY NOT NULL,
	`platform_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`class_id` text NOT NULL,
	`return_url` text NOT NULL,
	`data` text,
	`accept_line_item` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lti_deployments` (
	`platform_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `deployment_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lti_grade_syncs` (
	`platform_id` text NOT NULL,
	`resource_link_id` text NOT NULL,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`sent_version` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`lease_until` integer,
	`last_error` text,
	`sent_at` integer,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `resource_link_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`,`resource_link_id`) REFERENCES `lti_links`(`platform_id`,`resource_link_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_grade_syncs_due_idx` ON `lti_grade_syncs` (`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `lti_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`private_jwk` text NOT NULL,
	`public_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE TABLE `lti_links` (
	`platform_id` text NOT NULL,
	`resource_link_id` text NOT NULL,
	`class_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`line_item_url` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `resource_link_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_links_assignment_idx` ON `lti_links` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `lti_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`state_hash` text NOT NULL,
	`platform_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_nonces_state_hash_unique` ON `lti_nonces` (`state_hash`);--> statement-breakpoint
CREATE INDEX `lti_nonces_expires_idx` ON `lti_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `lti_platforms` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`auth_url` text NOT NULL,
	`token_url` text NOT NULL,
	`jwks_url` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_platforms_issuer_client_idx` ON `lti_platforms` (`issuer`,`client_id`);