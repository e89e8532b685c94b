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
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import type { Db } from '../../db/pool.ts';
import { dossiers } from '../../db/schema.ts';
import { WAKE_CHANNEL, type NotificationRow } from '../../notifications/outbox.ts';

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

const NOTIFICATION_INSERT = (source: string, n: number) => `
  insert into notifications (channel, recipient_user_id, recipient_address, template, locale, data, dossier_id, status, last_error, sent_at)
  select x.channel, x.recipient_user_id, x.recipient_address, x.template, x.locale, x.data, x.dossier_id, x.status, x.last_error, x.sent_at
    from ${source}, jsonb_to_recordset($${n}::jsonb) as x(channel text, recipient_user_id uuid, recipient_address text, template text, locale text, data jsonb, dossier_id uuid, status text, last_error text, sent_at timestamptz)`;

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
  'countedFrom', 'deadline', 'appointment', 'resolvedAt', 'outcome', 'state', 'eventCount', 'updatedAt',
] as const satisfies readonly (keyof DossierRow)[];
const S = STATE_KEYS.length;

/*
 * The update only applies if nobody wrote an event since the caller read the row (`event_count`
 * unchanged): under READ COMMITTED a concurrent writer's commit makes the WHERE re-check against the
 * new row, which no longer matches, so the statement writes nothing and the caller decides again on
 * the fresh state. The event, outbox rows and wake-up hang off the updated row, so nothing is
 * written without it. Files are read in the same statement for the answer (its snapshot includes
 * whatever earlier statements of the same transaction wrote).
 */
const ACT = `
  with u as (
    update dossiers set ${STATE_KEYS.map((k, i) => `${COLUMNS[k].name} = $${i + 3}${JSONB.has(k) ? '::jsonb' : ''}`).join(', ')},
           classification = coalesce($${S + 3}, classification),
           returned_at = coalesce($${S + 4}, returned_at),
           form_data = coalesce($${S + 5}::jsonb, form_data)
     where id = $1 and event_count = $2
    returning id, event_count, classification, returned_at
  ), e as (
    insert into dossier_events (dossier_id, seq, type, at, by_user_id, event)
    select u.id, u.event_count, $${S + 6}, $${S + 7}, $${S + 8}, $${S + 9}::jsonb from u
  ), n as (${NOTIFICATION_INSERT('u', S + 10)})
  select u.classification, u.returned_at,
         (select coalesce(json_agg(json_build_object('component_code', f.component_code, 'file_id', f.file_id, 'kind', f.kind, 'added_at', f.created_at, 'superseded_at', f.superseded_at) order by f.id), '[]'::json)
            from dossier_files f where f.dossier_id = u.id) as files_json,
         (select count(*) from (select pg_notify('${WAKE_CHANNEL}', '') where $${S + 11}::boolean) w) as woke
    from u`;

export interface ActionWrite {
  /** The row as read before deciding (the update is guarded by its event count). */
  before: DossierRow;
  columns: Pick<DossierRow, (typeof STATE_KEYS)[number]> & { classification?: string | null };
  returnedAt: Date | null;
  formData: Record<string, unknown> | null;
  event: DossierEvent;
  byUserId: string;
  notifications: NotificationRow[];
}

/** Writes an action's event, state columns and outbox rows; null if the dossier moved on meanwhile. */
export async function writeAction(q: Queryable, w: ActionWrite): Promise<{ row: DossierRow; files: DossierFileView[] } | null> {
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
  ];
  const r = await run(q, 'dossier_act', ACT, params);
  if (!r[0]) return null;
  // The row as written is the row as read plus what we set (the guard proves nobody else wrote in
  // between), so only the columns we did not set outright come back.
  const row: DossierRow = {
    ...w.before,
    ...w.columns,
    classification: r[0].classification as string | null,
    returnedAt: r[0].returned_at as Date | null,
    ...(w.formData ? { formData: w.formData } : {}),
  };
  return { row, files: filesOf(r[0]) };
}

/**
 * Opens the accepting transaction and takes the next number of the agency's day in the same round
 * trip. This is the last lock the acceptance takes and it is held only for the write that follows:
 * concurrent acceptances of one agency queue here, so the shorter the hold, the higher the rate.
 * The literals are an agency code from the dossier row and a date we formatted, both escaped.
 */
export async function beginWithSeq(c: pg.PoolClient, agencyCode: string, receiptDate: string): Promise<number> {
  const r = (await c.query(
    `begin; insert into dossier_code_counters (agency_code, receipt_date, last_seq) values (${c.escapeLiteral(agencyCode)}, ${c.escapeLiteral(receiptDate)}, 1)
       on conflict (agency_code, receipt_date) do update set last_seq = dossier_code_counters.last_seq + 1 returning last_seq`,
  )) as unknown as pg.QueryResult<{ last_seq: number }>[];
  return r[1]!.rows[0]!.last_seq;
}
