/**
 * Realistic dossiers at scale for benchmarks and demos (`npm run db:generate`): over the loaded
 * province's agencies and procedures in force, spread over several years, through every channel
 * and ending (resolved early / on time / late, refused, withdrawn, stopped, awaiting supplement,
 * still open), each with its immutable events built by the real lifecycle and working-time engine
 * (the statistics History builder), its folded state and its statistical facts. Rows are written
 * with multi-row `INSERT … SELECT unnest(…)` in large batches. The same seed gives the same data.
 */
import type pg from 'pg';
import { classifyClock, type CompiledCalendar, type DeadlinePolicy, type WorkingDuration } from '@motcua/domain/calendar/index.ts';
import { defaultProcess, exchangeStatus, fold, nationalStatus, type Channel, type Holder } from '@motcua/domain/dossier/index.ts';
import type { ProcedureContent } from '@motcua/domain';
import { searchKey } from '@motcua/domain';
import { factsOf } from '@motcua/domain/statistics/index.ts';
import { History } from '@motcua/domain/statistics/fixture.ts';
import { tstzMultirangeText } from '../db/schema.ts';
import { factsContext } from '../modules/statistics/facts.ts';
import { caseTimeLimit } from '../modules/dossiers/service.ts';

export interface GenerateOptions {
  dossiers: number;
  seed: number;
  /** Years of history ending at `until` (default `now`). */
  years: number;
  now: number;
  until?: number;
  cal: CompiledCalendar;
  policy: DeadlinePolicy;
  batch?: number;
  log?: (m: string) => void;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    uuid: () => {
      const h = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      h[6] = (h[6]! & 0x0f) | 0x40;
      h[8] = (h[8]! & 0x3f) | 0x80;
      const x = h.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
    },
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Y', 'H'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Ngọc', 'Đức', 'Hữu', 'Thu', 'Bích'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hương', 'Khoa', 'Lan', 'Long', 'Mai', 'Nam', 'Ngân', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Xuân', 'Yến'];
const HOUR = 3_600_000;
/** Share of generated dossiers placed in the last RECENT_DAYS days (open work for the work lists). */
const RECENT_SHARE = 0.03;
const RECENT_DAYS = 30;
const DAY = 86_400_000;

interface Proc {
  id: string;
  versionId: string;
  code: string;
  name: string;
  caseCode: string;
  limit: WorkingDuration;
  agencyCodes: string[];
  channels: Channel[];
}

/** Column name, PostgreSQL element type of the unnest array. */
type Col = [string, string];
const DOSSIER_COLS: Col[] = [
  ['id', 'uuid'], ['code', 'text'], ['procedure_id', 'uuid'], ['procedure_version_id', 'uuid'], ['procedure_code', 'text'], ['case_code', 'text'], ['procedure_name', 'text'],
  ['time_limit', 'jsonb'], ['agency_code', 'text'], ['process', 'jsonb'], ['channel', 'text'], ['phase', 'text'], ['exchange_status', 'text'], ['national_status', 'int'],
  ['step_code', 'text'], ['holder_user_id', 'uuid'], ['holder_role', 'text'], ['holder_department', 'text'], ['owner_user_id', 'uuid'], ['submitted_by', 'uuid'], ['submitter_kind', 'text'],
  ['applicant', 'jsonb'], ['applicant_name', 'text'], ['applicant_key', 'text'], ['applicant_id_number', 'text'], ['form_data', 'jsonb'], ['result_channel', 'text'], ['result_address', 'text'],
  ['fees_due', 'int'], ['submitted_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['counted_from', 'timestamptz'], ['deadline', 'timestamptz'], ['appointment', 'timestamptz'],
  ['resolved_at', 'timestamptz'], ['returned_at', 'timestamptz'], ['outcome', 'text'], ['classification', 'text'], ['state', 'jsonb'], ['event_count', 'int'],
];
const EVENT_COLS: Col[] = [['dossier_id', 'uuid'], ['seq', 'int'], ['type', 'text'], ['at', 'timestamptz'], ['by_user_id', 'uuid'], ['event', 'jsonb'], ['recorded_at', 'timestamptz']];
const FACT_COLS: Col[] = [
  ['dossier_id', 'uuid'], ['agency_code', 'text'], ['procedure_code', 'text'], ['field_code', 'text'], ['commune_code', 'text'], ['channel', 'text'], ['received_at', 'timestamptz'],
  ['end_kind', 'text'], ['end_at', 'timestamptz'], ['classification', 'text'], ['paused', 'tstzmultirange'], ['overdue', 'tstzmultirange'], ['postal_returned_at', 'timestamptz'], ['event_count', 'int'],
];

async function insertUnnest(client: pg.PoolClient, table: string, cols: Col[], rows: unknown[][], extra = ''): Promise<void> {
  if (!rows.length) return;
  const arrays = cols.map((_, i) => rows.map((r) => r[i]));
  const names = cols.map(([n]) => n).join(', ');
  const params = cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`insert into ${table} (${names}${extra ? `, ${extra.split('=')[0]}` : ''}) select *${extra ? `, ${extra.split('=')[1]}` : ''} from unnest(${params})`, arrays);
}

