CREATE TABLE "roster_links" (
	"class_id" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_links" ADD CONSTRAINT "roster_links_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_links" ADD CONSTRAINT "roster_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roster_links_class_source_external_idx" ON "roster_links" USING btree ("class_id","source","external_id");--> statement-breakpoint
CREATE INDEX "roster_links_user_idx" ON "roster_links" USING btree ("user_id");