/**
 * The dossier lifecycle's hot statements, as named prepared statements on node-postgres.
 *
 * Why not drizzle here: `npm run bench:lifecycle` showed the server CPU-bound with about a quarter
 * of its time spent building query text and another sixth writing many small queries to the
 * socket. A named statement is parsed and planned once per connection; and one data-modifying
 * statement (CTEs) does in one round trip — and one implicit transaction — what took four to six
 * statements inside BEGIN … COMMIT: the dossier row, its event, its files and its outbox rows.
 * Column lists come from the drizzle schema, so a new column cannot be silently forgotten.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { getTableColumns } from 'drizzle-orm';
import { MAX_DOSSIERS_PER_DAY, type DossierEvent } from '@motcua/domain/dossier/index.ts';
import type { Db } from '../../db/pool.ts';
import { dossiers } from '../../db/schema.ts';
import { WAKE_CHANNEL, type NotificationRow, type RecipientSettings } from '../../notifications/outbox.ts';
import { factUpsertCte, type FactDimensions } from '../statistics/facts.ts';

export type DossierRow = typeof dossiers.$inferSelect;
export type DossierFileView = { componentCode: string | null; fileId: string; kind: string; addedAt: Date; supersededAt: Date | null };
type Queryable = pg.Pool | pg.PoolClient;

/** The pool under the drizzle handle: the hot path and drizzle share connections. */
export const poolOf = (db: Db): pg.Pool => (db as unknown as { $client: pg.Pool }).$client;

const COLUMNS = getTableColumns(dossiers);
const KEYS = Object.keys(COLUMNS) as (keyof DossierRow)[];
const JSONB = new Set(KEYS.filter((k) => COLUMNS[k].columnType === 'PgJsonb'));
/** node-postgres would send a JS array as a PostgreSQL array literal; jsonb wants JSON text. */
const param = (k: keyof DossierRow, v: unknown) => (v === undefined ? null : JSONB.has(k) && v !== null ? JSON.stringify(v) : v);

/** A `dossiers` row as node-postgres returns it (timestamps as Date, jsonb parsed) → the drizzle row type. */
export function rowOf(raw: Record<string, unknown>): DossierRow {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) out[k] = raw[COLUMNS[k].name];
  return out as DossierRow;
}

function filesOf(raw: Record<string, unknown>): DossierFileView[] {
  return (raw.files_json as { component_code: string | null; file_id: string; kind: string; added_at: string; superseded_at: string | null }[]).map((f) => ({
    componentCode: f.component_code,
    fileId: f.file_id,
    kind: f.kind,
    addedAt: new Date(f.added_at),
    supersededAt: f.superseded_at ? new Date(f.superseded_at) : null,
  }));
}

async function run(q: Queryable, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  return (await q.query({ name, text, values })).rows;
}

export async function selectDossier(q: Queryable, id: string): Promise<DossierRow | undefined> {
  const r = await run(q, 'dossier_by_id', 'select * from dossiers where id = $1', [id]);
  return r[0] ? rowOf(r[0]) : undefined;
}

/**
 * What an action reads, in one round trip: the dossier; its events so far (for the statistical
 * facts, which are folded from the whole timeline — immutable rows, and the write is guarded by
 * the event count they were read at); the facts' dimensions; and the owner's message settings
 * (channel choices and language, `loadRecipientSettings`).
 */
export async function selectDossierForAction(
  q: Queryable,
  id: string,
): Promise<{ row: DossierRow; events: DossierEvent[]; dims: FactDimensions | null; owner: RecipientSettings } | undefined> {
  const r = await run(
    q,
    'dossier_for_action',
    `select d.*, pv.field_code as x_field_code, coalesce(d.applicant->>'communeCode', a.commune_code) as x_commune_code, a.code is not null as x_agency_found,
            cp.notification_prefs as x_prefs, cp.locale as x_locale,
            (select coalesce(json_agg(e.event order by e.seq), '[]'::json) from dossier_events e where e.dossier_id = d.id) as x_events
       from dossiers d
       left join procedure_versions pv on pv.id = d.procedure_version_id
       left join agencies a on a.code = d.agency_code
       left join citizen_profiles cp on cp.user_id = d.owner_user_id
      where d.id = $1`,
    [id],
  );
  const x = r[0];
  if (!x) return undefined;
  const row = rowOf(x);
  const found = x.x_field_code !== null && x.x_agency_found === true;
  return {
    row,
    events: x.x_events as DossierEvent[],
    dims: found ? { agencyCode: row.agencyCode, procedureCode: row.procedureCode, fieldCode: x.x_field_code as string, communeCode: (x.x_commune_code as string | null) ?? null, channel: row.channel } : null,
    owner: { prefs: (x.x_prefs as RecipientSettings['prefs']) ?? null, locale: x.x_locale === 'en' ? 'en' : 'vi' },
  };
}

