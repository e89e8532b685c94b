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
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "slip_templates" ADD CONSTRAINT "slip_templates_scope_code_agencies_code_fk" FOREIGN KEY ("scope_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE cascade;