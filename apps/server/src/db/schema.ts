import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProcedureContent, TimeLimit, VersionStatus } from '@motcua/domain';
import type { DossierEvent, DossierState, ProcessDefinition } from '@motcua/domain/dossier/index.ts';
import type { DossierApplicant } from '@motcua/domain/dossier/submission.ts';
import type { DayOverride, DeadlinePolicy, HolidayRules, OfficialScheduleYear, WeeklySessions, WorkingSession } from '@motcua/domain/calendar/index.ts';

/**
 * The one schema. Migrations are generated from it by drizzle-kit (`npm run db:generate-migration`)
 * and reviewed before commit. Columns are snake_case in SQL and camelCase in TypeScript.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

// ── Organisation (SPEC §2) ────────────────────────────────────────────────────────────────────

export const agencyLevels = pgTable('agency_levels', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  rank: integer('rank').notNull(),
});

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    level: text('level').notNull().references(() => agencyLevels.code),
    parentCode: text('parent_code'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    hotline: text('hotline'),
    communeCode: text('commune_code'),
    /** active | merged | dissolved: merged agencies keep their rows so history stays whole */
    status: text('status').notNull().default('active'),
    successorCode: text('successor_code'),
    searchKey: text('search_key').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('agencies_parent_idx').on(t.parentCode)],
);

/** Renames, merges and edits of an agency, for history and for statistics roll-ups. */
export const agencyHistory = pgTable(
  'agency_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyCode: text('agency_code').notNull(),
    kind: text('kind').notNull(), // created | updated | renamed | merged | moved
    effectiveDate: date('effective_date').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    note: text('note'),
    actorId: uuid('actor_id'),
    at: createdAt(),
  },
  (t) => [index('agency_history_agency_idx').on(t.agencyCode)],
);

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_agency_code_uq').on(t.agencyCode, t.code)],
);

// ── Accounts (SPEC §3) ────────────────────────────────────────────────────────────────────────

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** officer | citizen | machine */
    kind: text('kind').notNull(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** Số định danh cá nhân (CCCD); masked wherever it is not needed */
    idNumber: text('id_number'),
    dateOfBirth: date('date_of_birth'),
    address: text('address'),
    /** Mã số thuế for organisation accounts */
    taxCode: text('tax_code'),
    organisationName: text('organisation_name'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    searchKey: text('search_key').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_email_idx').on(sql`lower(${t.email})`)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    departmentCode: text('department_code'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.agencyCode] }), index('user_roles_agency_idx').on(t.agencyCode)],
);

/** Server-side sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Append-only, hash-chained audit log [SPEC §18]: each row's hash covers the previous row's hash,
 * so deleting or editing a row breaks the chain from there on (verified by `verifyAuditChain`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    data: jsonb('data'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_actor_idx').on(t.actorId)],
);

// ── Catalogue (SPEC §2) ───────────────────────────────────────────────────────────────────────

export const fields = pgTable('fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  sector: text('sector').notNull(),
  sectorEn: text('sector_en'),
});

export const procedures = pgTable('procedures', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  codeIsOfficial: boolean('code_is_official').notNull(),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Versions of a procedure. `content` is the whole ProcedureContent; the columns beside it are
 * copies of what search and filters need, written from `content` in the same statement, never
 * edited on their own. Published versions are never updated except to close their period.
 */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id').notNull().references(() => procedures.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<VersionStatus>().notNull(),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    content: jsonb('content').$type<ProcedureContent>().notNull(),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    fieldCode: text('field_code').notNull(),
    level: text('level').notNull(),
    onlineLevel: text('online_level').notNull(),
    agencyCodes: text('agency_codes').array().notNull(),
    timeLimit: jsonb('time_limit').$type<TimeLimit>().notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
  },
  (t) => [
    uniqueIndex('procedure_versions_uq').on(t.procedureId, t.version),
    index('procedure_versions_search_trgm').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    index('procedure_versions_agencies_gin').using('gin', t.agencyCodes),
    index('procedure_versions_in_force_idx').on(t.status, t.effectiveFrom, t.effectiveTo),
  ],
);

// ── Working calendar (SPEC §8) ────────────────────────────────────────────────────────────────

