import { Type, type Static } from 'typebox';
import { RoleSchema, OFFICER_ROLES } from '../accounts/roles.ts';
import type { FieldError } from '../api/problem.ts';

/**
 * Quy trình điện tử: the electronic process a dossier follows inside an agency [003 Art. 22;
 * SPEC §7]. Ordered steps, each bound to a role (and optionally a department) with a time budget
 * in working hours, taken by a group of accounts or sent to one person. The stage of a step says
 * which actions it allows and which exchange status (00–13) a dossier there has.
 */
export const STEP_STAGES = ['reception', 'processing', 'review', 'signing', 'return'] as const;
export type StepStage = (typeof STEP_STAGES)[number];

export const STAGE_LABELS: Record<StepStage, { vi: string; en: string }> = {
  reception: { vi: 'Tiếp nhận', en: 'Reception' },
  processing: { vi: 'Thẩm định, xử lý', en: 'Processing' },
  review: { vi: 'Xem xét, phê duyệt', en: 'Review and approval' },
  signing: { vi: 'Ký duyệt', en: 'Signing' },
  return: { vi: 'Trả kết quả', en: 'Return of the result' },
};

const StepCode = Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_.-]+$' });

export const ProcessStep = Type.Object(
  {
    code: StepCode,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    stage: Type.Union([Type.Literal('reception'), Type.Literal('processing'), Type.Literal('review'), Type.Literal('signing'), Type.Literal('return')]),
    role: RoleSchema,
    departmentCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    budgetHours: Type.Number({ minimum: 0, maximum: 2920, description: 'Time budget of the step in working hours [003 Art. 22.2.b]' }),
    assignment: Type.Union([Type.Literal('group'), Type.Literal('person')], { description: 'group: every account of the role/department sees it; person: someone must be named' }),
    next: Type.Union([StepCode, Type.Null()], { description: 'Where forward / approve / sign leads; null only on the return step' }),
    rejectTo: Type.Optional(Type.Union([StepCode, Type.Null()], { description: 'Where a rejected draft goes (review and signing steps)' })),
  },
  { additionalProperties: false },
);
export type ProcessStep = Static<typeof ProcessStep>;

