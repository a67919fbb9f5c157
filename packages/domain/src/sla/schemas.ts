import { z } from 'zod';
import { DayOverride, WeekHours, WorkingWindow, WorkingWindows } from '../calendar/types.ts';
import { CASE_STATUSES, CASE_TYPES, CAUSE_CATEGORIES, GRADES, PRIORITIES, SEVERITIES } from '../cases/vocabulary.ts';
import { Id, IsoDate, IsoDateTime, itemsOf, PageQuery, requiredText, text } from '../common/schemas.ts';
import { CUSTOMER_TIERS } from '../customers/schemas.ts';

/** The deadlines a case can run against (PROCEDURE.md §4). */
export const CLOCK_KINDS = ['acknowledge', 'first_reply', 'on_site', 'resolve'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** How an allowance is counted. Working units follow the policy's business calendar. */
export const TARGET_UNITS = ['working_hours', 'working_days', 'calendar_hours', 'calendar_days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

/**
 * Region condition values: where the customer is, seen from the company's province — the same
 * province, a neighbouring one, another province (`domestic`), abroad; `local` is the same or a
 * neighbouring province (`regionAllows` in `regions.ts`).
 */
export const REGIONS = ['same_province', 'neighbouring_province', 'local', 'domestic', 'foreign'] as const;
export type Region = (typeof REGIONS)[number];

/** running → met; running ⇄ paused; a clock past due is `breached` and stays so once stopped. */
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const ESCALATION_RECIPIENTS = ['owner', 'watchers', 'department_head', 'gm_office'] as const;
export const REASSIGN_TARGETS = ['department_head', 'gm_office'] as const;

export const SlaTarget = z
  .object({
    amount: z.number().positive().max(10_000),
    unit: z.enum(TARGET_UNITS),
  })
  .refine((t) => t.unit !== 'working_days' || Number.isInteger(t.amount), { path: ['amount'], message: 'working days are whole days' });
export type SlaTarget = z.infer<typeof SlaTarget>;

const some = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100).optional();

/** Lists of values a case is matched by; an absent list matches any case. */
export const SlaConditionSet = z.object({
  types: some(z.enum(CASE_TYPES)),
  severities: some(z.enum(SEVERITIES)),
  grades: some(z.enum(GRADES)),
  regions: some(z.enum(REGIONS)),
  tiers: some(z.enum(CUSTOMER_TIERS)),
  /** Product lines (产品线): a product's `productLine`, not its category. */
  productLines: some(requiredText(100)),
});
export type SlaConditionSet = z.infer<typeof SlaConditionSet>;

/**
 * Every listed condition must match; an absent one matches any case. `anyOf` adds alternatives: at
 * least one of its listed conditions must match too — grade urgent or severity CR (紧急或致命).
 */
export const SlaConditions = SlaConditionSet.extend({ anyOf: SlaConditionSet.optional() });
export type SlaConditions = z.infer<typeof SlaConditions>;

export const SlaTargets = z.object({
  acknowledge: SlaTarget.optional(),
  first_reply: SlaTarget.optional(),
  on_site: SlaTarget.optional(),
  resolve: SlaTarget.optional(),
});
export type SlaTargets = z.infer<typeof SlaTargets>;

/** One rung of the ladder: how long after the breach, then whom to tell and what to change. */
export const EscalationStep = z.object({
  after: z.object({ amount: z.number().min(0).max(10_000), unit: z.enum(TARGET_UNITS) }),
  notify: z.array(z.enum(ESCALATION_RECIPIENTS)).max(4),
  reassignTo: z.enum(REASSIGN_TARGETS).optional(),
  raisePriority: z.boolean().default(false),
});
export type EscalationStep = z.infer<typeof EscalationStep>;

export const Escalation = z.object({
  /** Who hears when a clock reaches the warning threshold. */
  warning: z.object({ notify: z.array(z.enum(ESCALATION_RECIPIENTS)).max(4) }),
  /** Steps after the breach, in order of `after` (e.g. +0, +1 working day, +3). */
  steps: z.array(EscalationStep).max(10),
});
export type Escalation = z.infer<typeof Escalation>;

export const SlaPolicyBody = z.object({
  name: requiredText(100),
  isActive: z.boolean().default(true),
  conditions: SlaConditions.default({}),
  targets: SlaTargets.refine((t) => Object.keys(t).length > 0, 'set at least one target'),
  calendarId: Id,
  /** Statuses in which the clocks stand still (挂起, 等待客户). */
  pauseStatuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).default(['on_hold', 'awaiting_confirmation']),
  warningPercent: z.number().int().min(1).max(99).default(75),
  escalation: Escalation.default({ warning: { notify: ['owner'] }, steps: [] }),
});
export type SlaPolicyBody = z.infer<typeof SlaPolicyBody>;

