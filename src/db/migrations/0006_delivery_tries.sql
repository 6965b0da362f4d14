ALTER TABLE "jobs" ADD COLUMN "delivery_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "delivery_failures" integer DEFAULT 0 NOT NULL;