/**
 * The province's calendar settings: one row (id = 1). `revision` increases with every calendar
 * change in the same transaction, so every server instance knows when to recompile its cache.
 */
export const calendarSettings = pgTable('calendar_settings', {
  id: integer('id').primaryKey().default(1),
  week: jsonb('week').$type<WeeklySessions>().notNull(),
  makeupSessions: jsonb('makeup_sessions').$type<WorkingSession[]>().notNull(),
  dayMinutes: integer('day_minutes'),
  holidays: jsonb('holidays').$type<HolidayRules>().notNull(),
  policy: jsonb('policy').$type<DeadlinePolicy>().notNull(),
  revision: integer('revision').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** An official yearly schedule imported by the administrator; replaces the one shipped for that year. */
export const calendarOfficialYears = pgTable('calendar_official_years', {
  year: integer('year').primaryKey(),
  data: jsonb('data').$type<OfficialScheduleYear>().notNull(),
  importedAt: createdAt(),
  importedBy: uuid('imported_by'),
});

/** The administrator's decision about one day, province-wide; wins over every other source. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date').primaryKey(),
  kind: text('kind').$type<DayOverride['kind']>().notNull(),
  label: text('label').notNull(),
  labelEn: text('label_en'),
  sessions: jsonb('sessions').$type<WorkingSession[]>(),
  note: text('note'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

/** An agency's own working sessions (an agency may keep other hours than the province). */
export const agencyCalendars = pgTable('agency_calendars', {
  agencyCode: text('agency_code').primaryKey().references(() => agencies.code, { onUpdate: 'cascade' }),
  week: jsonb('week').$type<WeeklySessions>().notNull(),
  makeupSessions: jsonb('makeup_sessions').$type<WorkingSession[]>().notNull(),
  note: text('note'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

// ── Files (attachments, scans, results) ───────────────────────────────────────────────────────

/**
 * Stored files. Content lives in the file store (a local directory, or S3-compatible storage);
 * the row keeps what the law and the checks need: type sniffed from the bytes, size, SHA-256.
 * A file row is written in the same transaction as whatever refers to it.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull().unique(),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    ownerUserId: uuid('owner_user_id'),
    /** who uploaded: a citizen, an officer (scan at the desk), or the system (generated slip) */
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('files_owner_idx').on(t.ownerUserId), index('files_sha_idx').on(t.sha256)],
);

// ── Notifications (SPEC §11) ──────────────────────────────────────────────────────────────────

/**
 * Outbox: a notification is inserted in the same transaction as the action that causes it, and
 * delivered afterwards by a worker with retries, so a failing mail server never blocks an action
 * and no committed action loses its notification.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** in-app | email | sms */
    channel: text('channel').notNull(),
    recipientUserId: uuid('recipient_user_id'),
    recipientAddress: text('recipient_address'),
    template: text('template').notNull(),
    locale: text('locale').notNull().default('vi'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    dossierId: uuid('dossier_id'),
    /** pending | sent | failed (gave up) | read (in-app) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('notifications_recipient_idx').on(t.recipientUserId, t.createdAt),
    index('notifications_dossier_idx').on(t.dossierId),
  ],
);

/** Every delivery attempt, for the delivery log an operator reads when a citizen says "I got nothing". */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: uuid('notification_id').notNull().references(() => notifications.id, { onDelete: 'cascade' }),
    at: createdAt(),
    ok: boolean('ok').notNull(),
    detail: text('detail'),
  },
  (t) => [index('notification_attempts_n_idx').on(t.notificationId)],
);

/** Editable message templates (Vietnamese and English) per event. Missing rows fall back to the built-in texts. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    key: text('key').notNull(),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.key, t.channel, t.locale] })],
);

// ── Electronic processes and dossiers (SPEC §4–§9) ────────────────────────────────────────────

/** Quy trình điện tử per agency and procedure (optionally per case), versioned; published versions never change. */
export const processes = pgTable(
  'processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    procedureCode: text('procedure_code').notNull(),
    /** '' = every case of the procedure */
    caseCode: text('case_code').notNull().default(''),
    version: integer('version').notNull(),
    status: text('status').$type<'draft' | 'published' | 'retired'>().notNull(),
    definition: jsonb('definition').$type<ProcessDefinition>().notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
  },
  (t) => [uniqueIndex('processes_version_uq').on(t.agencyCode, t.procedureCode, t.caseCode, t.version)],
);

/**
 * Daily sequence per receiving agency for dossier codes. Allocated with one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING inside the accepting transaction: the row lock
 * serialises concurrent acceptances, and a rolled-back acceptance gives its number back.
 */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    agencyCode: text('agency_code').notNull(),
    receiptDate: date('receipt_date').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.receiptDate] })],
);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').unique(),
    procedureId: uuid('procedure_id').notNull().references(() => procedures.id),
    procedureVersionId: uuid('procedure_version_id').notNull().references(() => procedureVersions.id),
    procedureCode: text('procedure_code').notNull(),
    caseCode: text('case_code').notNull(),
    /** Fixed by the procedure version the dossier was submitted under; kept here so lists never read the version. */
    procedureName: text('procedure_name').notNull(),
    timeLimit: jsonb('time_limit').$type<TimeLimit>().notNull(),
    /** The receiving and processing agency; its identifier prefixes the code. */
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    processId: uuid('process_id'),
    /** The process as it was when the dossier started: later versions never change it. */
    process: jsonb('process').$type<ProcessDefinition>().notNull(),
    channel: text('channel').$type<'direct' | 'online' | 'postal'>().notNull(),
    phase: text('phase').$type<DossierState['phase']>().notNull(),
    exchangeStatus: text('exchange_status').notNull(),
    nationalStatus: integer('national_status').notNull(),
    stepCode: text('step_code'),
    holderUserId: uuid('holder_user_id'),
    holderRole: text('holder_role'),
    holderDepartment: text('holder_department'),
    /** The citizen account that owns it (null for a paper dossier of someone without an account). */
    ownerUserId: uuid('owner_user_id'),
    /** Who entered it: the citizen, a desk officer, postal staff. */
    submittedBy: uuid('submitted_by').notNull(),
    submitterKind: text('submitter_kind').$type<'self' | 'proxy' | 'postal' | 'desk'>().notNull(),
    applicant: jsonb('applicant').$type<DossierApplicant>().notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantKey: text('applicant_key').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    formData: jsonb('form_data').$type<Record<string, unknown>>().notNull(),
    resultChannel: text('result_channel').notNull(),
    resultAddress: text('result_address'),
    notifyChannels: text('notify_channels').array().notNull(),
    feesDue: integer('fees_due').notNull().default(0),
    feesPaid: integer('fees_paid').notNull().default(0),
    submittedAt: ts('submitted_at').notNull(),
    acceptedAt: ts('accepted_at'),
    countedFrom: ts('counted_from'),
    deadline: ts('deadline'),
    appointment: ts('appointment'),
    resolvedAt: ts('resolved_at'),
    returnedAt: ts('returned_at'),
    outcome: text('outcome'),
    /** early | on-time | late, once resolved */
    classification: text('classification'),
    state: jsonb('state').$type<DossierState>().notNull(),
    eventCount: integer('event_count').notNull(),
    idempotencyKey: text('idempotency_key'),
    backfilled: boolean('backfilled').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_idempotency_uq').on(t.submittedBy, t.idempotencyKey),
    index('dossiers_holder_user_idx').on(t.holderUserId).where(sql`${t.holderUserId} is not null`),
    index('dossiers_group_idx').on(t.agencyCode, t.holderRole, t.holderDepartment).where(sql`${t.holderRole} is not null`),
    index('dossiers_agency_phase_idx').on(t.agencyCode, t.phase, t.appointment),
    index('dossiers_owner_idx').on(t.ownerUserId, t.submittedAt),
    index('dossiers_applicant_id_idx').on(t.applicantIdNumber),
    // Work lists (open dossiers only, a small share of millions): partial indexes ordered by deadline.
    index('dossiers_open_holder_idx').on(t.holderUserId, t.deadline).where(sql`${t.phase} in ('processing', 'result-ready') and ${t.holderUserId} is not null`),
    index('dossiers_open_group_idx').on(t.agencyCode, t.holderRole, t.deadline).where(sql`${t.phase} in ('processing', 'result-ready') and ${t.holderRole} is not null`),
    index('dossiers_open_agency_idx').on(t.agencyCode, t.phase, t.deadline).where(sql`${t.phase} in ('submitted', 'incomplete', 'processing', 'result-ready')`),
  ],
);

