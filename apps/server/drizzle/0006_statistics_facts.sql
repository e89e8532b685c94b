CREATE TABLE "dossier_stat_facts" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"field_code" text NOT NULL,
	"commune_code" text,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone,
	"end_kind" text,
	"end_at" timestamp with time zone,
	"classification" text,
	"paused" "tstzmultirange" NOT NULL,
	"overdue" "tstzmultirange" NOT NULL,
	"postal_returned_at" timestamp with time zone,
	"event_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_stat_facts" ADD CONSTRAINT "dossier_stat_facts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_stat_facts_span_idx" ON "dossier_stat_facts" USING btree (coalesce("end_at", 'infinity'::timestamptz),"received_at");--> statement-breakpoint
CREATE INDEX "dossier_stat_facts_postal_idx" ON "dossier_stat_facts" USING btree ("postal_returned_at") WHERE "dossier_stat_facts"."postal_returned_at" is not null;