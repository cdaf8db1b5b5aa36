CREATE TABLE "live_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"player_id" text NOT NULL,
	"question_index" integer NOT NULL,
	"question_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	"earned" double precision NOT NULL,
	"correct" boolean NOT NULL,
	"points" integer NOT NULL,
	"elapsed_ms" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_players" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text,
	"nickname" text NOT NULL,
	"nickname_key" text NOT NULL,
	"resume_token_hash" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"teacher_id" text NOT NULL,
	"class_id" text,
	"title" text NOT NULL,
	"questions" jsonb NOT NULL,
	"timer_seconds" integer,
	"scoring" text NOT NULL,
	"show_leaderboard" boolean NOT NULL,
	"extra_time" jsonb NOT NULL,
	"phase" text NOT NULL,
	"question_index" integer NOT NULL,
	"question_opened_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "live_sessions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "live_session_id" text;--> statement-breakpoint
ALTER TABLE "live_answers" ADD CONSTRAINT "live_answers_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_answers" ADD CONSTRAINT "live_answers_player_id_live_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."live_players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_players" ADD CONSTRAINT "live_players_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_players" ADD CONSTRAINT "live_players_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "live_answers_player_question_idx" ON "live_answers" USING btree ("player_id","question_index");--> statement-breakpoint
CREATE INDEX "live_answers_session_question_idx" ON "live_answers" USING btree ("session_id","question_index");--> statement-breakpoint
CREATE UNIQUE INDEX "live_players_nickname_idx" ON "live_players" USING btree ("session_id","nickname_key");--> statement-breakpoint
CREATE UNIQUE INDEX "live_players_user_idx" ON "live_players" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_players_token_idx" ON "live_players" USING btree ("resume_token_hash");--> statement-breakpoint
CREATE INDEX "live_sessions_teacher_idx" ON "live_sessions" USING btree ("teacher_id");--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_live_session_id_live_sessions_id_fk" FOREIGN KEY ("live_session_id") REFERENCES "public"."live_sessions"("id") ON DELETE set null ON UPDATE no action;