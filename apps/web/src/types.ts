import type {
  Agency,
  AgencyLevel,
  Channel,
  Department,
  Field,
  OnlineLevel,
  ProcedureContent,
  ProcedureLevel,
  RoleAssignment,
  TimeLimit,
  VersionStatus,
} from '@motcua/domain';
import type { DayOverride, DeadlinePolicy, HolidayRules, OfficialScheduleYear, WeeklySessions, WorkingSession } from '@motcua/domain/calendar/policy.ts';

/** Shapes of the API's answers (see apps/server/src/modules/* /routes.ts). */
export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface FieldRef {
  code: string;
  name: string;
  sector: string;
}
export interface AgencyRef {
  code: string;
  name: string;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  codeIsOfficial: boolean;
  name: string;
  field: FieldRef;
  agencies: AgencyRef[];
  level: ProcedureLevel;
  timeLimit: TimeLimit;
  onlineLevel: OnlineLevel;
  channels: Channel[];
  version: number;
}

export interface ProcedureDetail {
  id: string;
  code: string;
  codeIsOfficial: boolean;
  version: number;
  effectiveFrom: string | null;
  content: ProcedureContent;
  field: FieldRef;
  agencies: AgencyRef[];
}

export interface AdminProcedureRow {
  code: string;
  codeIsOfficial: boolean;
  name: string;
  fieldCode: string;
  latestVersion: number;
  latestStatus: VersionStatus;
  inForceVersion: number | null;
}

export interface AdminVersion {
  version: number;
  status: VersionStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  publishedAt: string | null;
  content: ProcedureContent;
}

export interface AdminProcedure {
  id: string;
  code: string;
  codeIsOfficial: boolean;
  versions: AdminVersion[];
}

export interface Me {
  id: string;
  username: string;
  fullName: string;
  kind: string;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  csrfToken: string;
}

export interface AgencyDetail extends Agency {
  departments: Department[];
  children: { code: string; name: string; level: string }[];
}

export interface AgencyHistoryItem {
  kind: string;
  effectiveDate: string;
  before: unknown;
  after: unknown;
  note: string | null;
  at: string;
}

export interface OfficerUser {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  idNumber: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  roles: RoleAssignment[];
}

export type { Agency, AgencyLevel, Department, Field };

/** The working calendar (apps/server/src/modules/calendar/routes.ts). */
export type {
  DayOverride,
  DeadlinePolicy,
  HolidayRules,
  OfficialScheduleSource,
  OfficialScheduleYear,
  WeeklySessions,
  WorkingSession,
} from '@motcua/domain/calendar/policy.ts';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup';
export type DaySource = 'weekly' | 'generated' | 'official' | 'override';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  label?: string;
  labelEn?: string;
  source: DaySource;
  workingMinutes: number;
  sessions: WorkingSession[];
}

export interface CalendarSettings {
  week: WeeklySessions;
  makeupSessions: WorkingSession[];
  dayMinutes: number | null;
  holidays: HolidayRules;
  policy: DeadlinePolicy;
}

export interface CalendarSettingsView {
  revision: number;
  settings: CalendarSettings;
  officialYears: { year: number; origin: 'shipped' | 'imported'; data: OfficialScheduleYear }[];
  overrides: DayOverride[];
  range: { fromYear: number; toYear: number };
}

export interface DeadlineAnswer {
  receivedAt: string;
  countedFrom: string;
  deadline: string;
  appointment: string;
  workingMinutes: number;
}
