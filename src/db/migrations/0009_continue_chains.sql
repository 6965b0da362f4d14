CREATE TABLE "chains" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text DEFAULT '' NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"base_job_ids" jsonb NOT NULL,
	"target_seconds" integer NOT NULL,
	"state" text NOT NULL,
	"stop_reason" text,
	"joined_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "chain_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "chain_index" integer;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "max_chain_seconds" integer;--> statement-breakpoint
CREATE INDEX "chains_state_idx" ON "chains" USING btree ("state");--> statement-breakpoint
CREATE INDEX "jobs_chain_idx" ON "jobs" USING btree ("chain_id","chain_index");