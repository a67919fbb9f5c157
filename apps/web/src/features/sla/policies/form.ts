import {
  type CaseStatus,
  CLOCK_KINDS,
  type ClockKind,
  type ESCALATION_RECIPIENTS,
  type REASSIGN_TARGETS,
  type SlaConditionSet,
  SlaPolicyBody,
  type SlaPolicyView,
  type TargetUnit,
} from '@closeloop/domain';
import type { z } from 'zod';

export type Recipient = (typeof ESCALATION_RECIPIENTS)[number];
export type ReassignTarget = (typeof REASSIGN_TARGETS)[number];
/** A set of conditions as plain lists (empty = any). */
type ConditionLists = { [K in keyof SlaConditionSet]-?: NonNullable<SlaConditionSet[K]> };

const listsOf = (c: SlaConditionSet | undefined): ConditionLists => ({
  types: c?.types ?? [],
  severities: c?.severities ?? [],
  grades: c?.grades ?? [],
  regions: c?.regions ?? [],
  tiers: c?.tiers ?? [],
  productLines: c?.productLines ?? [],
});

/** The lists that name something, trimmed and without repeats. */
const namedLists = (lists: ConditionLists) =>
  Object.fromEntries(
    Object.entries(lists)
      .map(([k, list]) => [k, (list as string[]).map((x) => x.trim()).filter(Boolean)] as const)
      .filter(([, list]) => list.length > 0)
      .map(([k, list]) => [k, [...new Set(list)]]),
  );

/** The policy form's values: conditions as plain lists (empty = any), one target row per clock. */
export interface PolicyValues {
  name: string;
  isActive: boolean;
  calendarId?: string | undefined;
  warningPercent: number;
  pauseStatuses: CaseStatus[];
  /** Every listed condition must match. */
  conditions: ConditionLists;
  /** At least one listed condition must match too (the body's `conditions.anyOf`). */
  anyOf: ConditionLists;
  targets: Record<ClockKind, { amount?: number | null; unit: TargetUnit }>;
  warningNotify: Recipient[];
  steps: {
    afterAmount: number | null;
    afterUnit: TargetUnit;
    notify: Recipient[];
    reassignTo?: ReassignTarget | null;
    raisePriority: boolean;
  }[];
}

const DEFAULT_UNITS: Record<ClockKind, TargetUnit> = {
  acknowledge: 'working_hours',
  first_reply: 'working_hours',
  on_site: 'working_days',
  resolve: 'working_days',
};

export function toValues(p: SlaPolicyView | null, defaultCalendarId: string | undefined): PolicyValues {
  const c = p?.conditions ?? {};
  return {
    name: p?.name ?? '',
    isActive: p?.isActive ?? true,
    calendarId: p?.calendarId ?? defaultCalendarId,
    warningPercent: p?.warningPercent ?? 75,
    pauseStatuses: p?.pauseStatuses ?? ['on_hold', 'awaiting_confirmation'],
    conditions: listsOf(c),
    anyOf: listsOf(c.anyOf),
    targets: Object.fromEntries(
      CLOCK_KINDS.map((k) => [k, { amount: p?.targets[k]?.amount ?? null, unit: p?.targets[k]?.unit ?? DEFAULT_UNITS[k] }]),
    ) as PolicyValues['targets'],
    warningNotify: (p?.escalation.warning.notify ?? ['owner']) as Recipient[],
    steps: (p?.escalation.steps ?? []).map((s) => ({
      afterAmount: s.after.amount,
      afterUnit: s.after.unit,
      notify: s.notify,
      reassignTo: s.reassignTo ?? null,
      raisePriority: s.raisePriority,
    })),
  };
}

/** The request body for the form's values; conditions left empty and targets left blank are omitted. */
export function toBody(v: PolicyValues): z.input<typeof SlaPolicyBody> {
  const anyOf = namedLists(v.anyOf);
  const conditions = { ...namedLists(v.conditions), ...(Object.keys(anyOf).length > 0 ? { anyOf } : {}) };
  const targets = Object.fromEntries(
    CLOCK_KINDS.flatMap((k) => {
      const row = v.targets[k];
      return row && row.amount !== null && row.amount !== undefined ? [[k, { amount: row.amount, unit: row.unit }]] : [];
    }),
  );
  return {
    name: v.name.trim(),
    isActive: v.isActive,
    conditions,
    targets,
    calendarId: v.calendarId ?? '',
    pauseStatuses: v.pauseStatuses,
    warningPercent: v.warningPercent,
    escalation: {
      warning: { notify: v.warningNotify },
      steps: v.steps.map((s) => ({
        after: { amount: s.afterAmount ?? Number.NaN, unit: s.afterUnit },
        notify: s.notify,
        ...(s.reassignTo ? { reassignTo: s.reassignTo } : {}),
        raisePriority: s.raisePriority,
      })),
    },
  };
}

/** Where a problem with the body shows in the form: a field's name path, or `targets` for the section. */
export function fieldOf(path: readonly PropertyKey[]): (string | number)[] | 'targets' | null {
  const [top, a, b, c] = path;
  switch (top) {
    case 'name':
    case 'calendarId':
    case 'warningPercent':
    case 'pauseStatuses':
      return [top];
    case 'conditions':
      if (a === 'anyOf') return typeof b === 'string' ? ['anyOf', b] : null;
      return typeof a === 'string' ? ['conditions', a] : null;
    case 'targets':
      return typeof a === 'string' ? ['targets', a, 'amount'] : 'targets';
    case 'escalation':
      if (a === 'warning') return ['warningNotify'];
      if (a === 'steps' && typeof b === 'number') {
        if (c === 'after') return ['steps', b, 'afterAmount'];
        if (c === 'notify') return ['steps', b, 'notify'];
        if (c === 'reassignTo') return ['steps', b, 'reassignTo'];
      }
      return null;
    default:
      return null;
  }
}

/** Checks the body as the server will; returns the issues by form field. */
export function validate(body: z.input<typeof SlaPolicyBody>) {
  const parsed = SlaPolicyBody.safeParse(body);
  if (parsed.success) return { ok: true as const, body: parsed.data, issues: [] };
  return {
    ok: false as const,
    body: null,
    issues: parsed.error.issues.map((i) => ({ field: fieldOf(i.path), message: i.message, path: i.path.map(String).join('.') })),
  };
}
