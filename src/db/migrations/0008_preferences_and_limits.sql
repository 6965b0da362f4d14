CREATE TABLE "user_preferences" (
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"model" text,
	"quality" text,
	"ratio" text,
	"audio" boolean,
	"suffix" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_preferences_platform_workspace_id_user_id_pk" PRIMARY KEY("platform","workspace_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "allowed_models" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "max_quality" text;