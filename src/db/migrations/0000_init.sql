CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"request" jsonb NOT NULL,
	"mode" text NOT NULL,
	"model" text NOT NULL,
	"provider" text,
	"provider_job_id" text,
	"state" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"cost_credits" integer NOT NULL,
	"cost_usd_cents" integer NOT NULL,
	"seed_used" bigint,
	"error_code" text,
	"error_message" text,
	"result_url" text,
	"chat_channel_id" text,
	"chat_message_id" text,
	"interaction_token" text,
	"interaction_token_expires_at" timestamp with time zone,
	"response_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"kind" text NOT NULL,
	"videos" integer NOT NULL,
	"seconds" integer NOT NULL,
	"credits" integer NOT NULL,
	"counters" jsonb NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quota_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"workspace_id" text NOT NULL,
	"platform" text NOT NULL,
	"subject_id" text NOT NULL,
	"period" text NOT NULL,
	"max_videos" integer,
	"max_seconds" integer,
	"max_credits" integer,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"job_id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"state" text NOT NULL,
	"videos" integer NOT NULL,
	"seconds" integer NOT NULL,
	"credits" integer NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"counter_key" text PRIMARY KEY NOT NULL,
	"day_start" timestamp with time zone NOT NULL,
	"day_videos" integer DEFAULT 0 NOT NULL,
	"day_seconds" integer DEFAULT 0 NOT NULL,
	"day_credits" integer DEFAULT 0 NOT NULL,
	"week_start" timestamp with time zone NOT NULL,
	"week_videos" integer DEFAULT 0 NOT NULL,
	"week_seconds" integer DEFAULT 0 NOT NULL,
	"week_credits" integer DEFAULT 0 NOT NULL,
	"month_start" timestamp with time zone NOT NULL,
	"month_videos" integer DEFAULT 0 NOT NULL,
	"month_seconds" integer DEFAULT 0 NOT NULL,
	"month_credits" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_settings" (
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"allowed_channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blocked_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_model" text,
	"default_quality" text,
	"admins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_concurrent_per_user" integer,
	"max_concurrent_per_workspace" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_settings_platform_workspace_id_pk" PRIMARY KEY("platform","workspace_id")
);
--> statement-breakpoint
CREATE INDEX "jobs_state_idx" ON "jobs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "jobs_user_idx" ON "jobs" USING btree ("platform","workspace_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_step_key" ON "ledger" USING btree ("job_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "quota_policies_subject_key" ON "quota_policies" USING btree ("platform","scope","workspace_id","subject_id","period");--> statement-breakpoint
CREATE INDEX "reservations_state_idx" ON "reservations" USING btree ("state","created_at");