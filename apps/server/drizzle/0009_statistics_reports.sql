CREATE TABLE "statistics_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period_key" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"scope_code" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by" uuid,
	"figures" jsonb NOT NULL,
	"xlsx" "bytea" NOT NULL,
	"pdf" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statistics_reports" ADD CONSTRAINT "statistics_reports_scope_code_agencies_code_fk" FOREIGN KEY ("scope_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "statistics_reports_period_scope_uq" ON "statistics_reports" USING btree ("kind","period_key","scope_code");--> statement-breakpoint
CREATE INDEX "statistics_reports_scope_idx" ON "statistics_reports" USING btree ("scope_code","from_date");