CREATE TABLE "account_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"account_type" text NOT NULL,
	"email_verified_at" timestamp with time zone,
	"phone_verified_at" timestamp with time zone,
	"province_code" text,
	"commune_code" text,
	"locale" text DEFAULT 'vi' NOT NULL,
	"notification_prefs" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"source" text NOT NULL,
	"overall" text NOT NULL,
	"convenience" text NOT NULL,
	"timeliness" text NOT NULL,
	"attitude" text NOT NULL,
	"comment" text,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_ratings_dossier_id_unique" UNIQUE("dossier_id")
);
--> statement-breakpoint
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
CREATE TABLE "dossier_withdrawal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_withdrawal_requests_dossier_uq" UNIQUE("dossier_id")
);
--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"published" boolean NOT NULL,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"procedure_code" text,
	"agency_code" text NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_email" text,
	"sender_phone" text,
	"sender_user_id" uuid,
	"private" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	"entered_late" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"search_key" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"topic" text NOT NULL,
	"sort_order" integer NOT NULL,
	"published" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "personal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_documents_file_id_unique" UNIQUE("file_id")
);
--> statement-breakpoint
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
CREATE TABLE "signing_certificates" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"p12_sealed" text NOT NULL,
	"passphrase_sealed" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slip_templates" (
	"scope_code" text NOT NULL,
	"form_key" text NOT NULL,
	"title" text NOT NULL,
	"paragraphs" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slip_templates_scope_code_form_key_pk" PRIMARY KEY("scope_code","form_key")
);
--> statement-breakpoint
ALTER TABLE "account_codes" ADD CONSTRAINT "account_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_profiles" ADD CONSTRAINT "citizen_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_stat_facts" ADD CONSTRAINT "dossier_stat_facts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_withdrawal_requests" ADD CONSTRAINT "dossier_withdrawal_requests_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_withdrawal_requests" ADD CONSTRAINT "dossier_withdrawal_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "personal_documents" ADD CONSTRAINT "personal_documents_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_documents" ADD CONSTRAINT "personal_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_groups" ADD CONSTRAINT "queue_groups_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "slip_templates" ADD CONSTRAINT "slip_templates_scope_code_agencies_code_fk" FOREIGN KEY ("scope_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "account_codes_user_purpose_uq" ON "account_codes" USING btree ("user_id","purpose");--> statement-breakpoint
CREATE INDEX "dossier_stat_facts_span_idx" ON "dossier_stat_facts" USING btree (coalesce("end_at", 'infinity'::timestamptz),"received_at");--> statement-breakpoint
CREATE INDEX "dossier_stat_facts_postal_idx" ON "dossier_stat_facts" USING btree ("postal_returned_at") WHERE "dossier_stat_facts"."postal_returned_at" is not null;--> statement-breakpoint
CREATE INDEX "faq_entries_procedure_idx" ON "faq_entries" USING btree ("procedure_code");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_items_idempotency_uq" ON "feedback_items" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "feedback_items_agency_idx" ON "feedback_items" USING btree ("agency_code","status","due_at");--> statement-breakpoint
CREATE INDEX "feedback_items_published_idx" ON "feedback_items" USING btree ("published_at") WHERE "feedback_items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "personal_documents_owner_idx" ON "personal_documents" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_uq" ON "queue_tickets" USING btree ("agency_code","group_code","day","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("agency_code","day","status","taken_at");