/** The immutable timeline: one row per event, in order; `at` is the real instant, `recordedAt` when it was written. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    byUserId: uuid('by_user_id'),
    event: jsonb('event').$type<DossierEvent>().notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossier_events_seq_uq').on(t.dossierId, t.seq),
    // The public list of apology letters [002 Art. 11]: a handful among millions of events.
    index('dossier_events_apology_idx').on(t.at).where(sql`${t.type} = 'apologized'`),
  ],
);

/** Files of a dossier per component; a supplement supersedes a file but keeps it in the history. */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    componentCode: text('component_code'),
    // 'draft': a drafted result (dự thảo) attached by forward/approve; readable by the agency's officers only. Plain text: no migration.
    kind: text('kind').$type<'attachment' | 'scan' | 'result' | 'slip' | 'draft'>().notNull(),
    fileId: uuid('file_id').notNull().references(() => files.id),
    addedAt: createdAt(),
    addedBy: uuid('added_by'),
    supersededAt: ts('superseded_at'),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId), index('dossier_files_file_idx').on(t.fileId)],
);

/** Drafts of a submission (hồ sơ lưu nháp): resumable on any device, removed when submitted. */
export const dossierDrafts = pgTable(
  'dossier_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    procedureCode: text('procedure_code').notNull(),
    title: text('title').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('dossier_drafts_owner_idx').on(t.ownerUserId, t.updatedAt)],
);