/**
 * Bulk-loading practice: secondary indexes of the loaded tables are dropped for the load and
 * rebuilt from their stored definitions after (constraint indexes stay). Only for large loads.
 */
export async function withoutSecondaryIndexes<T>(pool: pg.Pool, tables: string[], fn: () => Promise<T>, log: (m: string) => void = () => {}): Promise<T> {
  const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
       join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename = any($1) and not x.indisprimary
        and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
    [tables],
  );
  for (const r of rows) await pool.query(`drop index if exists "${r.indexname}"`);
  try {
    return await fn();
  } finally {
    log(`rebuilding ${rows.length} indexes …`);
    for (const r of rows) await pool.query(r.indexdef);
  }
}

interface CodePlan {
  key: string | null;
  seq: number;
}

/**
 * Reserves the batch's dossier codes from the agency-day counters in one atomic upsert that
 * returns each counter's new value: the batch owns the range just below it. Two loads (or a load
 * and the live desk) touching the same days therefore never issue the same code. Reserved in its
 * own statement, so a batch that fails afterwards leaves a gap in the numbering, never a duplicate.
 */
export async function reserveCodes(pool: pg.Pool, plans: CodePlan[]): Promise<void> {
  const need = new Map<string, number>();
  for (const x of plans) if (x.key) need.set(x.key, (need.get(x.key) ?? 0) + 1);
  if (!need.size) return;
  // Sorted keys: concurrent loads lock counter rows in the same order and cannot deadlock.
  const keys = [...need.keys()].sort();
  const { rows } = await pool.query<{ agency_code: string; receipt_date: string; last_seq: number }>(
    `insert into dossier_code_counters (agency_code, receipt_date, last_seq) select * from unnest($1::text[], $2::date[], $3::int[])
     on conflict (agency_code, receipt_date) do update set last_seq = dossier_code_counters.last_seq + excluded.last_seq
     returning agency_code, receipt_date::text as receipt_date, last_seq`,
    [keys.map((k) => k.split('|')[0]), keys.map((k) => k.split('|')[1]), keys.map((k) => need.get(k))],
  );
  const next = new Map(rows.map((x) => [`${x.agency_code}|${x.receipt_date}`, x.last_seq - need.get(`${x.agency_code}|${x.receipt_date}`)! + 1]));
  for (const x of plans) {
    if (!x.key) continue;
    const s = next.get(x.key)!;
    x.seq = s;
    next.set(x.key, s + 1);
  }
}

