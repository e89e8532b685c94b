-- Extensions the schema relies on: trigram search over the accent-folded search keys, and
-- gen_random_uuid() (core since PG 13, pgcrypto kept for digest()).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