// ── Statistics (SPEC §8, §15; 002 Art. 14, 17) ───────────────────────────────────────────────

/** `2026-01-13 10:00:00+07` (PostgreSQL's text output) → epoch ms. */
const pgInstant = (s: string) => Date.parse(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));

/** (lo, hi] intervals of epoch ms → PostgreSQL tstzmultirange text (an open end is written `(lo,)`). */
export function tstzMultirangeText(list: readonly (readonly [number, number | null])[]): string {
  return `{${list.map(([lo, hi]) => (hi === null ? `("${new Date(lo).toISOString()}",)` : `("${new Date(lo).toISOString()}","${new Date(hi).toISOString()}"]`)).join(',')}}`;
}

const tstzMultirange = customType<{ data: readonly (readonly [number, number | null])[]; driverData: string }>({
  dataType: () => 'tstzmultirange',
  toDriver: tstzMultirangeText,
  fromDriver: (text) =>
    [...text.matchAll(/[[(]"?([^",\])]*)"?,"?([^",\])]*)"?[\])]/g)].map(([, lo, hi]) => [pgInstant(lo!), hi ? pgInstant(hi) : null] as const),
});

/**
 * One row per dossier: what statistics need, folded from its events (packages/domain statistics
 * `factsOf`) and rewritten in the transaction that appends an event, so a report reads one narrow
 * row per dossier and never replays timelines. `GET /api/v1/statistics/reconcile` recomputes the
 * figures from the raw events and compares.
 */
export const dossierStatFacts = pgTable(
  'dossier_stat_facts',
  {
    dossierId: uuid('dossier_id').primaryKey().references(() => dossiers.id),
    /** The receiving (lead) agency: an inter-agency dossier is counted once, here. */
    agencyCode: text('agency_code').notNull(),
    procedureCode: text('procedure_code').notNull(),
    fieldCode: text('field_code').notNull(),
    communeCode: text('commune_code'),
    channel: text('channel').notNull(),
    receivedAt: ts('received_at'),
    /** resolved | refused | withdrawn | stopped */
    endKind: text('end_kind'),
    endAt: ts('end_at'),
    classification: text('classification'),
    paused: tstzMultirange('paused').notNull(),
    overdue: tstzMultirange('overdue').notNull(),
    postalReturnedAt: ts('postal_returned_at'),
    /** Events folded: a row behind its dossier's event count is stale. */
    eventCount: integer('event_count').notNull(),
  },
  (t) => [
    // A period [from, to) needs the dossiers received before `to` and not ended before `from`.
    index('dossier_stat_facts_span_idx').on(sql`coalesce(${t.endAt}, 'infinity'::timestamptz)`, t.receivedAt),
    index('dossier_stat_facts_postal_idx').on(t.postalReturnedAt).where(sql`${t.postalReturnedAt} is not null`),
    // dossier_stat_facts_open_idx (migration 0012, a GiST expression index with INCLUDE columns that
    // drizzle cannot declare): the dossiers open at an instant, for the report's two ends (statistics/days.ts).
  ],
);

