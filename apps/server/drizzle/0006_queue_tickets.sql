CREATE TABLE "queue_counters" (
	"agency_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"group_codes" jsonb NOT NULL,
	CONSTRAINT "queue_counters_agency_code_code_pk" PRIMARY KEY("agency_code","code")
);
--> statement-breakpoint
CREATE TABLE "queue_groups" (
	"agency_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_groups_agency_code_code_pk" PRIMARY KEY("agency_code","code")
);
--> statement-breakpoint
CREATE TABLE "queue_sequences" (
	"agency_code" text NOT NULL,
	"group_code" text NOT NULL,
	"day" date NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "queue_sequences_agency_code_group_code_day_pk" PRIMARY KEY("agency_code","group_code","day")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_code" text NOT NULL,
	"group_code" text NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"counter_code" text,
	"called_by" uuid
);
--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_groups" ADD CONSTRAINT "queue_groups_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_uq" ON "queue_tickets" USING btree ("agency_code","group_code","day","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("agency_code","day","status","taken_at");