import { addTarget, type ClockKind, type Escalation } from '@closeloop/domain';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { transaction } from '../../lib/transaction.ts';
import { notifyUsers } from '../notifications/index.ts';
import { compiledCalendar } from './calendars.ts';
import { nextCheckOf, recomputeCaseClocks, updateCaseSummary } from './clocks.ts';
import { insertBreaches, insertEscalation } from './escalation-repository.ts';
import { carryOutStep, recipients, recordSweepEvent } from './ladder.ts';
import { activePolicies, type PolicyRow } from './policy-repository.ts';
import * as repo from './repository.ts';

export interface SweepDeps {
  db: Db;
  config: Config;
  now: () => Date;
}

export interface SweepResult {
  examined: number;
  recomputed: number;
  warnings: number;
  breaches: number;
  escalations: number;
}

/**
 * One pass of the SLA timer: every clock whose `next_check_at` has come is claimed with
 * `FOR UPDATE SKIP LOCKED` (so with several instances each clock is handled by exactly one),
 * recomputed if stale, and moved on: warning → breach → escalation steps. Notifications and
 * timeline events are written in the same transaction as the clock's new state, so a step
 * happens once or not at all.
 */
export async function runSlaSweep(deps: SweepDeps, options: { batchSize?: number; maxBatches?: number } = {}): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const total: SweepResult = { examined: 0, recomputed: 0, warnings: 0, breaches: 0, escalations: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const now = deps.now();
    const r = await transaction(deps, async (tx) => {
      // Locks in the order every use case takes them: the case row first, then its clocks. (Clocks
      // first, as before, deadlocked with an edit holding the case and recomputing its clocks.)
      // A case someone is changing is skipped; its clocks are due again at the next pass.
      const locked = await repo.lockCasesWithDueClocks(tx, now, batchSize);
      const result: SweepResult = { examined: 0, recomputed: 0, warnings: 0, breaches: 0, escalations: 0 };
      if (locked.length === 0) return { ...result, more: false };
      // Still due now that the case is ours (another instance may have handled it just before).
      const due = await repo.lockDueClocks(tx, locked, now);
      result.examined = due.length;
      if (due.length === 0) return { ...result, more: false };
      const policies = await activePolicies(tx);
      const recomputed = new Set<string>();
      for (const d of due) {
        await processClock(tx, deps.config, d.caseId, d.kind, now, policies, recomputed, result);
      }
      return { ...result, more: due.length >= batchSize };
    });
    for (const k of Object.keys(total) as (keyof SweepResult)[]) total[k] += r[k];
    if (!r.more) break;
  }
  return total;
}

async function processClock(
  tx: Executor,
  config: Config,
  caseId: string,
  kind: ClockKind,
  now: Date,
  policies: readonly PolicyRow[],
  recomputed: Set<string>,
  result: SweepResult,
) {
  let clock = await repo.findClock(tx, caseId, kind);
  if (clock?.stale && !recomputed.has(caseId)) {
    await recomputeCaseClocks(tx, config, caseId, now, { policies });
    recomputed.add(caseId);
    result.recomputed++;
    clock = await repo.findClock(tx, caseId, kind);
  }
  if (!clock) return;
  const policy = policies.find((p) => p.id === clock.policyId);
  if (!policy || clock.stoppedAt || !clock.dueAt || clock.state === 'paused') {
    await repo.updateClock(tx, caseId, kind, { nextCheckAt: null });
    return;
  }
  const dueAt = clock.dueAt;
  const c = await repo.findCase(tx, caseId);
  if (!c) return;
  const escalation = policy.escalation as Escalation;
  const calendar = await compiledCalendar(tx, policy.calendarId);
  const stepAt = (level: number) => {
    const step = escalation.steps[level];
    return step ? addTarget(calendar, dueAt, step.after.amount, step.after.unit) : null;
  };
  const next = { ...clock };
  const base = { caseId, caseNumber: c.number, caseTitle: c.title, clock: kind, dueAt: dueAt.toISOString() };
  const key = `sla:${caseId}:${kind}:${clock.startedAt.getTime()}`;

  // Warning: only while the due time is still ahead (a late sweep goes straight to the breach).
  if (!next.warnedAt && next.warnAt && next.warnAt <= now && now < dueAt) {
    next.warnedAt = now;
    const notified = await recipients(tx, c, escalation.warning.notify);
    await notifyUsers(tx, config, { kind: 'sla_warning', userIds: notified, caseId, params: base, at: now, dedupeKey: `${key}:warning` });
    await insertEscalation(tx, {
      caseId,
      clock: kind,
      level: 0,
      at: now,
      departmentId: c.departmentId,
      ownerId: c.ownerId,
      actions: { notified },
    });
    await recordSweepEvent(tx, caseId, now, { kind: 'sla_warning', data: { clock: kind, dueAt: base.dueAt } });
    result.warnings++;
  }

  if (!next.breachedAt && dueAt <= now) {
    next.breachedAt = dueAt;
    next.state = 'breached';
    // Overdue work counts against the department that held the case when the time ran out.
    await insertBreaches(tx, [
      { caseId, clock: kind, dueAt, recordedAt: now, departmentId: c.departmentId, ownerId: c.ownerId, policyId: policy.id },
    ]);
    await recordSweepEvent(tx, caseId, now, { kind: 'sla_breached', data: { clock: kind, dueAt: base.dueAt } });
    result.breaches++;
  }

  if (next.breachedAt) {
    let current = c;
    for (let at = stepAt(next.escalationLevel); at && at <= now; at = stepAt(next.escalationLevel)) {
      const level = next.escalationLevel + 1;
      current = await carryOutStep(tx, config, current, escalation.steps[level - 1]!, { kind, level, now, key, base, escalation });
      next.escalationLevel = level;
      result.escalations++;
    }
  }

  next.nextCheckAt = nextCheckOf(next, policy, stepAt);
  await repo.updateClock(tx, caseId, kind, {
    warnedAt: next.warnedAt,
    breachedAt: next.breachedAt,
    state: next.state,
    escalationLevel: next.escalationLevel,
    nextCheckAt: next.nextCheckAt,
    updatedAt: now,
  });
  await updateCaseSummary(tx, caseId, await repo.clocksOf(tx, caseId));
}

/**
 * Give clocks to open cases registered before deadlines existed (or while no policy matched),
 * once per installation; resumable (keyset by id) and safe with several instances.
 */
export async function backfillClocks(deps: SweepDeps, batchSize = 200): Promise<number> {
  if (await repo.isBackfillDone(deps.db)) return 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const ids = await repo.openCasesWithoutClocks(deps.db, after, batchSize);
    if (ids.length === 0) break;
    await transaction(deps, async (tx) => {
      // The cases first, as every use case that writes clocks does; in the order of their ids.
      const locked = await repo.lockCases(tx, ids);
      const policies = await activePolicies(tx);
      for (const id of locked) await recomputeCaseClocks(tx, deps.config, id, deps.now(), { policies });
    });
    count += ids.length;
    after = ids.at(-1)!;
  }
  await repo.markBackfillDone(deps.db, { at: deps.now().toISOString(), cases: count });
  return count;
}