/** The dimensions and sums of the day and month tables (fresh builders for each table). */
const statSumColumns = () => ({
  agencyCode: text('agency_code').notNull(),
  procedureCode: text('procedure_code').notNull(),
  fieldCode: text('field_code').notNull(),
  /** '' when the dossier has no commune (the report's commune key does the same). */
  communeCode: text('commune_code').notNull(),
  channel: text('channel').notNull(),
  received: integer('received').notNull().default(0),
  early: integer('early').notNull().default(0),
  onTime: integer('on_time').notNull().default(0),
  late: integer('late').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  withdrawn: integer('withdrawn').notNull().default(0),
  stopped: integer('stopped').notNull().default(0),
  postalReturned: integer('postal_returned').notNull().default(0),
});

/**
 * The statistical facts summed per local day (Vietnam time) and dimension: dossiers received that
 * day, ended that day by ending (resolved early / on time / late, refused, withdrawn, stopped) and
 * returned by post that day. Kept by statement triggers on `dossier_stat_facts` (migration 0012)
 * in the writing transaction, so it is never behind the facts; a report over whole days sums these
 * rows instead of scanning every dossier of the period (statistics/days.ts).
 */
export const dossierStatDays = pgTable(
  'dossier_stat_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    ...statSumColumns(),
  },
  (t) => [primaryKey({ columns: [t.day, t.agencyCode, t.procedureCode, t.fieldCode, t.communeCode, t.channel] })],
);

/**
 * The same sums per month (`month` = its first day), kept by the same trigger: a report's whole
 * months read these (a few thousand rows a month whatever the volume), its partial months at
 * either end read `dossier_stat_days`.
 */