export const ProcessDefinition = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    steps: Type.Array(ProcessStep, { minItems: 2, maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type ProcessDefinition = { name: string; steps: ProcessStep[] };

export interface ProcessCheck {
  errors: FieldError[];
  warnings: FieldError[];
}

const err = (field: string, message: string, messageEn: string): FieldError => ({ field, message, messageEn });

/**
 * Validates a process on save: codes unique, reception first and return last, every reference
 * exists, every step reachable, a path to the result from every step, roles fit their stage.
 * The budgets along the main path above the legal time limit are a warning, not an error: the
 * process is still usable but will make dossiers late [003 Art. 22.2.b].
 */
export function validateProcess(def: ProcessDefinition, timeLimitHours: number | null): ProcessCheck {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const steps = def.steps;
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.code)) errors.push(err(`steps.${i}.code`, 'Mã bước bị trùng', 'Duplicate step code'));
    else index.set(s.code, i);
    if (!OFFICER_ROLES.includes(s.role)) errors.push(err(`steps.${i}.role`, 'Vai trò không phải của cán bộ', 'Not an officer role'));
  });
  if (steps[0] && steps[0].stage !== 'reception') errors.push(err('steps.0.stage', 'Bước đầu tiên phải là tiếp nhận', 'The first step must be reception'));
  const returns = steps.map((s, i) => (s.stage === 'return' ? i : -1)).filter((i) => i >= 0);
  if (returns.length !== 1 || returns[0] !== steps.length - 1) {
    errors.push(err(`steps.${steps.length - 1}.stage`, 'Quy trình phải kết thúc bằng đúng một bước trả kết quả', 'The process must end with exactly one return step'));
  }
  steps.forEach((s, i) => {
    if ((s.stage === 'reception' || s.stage === 'return') && s.role !== 'reception') {
      errors.push(err(`steps.${i}.role`, 'Bước tiếp nhận và trả kết quả do cán bộ một cửa thực hiện', 'Reception and return steps belong to the one-stop desk'));
    }
    if (s.stage === 'return') {
      if (s.next !== null) errors.push(err(`steps.${i}.next`, 'Bước trả kết quả không có bước tiếp theo', 'The return step has no next step'));
    } else if (s.next === null || !index.has(s.next)) {
      errors.push(err(`steps.${i}.next`, 'Bước tiếp theo không tồn tại', 'Unknown next step'));
    } else if (s.next === s.code) {
      errors.push(err(`steps.${i}.next`, 'Bước tiếp theo không thể là chính nó', 'A step cannot lead to itself'));
    }
    if (s.stage === 'review' || s.stage === 'signing') {
      if (!s.rejectTo || !index.has(s.rejectTo)) errors.push(err(`steps.${i}.rejectTo`, 'Cần chỉ định bước nhận lại khi không duyệt', 'A review or signing step needs a step to return a rejected draft to'));
    } else if (s.rejectTo) {
      errors.push(err(`steps.${i}.rejectTo`, 'Chỉ bước xem xét hoặc ký mới có bước trả lại', 'Only review and signing steps reject'));
    }
  });
  if (errors.length) return { errors, warnings };

  // Reachability from the first step, and a way to the result from every step.
  const edges = (s: ProcessStep) => [s.next, s.rejectTo].filter((x): x is string => !!x);
  const reached = new Set<string>();
  const stack = [steps[0]!.code];
  while (stack.length) {
    const c = stack.pop()!;
    if (reached.has(c)) continue;
    reached.add(c);
    stack.push(...edges(steps[index.get(c)!]!));
  }
  steps.forEach((s, i) => {
    if (!reached.has(s.code)) errors.push(err(`steps.${i}.code`, 'Bước này không thể tới được từ bước tiếp nhận', 'Step not reachable from reception'));
  });
  const returnCode = steps.at(-1)!.code;
  steps.forEach((s, i) => {
    // Following `next` alone must reach the result: approvals and signatures can always say yes.
    const seen = new Set<string>();
    let c: string | null = s.code;
    while (c && c !== returnCode && !seen.has(c)) {
      seen.add(c);
      c = steps[index.get(c)!]!.next;
    }
    if (c !== returnCode) errors.push(err(`steps.${i}.next`, 'Từ bước này không đi tới được bước trả kết quả', 'No path from this step to the result'));
  });
  if (timeLimitHours !== null && !errors.length) {
    let total = 0;
    let c: string | null = steps[0]!.code;
    while (c) {
      const st: ProcessStep = steps[index.get(c)!]!;
      total += st.budgetHours;
      c = st.next;
    }
    if (total > timeLimitHours) {
      warnings.push(err('steps', `Tổng thời gian các bước (${total} giờ) vượt thời hạn giải quyết (${timeLimitHours} giờ)`, `Step budgets (${total} h) exceed the time limit (${timeLimitHours} h)`));
    }
  }
  return { errors, warnings };
}

/**
 * The default process for procedures without their own: receive → resolve → return
 * [003 Art. 22.2.c]. The whole time limit is the resolving step's budget.
 */
export function defaultProcess(timeLimitHours: number): ProcessDefinition {
  return {
    name: 'Quy trình mặc định: tiếp nhận – giải quyết – trả kết quả',
    steps: [
      { code: 'TN', name: 'Tiếp nhận hồ sơ', stage: 'reception', role: 'reception', departmentCode: null, budgetHours: 0, assignment: 'group', next: 'GQ' },
      { code: 'GQ', name: 'Giải quyết hồ sơ', stage: 'processing', role: 'specialist', departmentCode: null, budgetHours: timeLimitHours, assignment: 'group', next: 'TKQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', departmentCode: null, budgetHours: 0, assignment: 'group', next: null },
    ],
  };
}

export function stepOf(def: ProcessDefinition, code: string | null): ProcessStep | null {
  return code ? (def.steps.find((s) => s.code === code) ?? null) : null;
}

/** The step a dossier returns to from `code`: the step whose `next` is it (the previous one on the main path). */
export function previousStep(def: ProcessDefinition, code: string): ProcessStep | null {
  return def.steps.find((s) => s.next === code && s.stage !== 'return') ?? null;
}