export async function selectPriorSubmission(q: Queryable, submittedBy: string, idempotencyKey: string): Promise<DossierRow | undefined> {
  const r = await run(q, 'dossier_by_idempotency_key', 'select * from dossiers where submitted_by = $1 and idempotency_key = $2', [submittedBy, idempotencyKey]);
  return r[0] ? rowOf(r[0]) : undefined;
}

/**
 * Everything a submission reads, in one round trip: an earlier dossier with the same idempotency
 * key, the procedure version in force, and the agency's published process for the case (a
 * case-specific one first, then the procedure's, newest version).
 */
export async function submissionLookup(
  q: Queryable,
  p: { userId: string; idempotencyKey: string | null; procedureCode: string; today: string; agencyCode: string; caseCode: string },
): Promise<{ priorId: string | null; procedureId: string | null; procedureCode: string | null; versionId: string | null; processId: string | null; process: unknown }> {
  const r = await run(
    q,
    'dossier_submission_lookup',
    `select (select id from dossiers where submitted_by = $1 and idempotency_key = $2) as prior_id,
            pv.procedure_id, pv.procedure_code, pv.version_id, pr.id as process_id, pr.definition as process
       from (select 1) one
       left join lateral (
         select p.id as procedure_id, p.code as procedure_code, v.id as version_id
           from procedure_versions v join procedures p on p.id = v.procedure_id
          where p.code = $3 and v.status = 'published' and v.effective_from <= $4::date and (v.effective_to is null or v.effective_to >= $4::date)
          limit 1) pv on true
       left join lateral (
         select id, definition from processes
          where agency_code = $5 and procedure_code = $3 and case_code in ($6, '') and status = 'published'
          order by case_code = '' asc, version desc
          limit 1) pr on true`,
    [p.userId, p.idempotencyKey, p.procedureCode, p.today, p.agencyCode, p.caseCode],
  );
  const x = r[0]!;
  return {
    priorId: x.prior_id as string | null,
    procedureId: x.procedure_id as string | null,
    procedureCode: x.procedure_code as string | null,
    versionId: x.version_id as string | null,
    processId: x.process_id as string | null,
    process: x.process,
  };
}

// ── Outbox rows inside the statement ──────────────────────────────────────────────────────────

const NOTIFICATION_INSERT = (source: string, n: number | string) => `
  insert into notifications (channel, recipient_user_id, recipient_address, template, locale, data, dossier_id, status, last_error, sent_at)
  select x.channel, x.recipient_user_id, x.recipient_address, x.template, x.locale, x.data, x.dossier_id, x.status, x.last_error, x.sent_at
    from ${source}, jsonb_to_recordset(${typeof n === 'number' ? `$${n}::jsonb` : n}) as x(channel text, recipient_user_id uuid, recipient_address text, template text, locale text, data jsonb, dossier_id uuid, status text, last_error text, sent_at timestamptz)`;

function notificationParams(rows: NotificationRow[]): [string, boolean] {
  const json = rows.map((r) => ({
    channel: r.channel,
    recipient_user_id: r.recipientUserId ?? null,
    recipient_address: r.recipientAddress ?? null,
    template: r.template,
    locale: r.locale ?? 'vi',
    data: r.data,
    dossier_id: r.dossierId ?? null,
    status: r.status ?? 'pending',
    last_error: r.lastError ?? null,
    sent_at: r.sentAt ?? null,
  }));
  // Wake the delivery workers at commit (NOTIFY is dropped on rollback) only when there is work.
  return [JSON.stringify(json), json.some((r) => r.status === 'pending')];
}

// ── Submission: one statement ─────────────────────────────────────────────────────────────────

export interface NewDossier {
  values: Omit<DossierRow, 'id' | 'createdAt' | 'classification' | 'returnedAt'> & { classification?: string | null };
  event: DossierEvent;
  byUserId: string;
  draft: { id: string; ownerUserId: string } | null;
  files: { componentCode: string; fileId: string }[];
  notifications: (dossierId: string) => NotificationRow[];
}