export const dossierStatMonths = pgTable(
  'dossier_stat_months',
  {
    month: date('month', { mode: 'string' }).notNull(),
    ...statSumColumns(),
  },
  (t) => [primaryKey({ columns: [t.month, t.agencyCode, t.procedureCode, t.fieldCode, t.communeCode, t.channel] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Periodic reports (báo cáo định kỳ: quarter 2026-Q3, half year 2026-H1, year 2026) generated
 * once their period has closed and kept as they were [004 Art. 24.9]: the figures (the report
 * grouped by agency, as `GET /api/v1/statistics` answers it) and the Excel and PDF files, all in
 * one row written in one transaction. One report per period and scope: retries and several
 * servers never make a second one.
 */
export const statisticsReports = pgTable(
  'statistics_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** quarter | half | year */
    kind: text('kind').$type<'quarter' | 'half' | 'year'>().notNull(),
    periodKey: text('period_key').notNull(),
    fromDate: date('from_date').notNull(),
    /** The day after the period (excluded). */
    toDate: date('to_date').notNull(),
    /** The agency whose subtree is counted: the province root for the province's report. */
    scopeCode: text('scope_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    generatedAt: ts('generated_at').notNull().defaultNow(),
    /** null: by the schedule; else the system administrator who asked for it. */
    generatedBy: uuid('generated_by'),
    figures: jsonb('figures').notNull(),
    xlsx: bytea('xlsx').notNull(),
    pdf: bytea('pdf').notNull(),
  },
  (t) => [
    uniqueIndex('statistics_reports_period_scope_uq').on(t.kind, t.periodKey, t.scopeCode),
    index('statistics_reports_scope_idx').on(t.scopeCode, t.fromDate),
  ],
);


// ── Documents (SPEC §10): administrators' wording of the slips, agencies' signing certificates ──

/** An override of a form's title and body for a province or agency scope; the nearest scope wins. */
export const slipTemplates = pgTable(
  'slip_templates',
  {
    scopeCode: text('scope_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    /** `<ruleSet>/<kind>`, e.g. tt03-2025/receipt */
    formKey: text('form_key').notNull(),
    title: text('title').notNull(),
    paragraphs: jsonb('paragraphs').$type<string[]>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scopeCode, t.formKey] })],
);

/** An agency's PKCS#12 (file and passphrase sealed with DOCUMENT_SIGNING_KEY, AES-256-GCM). */
export const signingCertificates = pgTable('signing_certificates', {
  agencyCode: text('agency_code').primaryKey().references(() => agencies.code, { onUpdate: 'cascade' }),
  p12Sealed: text('p12_sealed').notNull(),
  passphraseSealed: text('passphrase_sealed').notNull(),
  subject: text('subject').notNull(),
  issuer: text('issuer').notNull(),
  notBefore: ts('not_before').notNull(),
  notAfter: ts('not_after').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});


// ── Citizen accounts, personal document store, ratings (SPEC §3, §13, §16) ───────────────────

/**
 * What a self-registered citizen account adds to `users`: its type, the verification of its
 * e-mail and phone, the address by administrative unit, and the notification choices. Accounts
 * made otherwise (by an administrator, the demo) have no row and count as verified.
 */
export const citizenProfiles = pgTable('citizen_profiles', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  accountType: text('account_type').$type<'individual' | 'organisation'>().notNull(),
  emailVerifiedAt: ts('email_verified_at'),
  phoneVerifiedAt: ts('phone_verified_at'),
  provinceCode: text('province_code'),
  communeCode: text('commune_code'),
  locale: text('locale').notNull().default('vi'),
  /** NotificationPreferences; null = everything on */
  notificationPrefs: jsonb('notification_prefs').$type<Record<string, { email: boolean; sms: boolean }>>(),
  createdAt: createdAt(),
});

/**
 * One-time codes: e-mail and phone verification, password reset. Only the SHA-256 of the code is
 * kept; a code dies when used, expired, or after too many wrong tries; issuing a new one for the
 * same purpose replaces the old.
 */
export const accountCodes = pgTable(
  'account_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'verify-email' | 'verify-phone' | 'password-reset'>().notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('account_codes_user_purpose_uq').on(t.userId, t.purpose)],
);

/** The account's own uploads in its document store (issued results are added at query time). */
export const personalDocuments = pgTable(
  'personal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').notNull().unique().references(() => files.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('personal_documents_owner_idx').on(t.ownerUserId, t.createdAt)],
);

/**
 * Satisfaction ratings, one per dossier code [002 Art. 12.1]. Who answered is not stored for
 * portal and device ratings beyond the dossier itself; `enteredBy` is the officer who typed a
 * paper form, kept for the audit, never shown with the answers.
 */
export const dossierRatings = pgTable('dossier_ratings', {
  id: uuid('id').primaryKey().defaultRandom(),
  dossierId: uuid('dossier_id').notNull().unique().references(() => dossiers.id),
  agencyCode: text('agency_code').notNull(),
  source: text('source').$type<'portal' | 'device' | 'paper'>().notNull(),
  overall: text('overall').notNull(),
  convenience: text('convenience').notNull(),
  timeliness: text('timeliness').notNull(),
  attitude: text('attitude').notNull(),
  comment: text('comment'),
  enteredBy: uuid('entered_by'),
  createdAt: createdAt(),
});


// ── Withdrawal requests (văn bản đề nghị rút hồ sơ) ─────────────────────────────────────────
/**
 * The applicant's written request to withdraw a dossier, with the reason [003 Art. 19.2.c]. The
 * desk records the withdrawal itself (the lifecycle's `withdraw`) on the strength of it; one
 * request per dossier.
 */
export const dossierWithdrawalRequests = pgTable('dossier_withdrawal_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  dossierId: uuid('dossier_id')
    .notNull()
    .unique('dossier_withdrawal_requests_dossier_uq')
    .references(() => dossiers.id, { onDelete: 'cascade' }),
  requestedBy: uuid('requested_by')
    .notNull()
    .references(() => users.id),
  reason: text('reason').notNull(),
  requestedAt: createdAt(),
});


// ── Queue tickets (xếp hàng lấy số) at the one-stop desk [SPEC §5 "Desk devices"; Decree 61/2018 Art. 13.2.b] ──