export async function generateDossiers(pool: pg.Pool, o: GenerateOptions): Promise<{ dossiers: number; events: number }> {
  const log = o.log ?? (() => {});
  const r = rng(o.seed);
  const { rows: procRows } = await pool.query<{ id: string; version_id: string; code: string; name: string; field_code: string; content: ProcedureContent }>(
    `select distinct on (p.code) p.id, v.id as version_id, p.code, v.name, v.field_code, v.content
       from procedures p join procedure_versions v on v.procedure_id = p.id
      where v.status = 'published' order by p.code, v.version desc`,
  );
  const { rows: agencyRows } = await pool.query<{ code: string; commune_code: string | null }>(`select code, commune_code from agencies where status = 'active'`);
  const active = new Map(agencyRows.map((a) => [a.code, a.commune_code]));
  const procs: Proc[] = [];
  const fieldOf = new Map<string, string>();
  for (const p of procRows) {
    const c = p.content;
    const theCase = c.cases[0];
    if (!theCase) continue;
    const agencyCodes = c.agencyCodes.filter((a) => active.has(a));
    if (!agencyCodes.length) continue;
    procs.push({ id: p.id, versionId: p.version_id, code: p.code, name: p.name, caseCode: theCase.code, limit: caseTimeLimit(c, theCase.code) as WorkingDuration, agencyCodes, channels: (c.channels.length ? c.channels : ['direct']) as Channel[] });
    fieldOf.set(p.code, p.field_code);
  }
  if (!procs.length) throw new Error('No procedure in force with an active agency: load the demo province first (npm run db:seed).');
  const { rows: roleRows } = await pool.query<{ user_id: string; role: string; agency_code: string }>(`select user_id, role, agency_code from user_roles where role in ('reception', 'specialist')`);
  const specialists = new Map<string, string[]>();
  const desks = new Map<string, string[]>();
  for (const x of roleRows) {
    const m = x.role === 'specialist' ? specialists : desks;
    m.set(x.agency_code, [...(m.get(x.agency_code) ?? []), x.user_id]);
  }
  const { rows: citizenRows } = await pool.query<{ id: string }>(`select id from users where kind = 'citizen' limit 1000`);
  const citizens = citizenRows.map((c) => c.id);
  const processes = new Map<string, { def: ReturnType<typeof defaultProcess>; json: string }>();
  const processOf = (p: Proc) => {
    let x = processes.get(p.code);
    if (!x) {
      const def = defaultProcess(p.limit.unit === 'working-days' ? p.limit.value * 8 : p.limit.value);
      processes.set(p.code, (x = { def, json: JSON.stringify(def) }));
    }
    return x.def;
  };
  // As a superuser the load skips the foreign-key triggers: every reference it writes exists by construction.
  const superuser = (await pool.query<{ s: boolean }>('select rolsuper as s from pg_roles where rolname = current_user')).rows[0]?.s ?? false;
  const fctx = factsContext({ cal: o.cal, policy: o.policy });
  const end = o.until ?? o.now;
  const start = end - o.years * 365 * DAY;
  const batch = o.batch ?? 5000;
  let events = 0;
  const t0 = Date.now();
  for (let done = 0; done < o.dossiers; done += batch) {
    const n = Math.min(batch, o.dossiers - done);
    const dRows: unknown[][] = [];
    const eRows: unknown[][] = [];
    const fRows: unknown[][] = [];
    // First pass: who, where, when, and whether the desk accepts — enough to know how many codes
    // each agency-day needs before any history is built.
    const plans = [];
    for (let k = 0; k < n; k++) {
      const p = r.pick(procs);
      const agency = r.pick(p.agencyCodes);
      const channel: Channel = p.channels.includes('online') && r.next() < 0.45 ? 'online' : p.channels.includes('postal') && r.next() < 0.08 ? 'postal' : p.channels.includes('direct') ? 'direct' : p.channels[0]!;
      // A share of the load lands in the last weeks so officers' work lists hold open work
      // (in progress, awaiting handover, overdue, results awaiting return), as on a real desk.
      const recent = r.next() < RECENT_SHARE;
      const from = recent ? Math.max(start, end - RECENT_DAYS * DAY) : start;
      const day = Math.floor((from + r.next() * (end - from)) / DAY) * DAY;
      // Submissions come in working hours mostly; online ones at any hour.
      const rawSubmitted = day + (channel === 'online' ? r.int(0, 23 * 60) : r.int(0, 10 * 60) + 30) * 60_000;
      const submitted = Math.min(rawSubmitted, end - HOUR);
      const desk = r.pick(desks.get(agency) ?? [r.uuid()]);
      const specialistIds = specialists.get(agency);
      const holder: Holder = specialistIds && r.next() < 0.5 ? { kind: 'user', userId: r.pick(specialistIds) } : { kind: 'group', role: 'specialist', departmentCode: null };
      const id = r.uuid();
      const refused = r.next() < 0.02;
      const step = refused ? r.int(1, 8) * HOUR : r.int(0, 6) * HOUR;
      const key = !refused && submitted + step < o.now ? `${agency}|${new Date(submitted + step + 7 * HOUR).toISOString().slice(0, 10)}` : null;
      plans.push({ p, agency, channel, submitted, desk, holder, id, refused, step, key, seq: 0 });
    }
    await reserveCodes(pool, plans);
    for (const { p, agency, channel, submitted, desk, holder, id, refused, step, key, seq } of plans) {
      const h = new History(id, agency, channel, p.limit, submitted, { cal: o.cal, policy: o.policy, by: desk, holder });
      const safe = (f: () => void) => {
        try {
          f();
        } catch {
          // A step the legal clock refuses (e.g. an apology too late) is simply not taken.
        }
      };
      let t = submitted;
      const later = (ms: number) => (t = Math.max(t, t + ms));
      if (refused) {
        const at = later(step);
        if (at < o.now) h.refuseAtDesk(at);
      } else {
        const acceptedAt = later(step);
        if (key) {
          const localDate = key.split('|')[1]!;
          h.accept(acceptedAt, `${agency}-${localDate.slice(2).replace(/-/g, '')}-${String(seq).padStart(4, '0')}`);
          // Accepted in the last two days: some still wait at the desk to be handed over.
          const waitsAtDesk = acceptedAt > o.now - 2 * DAY && r.next() < 0.3;
          if (later(r.int(10, 120) * 60_000) < o.now && !waitsAtDesk) h.forward(t);
      let paused = false;
          if (r.next() < 0.08 && t + HOUR < Math.min(h.appointment!, o.now)) {
            h.supplement(later(HOUR));
            paused = true;
            const back = t + r.int(1, 12) * DAY;
            if (r.next() < 0.85 && back < o.now) {
              h.resubmit(back);
              t = back;
              paused = false;
            }
          }
          if (!paused && r.next() < 0.02) safe(() => h.apologize(t + HOUR, h.appointment! + r.int(2, 5) * DAY));
          if (!paused) {
            const roll = r.next();
            const appt = h.appointment!;
            // Resolution around the appointment: mostly early, some on the day, some late.
            const endAt = roll < 0.55 ? t + r.next() * Math.max(HOUR, appt - t - DAY) : roll < 0.85 ? Math.max(t + HOUR, appt - r.int(1, 3) * HOUR) : appt + r.int(1, 10) * DAY;
            const kind = r.next();
            if (endAt > h.events.at(-1)!.at && endAt < o.now) {
              if (kind < 0.03) h.refuseResolution(endAt);
              else if (kind < 0.05) h.withdraw(endAt);
              else if (kind < 0.06) h.stop(endAt);
              else {
                h.resolve(endAt);
                const ret = endAt + r.int(2, 72) * HOUR;
                // Results wait at the desk for a while; none is left uncollected for more than two months.
                if (ret < o.now && (r.next() < 0.9 || ret < o.now - 60 * DAY)) h.returned(ret, r.next() < 0.1 ? 'post' : channel === 'online' ? 'online' : 'desk');
              }
            }
          } else if (r.next() < 0.1 && t + DAY < o.now) h.withdraw(t + DAY);
        }
      }
      const evs = h.done().events;
      const state = fold(evs);
      const def = processOf(p);
      const c = state.clock;
      const cls = c.phase === 'resolved' ? classifyClock(c, { cal: o.cal, policy: o.policy, limit: p.limit })?.outcome ?? null : null;
      const name = `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
      const idNumber = String(r.int(1, 96)).padStart(3, '0') + String(r.int(0, 999_999_999)).padStart(9, '0');
      const d = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      const returned = evs.find((e) => e.type === 'result-returned');
      const hold = state.holder;
      dRows.push([
        id, state.code, p.id, p.versionId, p.code, p.caseCode, p.name, JSON.stringify(p.limit), agency, processes.get(p.code)!.json, channel, state.phase, exchangeStatus(state, def), nationalStatus(state, def),
        state.stepCode, hold?.kind === 'user' ? hold.userId : null, hold?.kind === 'group' ? hold.role : null, hold?.kind === 'group' ? hold.departmentCode : null,
        channel === 'online' && citizens.length ? r.pick(citizens) : null, desk, channel === 'online' ? 'self' : channel === 'direct' ? 'desk' : 'postal',
        JSON.stringify({ kind: 'individual', fullName: name, idNumber }), name, searchKey(name), idNumber, '{}', returned && returned.type === 'result-returned' && returned.how === 'post' ? 'post' : 'desk', null,
        0, d(submitted), d(state.acceptedAt), d(c.countedFrom), d(c.deadline), d(c.appointment), d(c.resolvedAt), d(returned?.at ?? null), state.outcome, cls, JSON.stringify(state), evs.length,
      ]);
      evs.forEach((e, i) => eRows.push([id, i + 1, e.type, d(e.at), e.by && /^[0-9a-f-]{36}$/.test(e.by) ? e.by : null, JSON.stringify(e), d(e.at)]));
      events += evs.length;
      const f = factsOf(evs, fctx);
      if (f.receivedAt !== null) {
        fRows.push([id, agency, p.code, fieldOf.get(p.code)!, active.get(agency) ?? null, channel, d(f.receivedAt), f.end?.kind ?? null, d(f.end?.at ?? null), f.classification, tstzMultirangeText(f.paused), tstzMultirangeText(f.overdue), d(f.postalReturnedAt), evs.length]);
      }
    }
    const client = await pool.connect();
    try {
      await client.query('begin');
      // Bulk loading: a crash loses at most the last batches, which a rerun regenerates.
      await client.query('set local synchronous_commit = off');
      if (superuser) await client.query('set local session_replication_role = replica');
      await insertUnnest(client, 'dossiers', DOSSIER_COLS, dRows, "notify_channels='{in-app}'::text[]");
      await insertUnnest(client, 'dossier_events', EVENT_COLS, eRows);
      await insertUnnest(client, 'dossier_stat_facts', FACT_COLS, fRows);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    } finally {
      client.release();
    }
    const total = done + n;
    if (total % (batch * 20) === 0 || total === o.dossiers) log(`${total.toLocaleString('en')} dossiers, ${events.toLocaleString('en')} events — ${Math.round(total / ((Date.now() - t0) / 1000)).toLocaleString('en')} dossiers/s`);
  }
  return { dossiers: o.dossiers, events };
}
