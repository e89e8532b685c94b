CREATE TABLE "dossier_code_counters" (
	"agency_code" text NOT NULL,
	"receipt_date" date NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_agency_code_receipt_date_pk" PRIMARY KEY("agency_code","receipt_date")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"event" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"component_code" text,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" uuid,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"case_code" text NOT NULL,
	"procedure_name" text NOT NULL,
	"time_limit" jsonb NOT NULL,
	"agency_code" text NOT NULL,
	"process_id" uuid,
	"process" jsonb NOT NULL,
	"channel" text NOT NULL,
	"phase" text NOT NULL,
	"exchange_status" text NOT NULL,
	"national_status" integer NOT NULL,
	"step_code" text,
	"holder_user_id" uuid,
	"holder_role" text,
	"holder_department" text,
	"owner_user_id" uuid,
	"submitted_by" uuid NOT NULL,
	"submitter_kind" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_key" text NOT NULL,
	"applicant_id_number" text,
	"form_data" jsonb NOT NULL,
	"result_channel" text NOT NULL,
	"result_address" text,
	"notify_channels" text[] NOT NULL,
	"fees_due" integer DEFAULT 0 NOT NULL,
	"fees_paid" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"counted_from" timestamp with time zone,
	"deadline" timestamp with time zone,
	"appointment" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"outcome" text,
	"classification" text,
	"state" jsonb NOT NULL,
	"event_count" integer NOT NULL,
	"idempotency_key" text,
	"backfilled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"case_code" text DEFAULT '' NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_version_id_procedure_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_seq_uq" ON "dossier_events" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE INDEX "dossier_files_dossier_idx" ON "dossier_files" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_files_file_idx" ON "dossier_files" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_idempotency_uq" ON "dossiers" USING btree ("submitted_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "dossiers_holder_user_idx" ON "dossiers" USING btree ("holder_user_id") WHERE "dossiers"."holder_user_id" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_group_idx" ON "dossiers" USING btree ("agency_code","holder_role","holder_department") WHERE "dossiers"."holder_role" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_agency_phase_idx" ON "dossiers" USING btree ("agency_code","phase","appointment");--> statement-breakpoint
CREATE INDEX "dossiers_owner_idx" ON "dossiers" USING btree ("owner_user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "dossiers_applicant_id_idx" ON "dossiers" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "processes_version_uq" ON "processes" USING btree ("agency_code","procedure_code","case_code","version");