/** A service group of an agency's desk (e.g. "A — Tư pháp, hộ tịch"): its own number sequence. */
export const queueGroups = pgTable(
  'queue_groups',
  {
    agencyCode: text('agency_code').notNull().references(() => agencies.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.code] })],
);

/** A counter (quầy) of the desk; it calls tickets of the groups it serves. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    agencyCode: text('agency_code').notNull().references(() => agencies.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    groupCodes: jsonb('group_codes').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.code] })],
);

/** Last number issued per agency, group and local day: incremented in the taking transaction, so numbers never repeat or skip. */
export const queueSequences = pgTable(
  'queue_sequences',
  {
    agencyCode: text('agency_code').notNull(),
    groupCode: text('group_code').notNull(),
    day: date('day').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.groupCode, t.day] })],
);

export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyCode: text('agency_code').notNull(),
    groupCode: text('group_code').notNull(),
    day: date('day').notNull(),
    number: integer('number').notNull(),
    status: text('status').$type<'waiting' | 'called' | 'done'>().notNull().default('waiting'),
    takenAt: ts('taken_at').notNull().defaultNow(),
    calledAt: ts('called_at'),
    counterCode: text('counter_code'),
    calledBy: uuid('called_by'),
  },
  (t) => [
    uniqueIndex('queue_tickets_number_uq').on(t.agencyCode, t.groupCode, t.day, t.number),
    index('queue_tickets_waiting_idx').on(t.agencyCode, t.day, t.status, t.takenAt),
  ],
);


// ── Feedback, questions, FAQ and guides (SPEC §14) ────────────────────────────────────────────

/**
 * Phản ánh, kiến nghị and hỏi đáp. `dueAt` is computed once, from `receivedAt`, by the working-time
 * engine and the province's answer clocks; routing to another agency keeps it (the legal clock runs
 * from receipt). Contacts are stored whole (the agency answers the person) and masked when listed.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<'feedback' | 'recommendation' | 'question'>().notNull(),
    subject: text('subject').$type<'procedure' | 'conduct' | 'service'>().notNull(),
    procedureCode: text('procedure_code'),
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    channel: text('channel').$type<'portal' | 'email' | 'hotline' | 'paper'>().notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    senderName: text('sender_name').notNull(),
    senderEmail: text('sender_email'),
    senderPhone: text('sender_phone'),
    senderUserId: uuid('sender_user_id'),
    private: boolean('private').notNull(),
    receivedAt: ts('received_at').notNull(),
    dueAt: ts('due_at').notNull(),
    enteredAt: ts('entered_at').notNull().defaultNow(),
    enteredBy: uuid('entered_by'),
    /** Off-line feedback entered more than 8 working hours after it arrived [001 Art. 21.3]. */
    enteredLate: boolean('entered_late').notNull().default(false),
    status: text('status').$type<'received' | 'answered' | 'published'>().notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: ts('answered_at'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
    searchKey: text('search_key').notNull(),
    /** Who retried: the signed-in account, or for an anonymous sender the key alone. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feedback_items_idempotency_uq').on(t.idempotencyKey),
    index('feedback_items_agency_idx').on(t.agencyCode, t.status, t.dueAt),
    index('feedback_items_published_idx').on(t.publishedAt).where(sql`${t.publishedAt} is not null`),
  ],
);

/** FAQ (bộ câu hỏi thường gặp) per procedure or general, kept by agencies [002 Art. 6.4; 003 Art. 25]. */
export const faqEntries = pgTable(
  'faq_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyCode: text('agency_code').notNull().references(() => agencies.code, { onUpdate: 'cascade' }),
    procedureCode: text('procedure_code'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    published: boolean('published').notNull(),
    searchKey: text('search_key').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [index('faq_entries_procedure_idx').on(t.procedureCode)],
);

/** User guides and videos of the portal (linked by URL) [002 Art. 6.3]. */
export const guides = pgTable('guides', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  kind: text('kind').$type<'document' | 'video'>().notNull(),
  url: text('url').notNull(),
  description: text('description'),
  topic: text('topic').notNull(),
  sortOrder: integer('sort_order').notNull(),
  published: boolean('published').notNull(),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
