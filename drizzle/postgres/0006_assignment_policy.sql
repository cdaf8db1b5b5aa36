CREATE TABLE "accommodations" (
	"class_id" text NOT NULL,
	"user_id" text NOT NULL,
	"extra_time" text,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"read_aloud" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accommodations_class_id_user_id_pk" PRIMARY KEY("class_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_overrides" (
	"assignment_id" text NOT NULL,
	"user_id" text NOT NULL,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assignment_overrides_assignment_id_user_id_pk" PRIMARY KEY("assignment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "work_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"class_id" text NOT NULL,
	"student_id" text NOT NULL,
	"lesson_slug" text NOT NULL,
	"attempt_id" text,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "attempts_allowed" integer;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "answers_shown" text DEFAULT 'after-due' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "answers_released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "score_shown" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "time_limit_minutes" integer;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "grading_method" text DEFAULT 'best' NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "classes" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "response_grades" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_overrides" ADD CONSTRAINT "assignment_overrides_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_overrides" ADD CONSTRAINT "assignment_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_comments" ADD CONSTRAINT "work_comments_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_comments" ADD CONSTRAINT "work_comments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_comments" ADD CONSTRAINT "work_comments_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_comments" ADD CONSTRAINT "work_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_comments_student_idx" ON "work_comments" USING btree ("student_id","class_id");--> statement-breakpoint
-- Quizzes set before policies existed were labelled "submitted once": one attempt; practice has always shown each answer at once; grades already returned are not news.
UPDATE "assignments" SET "attempts_allowed" = 1 WHERE "behaviour" = 'quiz';--> statement-breakpoint
UPDATE "assignments" SET "answers_shown" = 'immediately' WHERE "behaviour" = 'practice';--> statement-breakpoint
UPDATE "response_grades" SET "seen_at" = "graded_at";
