CREATE TABLE "agency_calendars" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"week" jsonb NOT NULL,
	"makeup_sessions" jsonb NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_official_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text,
	"sessions" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"week" jsonb NOT NULL,
	"makeup_sessions" jsonb NOT NULL,
	"day_minutes" integer,
	"holidays" jsonb NOT NULL,
	"policy" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "agency_calendars" ADD CONSTRAINT "agency_calendars_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
-- One settings row for the province.
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_singleton" CHECK ("id" = 1);