export const UpdateSlaPolicyBody = SlaPolicyBody.partial().extend({ version: z.number().int() });
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBody>;

export const SlaPolicyView = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  isActive: z.boolean(),
  conditions: SlaConditions,
  targets: SlaTargets,
  calendarId: Id,
  pauseStatuses: z.array(z.enum(CASE_STATUSES)),
  warningPercent: z.number().int(),
  escalation: Escalation,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type SlaPolicyView = z.infer<typeof SlaPolicyView>;

/** New order of policies or rules: every id exactly once. */
export const ReorderBody = z.object({ ids: z.array(Id).min(1).max(500) });

// ---------------------------------------------------------------- calendars

export const CalendarBody = z.object({
  name: requiredText(100),
  timeZone: requiredText(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone'),
  week: WeekHours,
  makeUpWindows: WorkingWindows,
  isDefault: z.boolean().optional(),
});
export type CalendarBody = z.infer<typeof CalendarBody>;

export const UpdateCalendarBody = CalendarBody.partial().extend({ version: z.number().int() });

/** Where a calendar day came from: shipped with the product, imported, or set by hand. */
export const CALENDAR_DAY_SOURCES = ['builtin', 'import', 'manual'] as const;
export const CalendarDayView = DayOverride.extend({ source: z.enum(CALENDAR_DAY_SOURCES) });
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const CalendarView = z.object({
  id: Id,
  name: z.string(),
  timeZone: z.string(),
  week: WeekHours,
  makeUpWindows: z.array(WorkingWindow),
  isDefault: z.boolean(),
  /** Years that have dated days, with their counts. */
  years: z.array(z.object({ year: z.number().int(), off: z.number().int(), working: z.number().int() })),
  version: z.number().int(),
});
export type CalendarView = z.infer<typeof CalendarView>;

export const CalendarDaysQuery = z.object({ from: IsoDate, to: IsoDate });

export const PutCalendarDayBody = z.object({
  kind: z.enum(['off', 'working']),
  name: text(100).optional(),
  windows: WorkingWindows.optional(),
});

export const CALENDAR_IMPORT_FORMATS = ['holiday_cn_json', 'icalendar'] as const;
export const ImportCalendarBody = z.object({
  format: z.enum(CALENDAR_IMPORT_FORMATS),
  content: z.string().min(1).max(1_000_000),
  /** Remove the year's imported and built-in days first (manual edits stay). */
  replace: z.boolean().default(true),
});
export const ImportCalendarResult = z.object({
  imported: z.number().int(),
  years: z.array(z.number().int()),
});

/** Preview of a deadline: what `amount unit` from `from` gives on this calendar. */
export const CalendarPreviewQuery = z.object({
  from: IsoDateTime,
  amount: z.coerce.number().positive().max(10_000),
  unit: z.enum(TARGET_UNITS),
});
export type CalendarPreviewQuery = z.infer<typeof CalendarPreviewQuery>;
/** When the deadline falls. */
export const DeadlinePreview = z.object({ dueAt: IsoDateTime });
export type DeadlinePreview = z.infer<typeof DeadlinePreview>;

// ---------------------------------------------------------------- clocks on a case

export const ClockView = z.object({
  kind: z.enum(CLOCK_KINDS),
  state: z.enum(CLOCK_STATES),
  policyId: Id.nullable(),
  policyName: z.string().nullable(),
  target: SlaTarget.nullable(),
  startedAt: IsoDateTime,
  dueAt: IsoDateTime.nullable(),
  warnAt: IsoDateTime.nullable(),
  stoppedAt: IsoDateTime.nullable(),
  /** Wall-clock time spent paused so far. */
  pausedMs: z.number(),
  pausedSince: IsoDateTime.nullable(),
  warnedAt: IsoDateTime.nullable(),
  breachedAt: IsoDateTime.nullable(),
  escalationLevel: z.number().int(),
});
export type ClockView = z.infer<typeof ClockView>;

export const ResetClocksBody = z.object({
  reason: requiredText(1000),
  kinds: z.array(z.enum(CLOCK_KINDS)).min(1).max(4).optional(),
});

export const SiteArrivalBody = z.object({ arrivedAt: IsoDateTime.optional() });

export const EscalationView = z.object({
  id: z.number().int(),
  caseId: Id,
  caseNumber: z.string(),
  caseTitle: z.string(),
  clock: z.enum(CLOCK_KINDS),
  level: z.number().int(),
  at: IsoDateTime,
  departmentId: Id.nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  notified: z.array(Id),
  reassignedTo: Id.nullable(),
  priority: z.object({ from: z.enum(PRIORITIES), to: z.enum(PRIORITIES) }).nullable(),
  acknowledgedAt: IsoDateTime.nullable(),
});
export type EscalationView = z.infer<typeof EscalationView>;

export const EscalationsQuery = PageQuery.extend({
  departmentId: Id.optional(),
  open: z.enum(['true', 'false']).optional(),
});
export type EscalationsQuery = z.infer<typeof EscalationsQuery>;

/** Breaches per department over a period (overdue work counts against the department that held it). */
export const BreachSummaryQuery = z.object({ from: IsoDate, to: IsoDate });
export const BreachRow = z.object({
  departmentId: Id.nullable(),
  breaches: z.number().int(),
  byClock: z.record(z.string(), z.number().int()),
});
export type BreachRow = z.infer<typeof BreachRow>;
export const BreachSummary = itemsOf(BreachRow);
export type BreachSummary = z.infer<typeof BreachSummary>;

// ---------------------------------------------------------------- assignment rules

export const ASSIGNMENT_STRATEGIES = ['fixed', 'round_robin', 'fewest_open'] as const;

export const AssignmentConditions = z.object({
  types: some(z.enum(CASE_TYPES)),
  causeCategories: some(z.enum(CAUSE_CATEGORIES)),
  productLines: some(requiredText(100)),
  regions: some(z.enum(REGIONS)),
  customerIds: some(Id),
});
export type AssignmentConditions = z.infer<typeof AssignmentConditions>;

export const AssignmentRuleBody = z
  .object({
    name: requiredText(100),
    isActive: z.boolean().default(true),
    conditions: AssignmentConditions.default({}),
    departmentId: Id.nullable().default(null),
    strategy: z.enum(ASSIGNMENT_STRATEGIES).default('fixed'),
    userIds: z.array(Id).max(100).default([]),
  })
  .superRefine((r, ctx) => {
    if (!r.departmentId && r.userIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'name a department, people, or both' });
    }
  });