const INSERT_KEYS = KEYS.filter((k) => k !== 'createdAt' && k !== 'returnedAt');
const N = INSERT_KEYS.length;
const SUBMIT = `
  with d as (
    insert into dossiers (${INSERT_KEYS.map((k) => COLUMNS[k].name).join(', ')})
    values (${INSERT_KEYS.map((k, i) => `$${i + 1}${JSONB.has(k) ? '::jsonb' : ''}`).join(', ')})
    returning id, created_at
  ), e as (
    insert into dossier_events (dossier_id, seq, type, at, by_user_id, event)
    select d.id, 1, $${N + 1}, $${N + 2}, $${N + 3}, $${N + 4}::jsonb from d
  ), draft as (
    -- The draft goes with the submission: never a dossier and its draft both.
    delete from dossier_drafts where id = $${N + 5}::uuid and owner_user_id = $${N + 6}::uuid
  ), f as (
    insert into dossier_files (dossier_id, component_code, kind, file_id, added_by)
    select d.id, x.component_code, 'attachment', x.file_id, $${N + 3} from d, jsonb_to_recordset($${N + 7}::jsonb) as x(component_code text, file_id uuid)
    returning component_code, file_id, kind, created_at as added_at, superseded_at
  ), n as (${NOTIFICATION_INSERT('d', N + 8)})
  select d.created_at,
         (select coalesce(json_agg(f), '[]'::json) from f) as files_json,
         (select count(*) from (select pg_notify('${WAKE_CHANNEL}', '') where $${N + 9}::boolean) w) as woke
    from d`;

/** Inserts the dossier with its first event, files, draft removal and outbox rows, atomically. */
export async function insertSubmission(q: Queryable, x: NewDossier): Promise<{ row: DossierRow; files: DossierFileView[] }> {
  const id = randomUUID();
  const values = { ...x.values, id } as Record<string, unknown>;
  const [notes, wake] = notificationParams(x.notifications(id));
  const params = [
    ...INSERT_KEYS.map((k) => param(k, values[k])),
    x.event.type,
    new Date(x.event.at),
    x.byUserId,
    JSON.stringify(x.event),
    x.draft?.id ?? null,
    x.draft?.ownerUserId ?? null,
    JSON.stringify(x.files.map((f) => ({ component_code: f.componentCode, file_id: f.fileId }))),
    notes,
    wake,
  ];
  const r = await run(q, 'dossier_submit', SUBMIT, params);
  // Every column but created_at is what we sent: answering from it spares PostgreSQL sending back,
  // and us parsing, the row's JSON documents.
  return { row: { ...x.values, id, createdAt: r[0]!.created_at as Date, returnedAt: null, classification: x.values.classification ?? null } as DossierRow, files: filesOf(r[0]!) };
}

// ── Action: one statement, guarded by the event count ─────────────────────────────────────────

/** The state-derived columns written with every event (see stateColumns in service.ts). */
export const STATE_KEYS = [
  'phase', 'exchangeStatus', 'nationalStatus', 'stepCode', 'holderUserId', 'holderRole', 'holderDepartment', 'code', 'acceptedAt',
  'countedFrom', 'deadline', 'appointment', 'resolvedAt', 'outcome', 'feesPaid', 'state', 'eventCount', 'updatedAt',
] as const satisfies readonly (keyof DossierRow)[];
const S = STATE_KEYS.length;

/** Stands for the dossier code in an acceptance's JSON until the statement has allocated it. */
const CODE_TOKEN = `MOTCUACODE${randomUUID().replace(/-/g, '')}`;
const F = S + 12; // the facts' 14 parameters (statistics/facts.ts factParams)

/*
 * The update only applies if nobody wrote an event since the caller read the row (`event_count`
 * unchanged): under READ COMMITTED a concurrent writer's commit makes the WHERE re-check against the
 * new row, which no longer matches, so the statement writes nothing and the caller decides again on
 * the fresh state. The event, outbox rows, statistical facts and wake-up hang off the updated row,
 * so nothing is written without it; and being one statement, outside BEGIN … COMMIT it is one
 * implicit transaction: one round trip for the whole action. Files are read in the same statement
 * for the answer (its snapshot includes whatever earlier statements of the same transaction wrote).
 *
 * An acceptance also allocates the dossier code in the same statement: `g` locks the dossier row if
 * the guard still holds (a row lock re-checks the guard on the newest version), and only then is
 * the agency-day counter row incremented (`c`) — so a dossier that moved on takes no number and the
 * sequence stays gap-free; the counter lock is taken last and held until this statement commits.
 * The code appears inside the state, the event and the outbox data, which the server serialised
 * with CODE_TOKEN (random per process, letters and digits only, so JSON leaves it as is) in its
 * place; the statement substitutes the allocated code. A full day (9999 codes) increments nothing,
 * writes nothing and answers `held` without a row.
 */
