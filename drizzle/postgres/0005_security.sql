CREATE TABLE "invites" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" text,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "limited_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "failed_sign_ins" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "failed_sign_ins" CASCADE;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "assignment_id" text;--> statement-breakpoint
ALTER TABLE "live_players" ADD COLUMN "joined_from" text;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "show_real_names" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invites_created_by_idx" ON "invites" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "limited_attempts_scope_key_idx" ON "limited_attempts" USING btree ("scope","key","attempted_at");--> statement-breakpoint
CREATE INDEX "limited_attempts_at_idx" ON "limited_attempts" USING btree ("attempted_at");--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attempts_assignment_idx" ON "attempts" USING btree ("assignment_id");--> statement-breakpoint
-- Old practice and quiz sittings become class work only when one class could have set them: of the classes the student had already joined when the sitting started, exactly one assigns its lesson (or the whole module); it then counts for that class's soonest-due assignment (undated last), then the oldest.
UPDATE "attempts" SET "assignment_id" = (SELECT "assignments"."id" FROM "assignments" INNER JOIN "class_members" ON "class_members"."class_id" = "assignments"."class_id" WHERE "class_members"."user_id" = "attempts"."user_id" AND "class_members"."joined_at" <= "attempts"."started_at" AND ("assignments"."lesson_slug" IS NULL OR "assignments"."lesson_slug" = "attempts"."lesson_slug") ORDER BY "assignments"."due_at" IS NULL, "assignments"."due_at", "assignments"."created_at", "assignments"."id" LIMIT 1) WHERE "assignment_id" IS NULL AND "mode" IN ('practice', 'quiz') AND (SELECT count(DISTINCT "assignments"."class_id") FROM "assignments" INNER JOIN "class_members" ON "class_members"."class_id" = "assignments"."class_id" WHERE "class_members"."user_id" = "attempts"."user_id" AND "class_members"."joined_at" <= "attempts"."started_at" AND ("assignments"."lesson_slug" IS NULL OR "assignments"."lesson_slug" = "attempts"."lesson_slug")) = 1;