export type AssignmentRuleBody = z.infer<typeof AssignmentRuleBody>;

export const UpdateAssignmentRuleBody = z.object({
  version: z.number().int(),
  name: requiredText(100).optional(),
  isActive: z.boolean().optional(),
  conditions: AssignmentConditions.optional(),
  departmentId: Id.nullable().optional(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
  userIds: z.array(Id).max(100).optional(),
});

export const AssignmentRuleView = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  isActive: z.boolean(),
  conditions: AssignmentConditions,
  departmentId: Id.nullable(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES),
  userIds: z.array(Id),
  version: z.number().int(),
});
export type AssignmentRuleView = z.infer<typeof AssignmentRuleView>;

// ---------------------------------------------------------------- company settings

export const CompanySettings = z.object({
  /** Company name used in e-mails to customers. */
  companyName: text(200).default('Closeloop'),
  /** The province the factory is in; decides `local` vs `domestic` (e.g. 浙江省). */
  province: text(50).nullable().default(null),
  /** Department whose head receives the top of the escalation ladder (总经理室). */
  gmOfficeDepartmentId: Id.nullable().default(null),
  /** Send the customer an automatic acknowledgement with the case number. */
  autoAcknowledge: z.boolean().default(true),
});
export type CompanySettings = z.infer<typeof CompanySettings>;
