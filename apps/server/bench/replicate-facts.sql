-- A scale model for `npm run bench:stats` beyond what the generator loads in a session: run on a
-- COPY of the bench database (it drops the facts' foreign key there), e.g.
--   createdb -T motcua_bench motcua_bench10m && psql motcua_bench10m -v copies=9 -f apps/server/bench/replicate-facts.sql
--   BENCH_DB=motcua_bench10m BENCH_DOSSIERS=1000000 npm run bench:stats
-- Each copy of the generated facts gets new ids and its instants shifted by k minutes: the same
-- agencies, procedures, channels, durations and endings, (copies + 1) times the volume and the
-- dossiers open at any instant. The report reads only the facts and the day/month sums.
\set ON_ERROR_STOP on
alter table dossier_stat_facts drop constraint if exists dossier_stat_facts_dossier_id_dossiers_id_fk;
alter table dossier_stat_facts disable trigger user;
drop index if exists dossier_stat_facts_open_idx;
set synchronous_commit = off;
insert into dossier_stat_facts (dossier_id, agency_code, procedure_code, field_code, commune_code, channel, received_at, end_kind, end_at, classification, paused, overdue, postal_returned_at, event_count)
select gen_random_uuid(), f.agency_code, f.procedure_code, f.field_code, f.commune_code, f.channel, f.received_at + k * interval '1 minute', f.end_kind,
       f.end_at + k * interval '1 minute', f.classification, f.paused, f.overdue, f.postal_returned_at + k * interval '1 minute', f.event_count
  from dossier_stat_facts f join dossiers d on d.id = f.dossier_id, generate_series(1, :copies) k;
truncate dossier_stat_days, dossier_stat_months;
insert into dossier_stat_days (day, agency_code, procedure_code, field_code, commune_code, channel, received, early, on_time, late, refused, withdrawn, stopped, postal_returned)
select p.day, f.agency_code, f.procedure_code, f.field_code, coalesce(f.commune_code, ''), f.channel,
       sum(p.received), count(*) filter (where p.ending = 'early'), count(*) filter (where p.ending = 'on-time'), count(*) filter (where p.ending = 'late'),
       count(*) filter (where p.ending = 'refused'), count(*) filter (where p.ending = 'withdrawn'), count(*) filter (where p.ending = 'stopped'), sum(p.postal_returned)
  from dossier_stat_facts f, dossier_stat_day_parts(f) p group by 1, 2, 3, 4, 5, 6;
insert into dossier_stat_months (month, agency_code, procedure_code, field_code, commune_code, channel, received, early, on_time, late, refused, withdrawn, stopped, postal_returned)
select date_trunc('month', day)::date, agency_code, procedure_code, field_code, commune_code, channel,
       sum(received), sum(early), sum(on_time), sum(late), sum(refused), sum(withdrawn), sum(stopped), sum(postal_returned)
  from dossier_stat_days group by 1, 2, 3, 4, 5, 6;
set maintenance_work_mem = '2GB';
create index dossier_stat_facts_open_idx on dossier_stat_facts using gist (tstzrange(received_at, case when end_at < received_at then received_at else end_at end, '(]'))
  include (agency_code, procedure_code, field_code, commune_code, channel, received_at, end_at, paused, overdue) where received_at is not null;
alter table dossier_stat_facts enable trigger user;
vacuum analyze dossier_stat_facts;
vacuum analyze dossier_stat_days;
vacuum analyze dossier_stat_months;
