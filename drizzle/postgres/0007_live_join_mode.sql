ALTER TABLE "live_sessions" ADD COLUMN "join_mode" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "nickname_language" text DEFAULT 'en' NOT NULL;