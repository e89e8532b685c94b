CREATE TABLE "dossier_stat_days" (
	"day" date NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"field_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"postal_returned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_stat_days_day_agency_code_procedure_code_field_code_commune_code_channel_pk" PRIMARY KEY("day","agency_code","procedure_code","field_code","commune_code","channel")
);
--> statement-breakpoint
CREATE TABLE "dossier_stat_months" (
	"month" date NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"field_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"postal_returned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_stat_months_month_agency_code_procedure_code_field_code_commune_code_channel_pk" PRIMARY KEY("month","agency_code","procedure_code","field_code","commune_code","channel")
);