function actText(accept: boolean): string {
  const tok = `'${CODE_TOKEN}'`;
  const set = STATE_KEYS.map((k, i) => {
    const p = `$${i + 3}`;
    if (accept && k === 'code') return `code = coalesce(k.code, ${p})`;
    if (accept && JSONB.has(k)) return `${COLUMNS[k].name} = replace(${p}::text, ${tok}, k.code)::jsonb`;
    return `${COLUMNS[k].name} = ${p}${JSONB.has(k) ? '::jsonb' : ''}`;
  }).join(', ');
  return `
  with ${accept ? `g as (
    select id from dossiers where id = $1 and event_count = $2 for update
  ), c as (
    insert into dossier_code_counters (agency_code, receipt_date, last_seq)
    select $${F + 14}::text, $${F + 15}::date, 1 from g
    on conflict (agency_code, receipt_date) do update set last_seq = dossier_code_counters.last_seq + 1
      where dossier_code_counters.last_seq < ${MAX_DOSSIERS_PER_DAY}
    returning last_seq
  ), k as (
    select $${F + 16}::text || lpad(last_seq::text, 4, '0') as code from c
  ), ` : ''}u as (
    update dossiers set ${set},
           classification = coalesce($${S + 3}, classification),
           returned_at = coalesce($${S + 4}, returned_at),
           form_data = coalesce($${S + 5}::jsonb, form_data)
     ${accept ? 'from k ' : ''}where dossiers.id = $1 and dossiers.event_count = $2
    returning dossiers.id, dossiers.event_count, dossiers.classification, dossiers.returned_at, ${accept ? 'k.code' : 'null::text as code'}
  ), e as (
    insert into dossier_events (dossier_id, seq, type, at, by_user_id, event)
    select u.id, u.event_count, $${S + 6}, $${S + 7}, $${S + 8}, ${accept ? `replace($${S + 9}::text, ${tok}, u.code)::jsonb` : `$${S + 9}::jsonb`} from u
  ), n as (${NOTIFICATION_INSERT('u', accept ? `replace($${S + 10}::text, ${tok}, u.code)::jsonb` : S + 10)}
  ), sf as (${factUpsertCte('u', F)}
  )
  select u.id as written, u.classification, u.returned_at, u.code,
         ${accept ? '(select count(*) from g)::int' : '1'} as held,
         (select coalesce(json_agg(json_build_object('component_code', f.component_code, 'file_id', f.file_id, 'kind', f.kind, 'added_at', f.created_at, 'superseded_at', f.superseded_at) order by f.id), '[]'::json)
            from dossier_files f where f.dossier_id = u.id) as files_json,
         (select count(*) from (select pg_notify('${WAKE_CHANNEL}', '') where $${S + 11}::boolean and u.id is not null) w) as woke
    from ${accept ? '(select 1) one left join u on true' : 'u'}`;
}
const ACT = actText(false);
const ACT_ACCEPT = actText(true);

export interface ActionWrite {
  /** The row as read before deciding (the update is guarded by its event count). */
  before: DossierRow;
  columns: Pick<DossierRow, (typeof STATE_KEYS)[number]> & { classification?: string | null };
  returnedAt: Date | null;
  formData: Record<string, unknown> | null;
  event: DossierEvent;
  byUserId: string;
  notifications: NotificationRow[];
  /** The dossier's statistical facts after the event (statistics/facts.ts factParams). */
  facts: unknown[];
  /** An acceptance: the code is allocated in the statement (agency, receipt day as YYYY-MM-DD, code prefix). */
  accept?: { agencyCode: string; receiptDate: string; prefix: string };
}

/** The JSON placeholder for the code an acceptance's statement allocates (see actText). */
export const PENDING_CODE = CODE_TOKEN;

export type ActionWritten = { row: DossierRow; files: DossierFileView[]; code: string | null };

/**
 * Writes an action's event, state columns, outbox rows and statistical facts in one statement;
 * null if the dossier moved on meanwhile; 'day-full' if an acceptance found no code left for the day.
 */
export async function writeAction(q: Queryable, w: ActionWrite): Promise<ActionWritten | null | 'day-full'> {
  const [notes, wake] = notificationParams(w.notifications);
  const params = [
    w.before.id,
    w.before.eventCount,
    ...STATE_KEYS.map((k) => param(k, w.columns[k])),
    w.columns.classification ?? null,
    w.returnedAt,
    w.formData === null ? null : JSON.stringify(w.formData),
    w.event.type,
    new Date(w.event.at),
    w.byUserId,
    JSON.stringify(w.event),
    notes,
    wake,
    ...w.facts,
    ...(w.accept ? [w.accept.agencyCode, w.accept.receiptDate, w.accept.prefix] : []),
  ];
  const r = await run(q, w.accept ? 'dossier_act_accept' : 'dossier_act', w.accept ? ACT_ACCEPT : ACT, params);
  if (!r[0] || !r[0].written) return r[0]?.held ? 'day-full' : null;
  const code = r[0].code as string | null;
  // The row as written is the row as read plus what we set (the guard proves nobody else wrote in
  // between), so only the columns we did not set outright come back.
  const row: DossierRow = {
    ...w.before,
    ...w.columns,
    ...(code ? { code, state: { ...w.columns.state, code } } : {}),
    classification: r[0].classification as string | null,
    returnedAt: r[0].returned_at as Date | null,
    ...(w.formData ? { formData: w.formData } : {}),
  };
  return { row, files: filesOf(r[0]), code };
}
