import {
  CALENDAR_DAY_SOURCES,
  type CaseStatus,
  CLOCK_KINDS,
  CLOCK_STATES,
  type ClockKind,
  type ClockState,
  DAY_OVERRIDE_KINDS,
  type DayOverrideKind,
} from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { departments, users } from './auth.ts';
import { cases } from './cases.ts';
import { createdAt, id, oneOf, ts, updatedAt, version } from './columns.ts';

/** A business calendar: time zone, weekly working hours, and days that differ (holidays, 调休). */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: id(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** Seven lists of `{ start, end }` windows, Monday first. */
    week: jsonb('week').notNull(),
    /** Working hours of a make-up workday (调休上班) unless the day names its own. */
    makeUpWindows: jsonb('make_up_windows').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('business_calendars_name_idx').on(t.name),
    uniqueIndex('business_calendars_default_idx').on(t.isDefault).where(sql`is_default`),
  ],
);

/** A date that differs from the normal week: a day off, or a weekend day worked (调休). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').$type<DayOverrideKind>().notNull(),
    name: text('name'),
    windows: jsonb('windows'),
    source: text('source').$type<(typeof CALENDAR_DAY_SOURCES)[number]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.date] }),
    check('calendar_days_kind_check', oneOf('kind', DAY_OVERRIDE_KINDS)),
    check('calendar_days_source_check', oneOf('source', CALENDAR_DAY_SOURCES)),
  ],
);

/** Ordered SLA policies; the first whose conditions match a case applies. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** `{ types?, severities?, grades?, regions?, tiers?, productLines?, anyOf? }`: each a list; absent = any; `anyOf` the same lists, one must match. */
    conditions: jsonb('conditions').notNull(),
    /** `{ acknowledge?, first_reply?, on_site?, resolve? }`, each `{ amount, unit }`. */
    targets: jsonb('targets').notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    pauseStatuses: text('pause_statuses').array().$type<CaseStatus[]>().notNull(),
    warningPercent: integer('warning_percent').notNull().default(75),
    /** Escalation ladder: `[{ after: { amount, unit }, notify: [...], reassignTo?, raisePriority }]`. */
    escalation: jsonb('escalation').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('sla_policies_position_idx').on(t.position), check('sla_policies_warning_check', sql`warning_percent BETWEEN 1 AND 99`)],
);

/** One deadline of one case, recomputed from the timeline; `nextCheckAt` drives the sweep. */
export const caseClocks = pgTable(
  'case_clocks',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<ClockKind>().notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    startedAt: ts('started_at').notNull(),
    dueAt: ts('due_at'),
    warnAt: ts('warn_at'),
    state: text('state').$type<ClockState>().notNull(),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    pausedSince: ts('paused_since'),
    stoppedAt: ts('stopped_at'),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    /** How many escalation steps have been carried out since the breach. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the sweep must look at this clock next (warning, breach, next step); null = never. */
    nextCheckAt: ts('next_check_at'),
    /** Set when policies or calendars changed: the sweep recomputes before acting. */
    stale: boolean('stale').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind] }),
    index('case_clocks_next_check_idx').on(t.nextCheckAt).where(sql`next_check_at IS NOT NULL`),
    check('case_clocks_kind_check', oneOf('kind', CLOCK_KINDS)),
    check('case_clocks_state_check', oneOf('state', CLOCK_STATES)),
  ],
);

/** Every breach, written when it happens and never removed: overdue work counts against the department that held it. */
export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    clock: text('clock').notNull(),
    dueAt: ts('due_at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerId: uuid('owner_id').references(() => users.id),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('sla_breaches_case_clock_due_idx').on(t.caseId, t.clock, t.dueAt),
    index('sla_breaches_department_idx').on(t.departmentId, t.recordedAt),
  ],
);

/** Warnings and escalation steps carried out, for the escalations view. */
export const slaEscalations = pgTable(
  'sla_escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    clock: text('clock').notNull(),
    /** 0 = warning; 1… = the breach ladder's steps. */
    level: integer('level').notNull(),
    at: ts('at').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerId: uuid('owner_id').references(() => users.id),
    /** `{ notified: [userId], reassignedTo?, priority?: { from, to } }`. */
    actions: jsonb('actions').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedById: uuid('acknowledged_by_id').references(() => users.id),
  },
  (t) => [uniqueIndex('sla_escalations_once_idx').on(t.caseId, t.clock, t.level, t.at), index('sla_escalations_at_idx').on(t.at.desc())],
);
