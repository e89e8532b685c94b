-- Work lists "consultations awaiting my reply" and "inter-agency tasks" look for the agencies asked
-- inside the dossier's state (jsonb arrays), so no btree serves them: on 1,000,000 dossiers each
-- scanned every dossier in processing (p50 ~75 ms). These immutable functions name the agencies
-- with an open ask, and partial GIN indexes over them answer `&& $agencies` from the index.
CREATE FUNCTION dossier_open_consultation_agencies(state jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select coalesce(array_agg(c->>'agencyCode'), '{}') from jsonb_array_elements(coalesce(state->'consultations', '[]')) c where c->'answeredAt' is null $$;--> statement-breakpoint
CREATE FUNCTION dossier_open_task_agencies(state jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select coalesce(array_agg(x->>'agencyCode'), '{}') from jsonb_array_elements(coalesce(state->'tasks', '[]')) x where x->'completedAt' is null $$;--> statement-breakpoint
CREATE INDEX "dossiers_open_consultations_idx" ON "dossiers" USING gin (dossier_open_consultation_agencies("state")) WHERE "phase" = 'processing';--> statement-breakpoint
CREATE INDEX "dossiers_open_tasks_idx" ON "dossiers" USING gin (dossier_open_task_agencies("state")) WHERE "phase" = 'processing';
