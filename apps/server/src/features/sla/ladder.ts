import { type ClockKind, type Escalation, type EscalationStep, type Priority, raisePriority as raise } from '@closeloop/domain';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import { notifyUsers } from '../notifications/index.ts';
import { companySettings, gmOfficeDepartmentId } from '../settings/index.ts';
import { type NewCaseEvent, recordCaseEvents } from '../timeline/index.ts';
import { activeMembersOf, addPreviousOwnerWatcher, departmentHeadOf, insertEscalation, watchersOf } from './escalation-repository.ts';
import { type CaseRow, updateCaseVersion } from './repository.ts';

/** What the sweep knows about the rung it is carrying out. */
export interface StepContext {
  kind: ClockKind;
  level: number;
  now: Date;
  /** Names the clock's run: with the level, it keeps a notification from going out twice. */
  key: string;
  /** What every notification of this clock says (case, clock, due time). */
  base: Record<string, string>;
  escalation: Escalation;
}

/** One rung of the ladder: notify, reassign, raise the priority; recorded on the timeline and in the escalations log. */
export async function carryOutStep(tx: Executor, config: Config, c: CaseRow, step: EscalationStep, s: StepContext): Promise<CaseRow> {
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const patch: Partial<CaseRow> = {};
  let reassignedTo: string | null = null;
  if (step.reassignTo) {
    const target = step.reassignTo === 'department_head' ? await departmentHead(tx, c.departmentId) : await gmHead(tx);
    if (target && target !== c.ownerId) {
      reassignedTo = target;
      patch.ownerId = target;
      changes.push({ field: 'ownerId', from: c.ownerId, to: target });
      if (c.ownerId) await addPreviousOwnerWatcher(tx, c.id, c.ownerId, s.now);
    }
  }
  let priority: { from: Priority; to: Priority } | null = null;
  if (step.raisePriority) {
    // The step's level decides how far above the derived priority the case goes, so two clocks
    // reaching the same step raise it once, not twice.
    const steps = (s.escalation.steps as EscalationStep[]).slice(0, s.level).filter((x) => x.raisePriority).length;
    let to = c.derivedPriority;
    for (let i = 0; i < steps; i++) to = raise(to);
    if (to < c.priority) {
      priority = { from: c.priority, to };
      patch.priority = to;
      patch.priorityOverride = to;
      patch.priorityOverrideReason = `时限升级第 ${s.level} 级 SLA escalation step ${s.level} (${s.kind})`;
      changes.push({ field: 'priority', from: c.priority, to });
    }
  }
  let updated = c;
  if (Object.keys(patch).length > 0) updated = (await updateCaseVersion(tx, c, patch, s.now)) ?? c;
  const notified = await recipients(tx, updated, step.notify);
  if (reassignedTo && !notified.includes(reassignedTo)) notified.push(reassignedTo);
  await notifyUsers(tx, config, {
    kind: s.level === 1 ? 'sla_breached' : 'sla_escalated',
    userIds: notified,
    caseId: c.id,
    params: { ...s.base, level: s.level },
    at: s.now,
    dedupeKey: `${s.key}:step${s.level}`,
  });
  await insertEscalation(tx, {
    caseId: c.id,
    clock: s.kind,
    level: s.level,
    at: s.now,
    departmentId: c.departmentId,
    ownerId: c.ownerId,
    actions: { notified, reassignedTo, priority },
  });
  await recordSweepEvent(tx, c.id, s.now, {
    kind: 'sla_escalated',
    data: { clock: s.kind, level: s.level, notified: notified.length, reassignedTo, priority },
    changes,
  });
  return updated;
}

/** The sweep's events are the system's: no caller. */
export async function recordSweepEvent(tx: Executor, caseId: string, at: Date, e: NewCaseEvent) {
  await recordCaseEvents(tx, { actor: undefined, now: () => at }, caseId, [e]);
}

async function departmentHead(tx: Executor, departmentId: string | null): Promise<string | null> {
  return departmentId ? departmentHeadOf(tx, departmentId) : null;
}

async function gmHead(tx: Executor): Promise<string | null> {
  const gm = await gmOfficeDepartmentId(tx, await companySettings(tx));
  return departmentHead(tx, gm);
}

/** The people a rung names, active ones only, each once. GM office: its head, or all its members when it has none. */
export async function recipients(tx: Executor, c: CaseRow, who: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const w of who) {
    if (w === 'owner' && c.ownerId) ids.add(c.ownerId);
    if (w === 'watchers') {
      for (const id of await watchersOf(tx, c.id)) ids.add(id);
    }
    if (w === 'department_head') {
      const head = await departmentHead(tx, c.departmentId);
      if (head) ids.add(head);
    }
    if (w === 'gm_office') {
      const gm = await gmOfficeDepartmentId(tx, await companySettings(tx));
      const head = await departmentHead(tx, gm);
      if (head) ids.add(head);
      else if (gm) {
        for (const id of await activeMembersOf(tx, gm)) ids.add(id);
      }
    }
  }
  return [...ids];
}
