import { addTarget, type ClockKind, type Escalation, type EscalationStep, type Priority, raisePriority as raise } from '@closeloop/domain';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { caseClocks, cases, caseWatchers, departments, settings, slaBreaches, slaEscalations, users } from '../../db/schema.ts';
import { inList, rowsOf } from '../../lib/sql.ts';
import { transaction } from '../../lib/transaction.ts';
import { notifyUsers } from '../notifications/index.ts';
import { companySettings, gmOfficeDepartmentId } from '../settings/index.ts';
import { type NewCaseEvent, recordCaseEvents } from '../timeline/index.ts';
import { compiledCalendar } from './calendars.ts';
import { nextCheckOf, openCasesWithoutClocks, recomputeCaseClocks, updateCaseSummary } from './clocks.ts';
import { activePolicies, type PolicyRow } from './policies.ts';

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
      const locked = rowsOf<{ id: string }>(
        await tx.execute(sql`
          SELECT c.id FROM cases c
           WHERE c.id IN (SELECT k.case_id FROM case_clocks k WHERE k.next_check_at <= ${now}
                           ORDER BY k.next_check_at LIMIT ${batchSize})
           FOR UPDATE OF c SKIP LOCKED`),
      ).map((row) => row.id);
      const result: SweepResult = { examined: 0, recomputed: 0, warnings: 0, breaches: 0, escalations: 0 };
      if (locked.length === 0) return { ...result, more: false };
      // Still due now that the case is ours (another instance may have handled it just before);
      // locked in (case, kind) order, like markClocksStale.
      const due = await tx
        .select({ caseId: caseClocks.caseId, kind: caseClocks.kind })
        .from(caseClocks)
        .where(and(inArray(caseClocks.caseId, locked), lte(caseClocks.nextCheckAt, now)))
        .orderBy(asc(caseClocks.caseId), asc(caseClocks.kind))
        .for('update');
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
  let [clock] = await tx
    .select()
    .from(caseClocks)
    .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
  if (clock?.stale && !recomputed.has(caseId)) {
    await recomputeCaseClocks(tx, config, caseId, now, { policies });
    recomputed.add(caseId);
    result.recomputed++;
    [clock] = await tx
      .select()
      .from(caseClocks)
      .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
  }
  if (!clock) return;
  const policy = policies.find((p) => p.id === clock.policyId);
  if (!policy || clock.stoppedAt || !clock.dueAt || clock.state === 'paused') {
    await tx
      .update(caseClocks)
      .set({ nextCheckAt: null })
      .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
    return;
  }
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!c) return;
  const escalation = policy.escalation as Escalation;
  const calendar = await compiledCalendar(tx, policy.calendarId);
  const stepAt = (level: number) => {
    const step = escalation.steps[level];
    return step && clock.dueAt ? addTarget(calendar, clock.dueAt, step.after.amount, step.after.unit) : null;
  };
  const next = { ...clock };
  const base = { caseId, caseNumber: c.number, caseTitle: c.title, clock: kind, dueAt: clock.dueAt.toISOString() };
  const key = `sla:${caseId}:${kind}:${clock.startedAt.getTime()}`;

  // Warning: only while the due time is still ahead (a late sweep goes straight to the breach).
  if (!next.warnedAt && next.warnAt && next.warnAt <= now && now < clock.dueAt) {
    next.warnedAt = now;
    const notified = await recipients(tx, c, escalation.warning.notify);
    await notifyUsers(tx, config, { kind: 'sla_warning', userIds: notified, caseId, params: base, at: now, dedupeKey: `${key}:warning` });
    await tx
      .insert(slaEscalations)
      .values({ caseId, clock: kind, level: 0, at: now, departmentId: c.departmentId, ownerId: c.ownerId, actions: { notified } })
      .onConflictDoNothing();
    await event(tx, caseId, now, { kind: 'sla_warning', data: { clock: kind, dueAt: base.dueAt } });
    result.warnings++;
  }

  if (!next.breachedAt && clock.dueAt <= now) {
    next.breachedAt = clock.dueAt;
    next.state = 'breached';
    // Overdue work counts against the department that held the case when the time ran out.
    await tx
      .insert(slaBreaches)
      .values({
        caseId,
        clock: kind,
        dueAt: clock.dueAt,
        recordedAt: now,
        departmentId: c.departmentId,
        ownerId: c.ownerId,
        policyId: policy.id,
      })
      .onConflictDoNothing();
    await event(tx, caseId, now, { kind: 'sla_breached', data: { clock: kind, dueAt: base.dueAt } });
    result.breaches++;
  }

  if (next.breachedAt) {
    let current = c;
    for (let at = stepAt(next.escalationLevel); at && at <= now; at = stepAt(next.escalationLevel)) {
      const level = next.escalationLevel + 1;
      current = await carryOut(tx, config, current, escalation.steps[level - 1]!, { kind, level, now, key, base, escalation });
      next.escalationLevel = level;
      result.escalations++;
    }
  }

  next.nextCheckAt = nextCheckOf(next, policy, stepAt);
  await tx
    .update(caseClocks)
    .set({
      warnedAt: next.warnedAt,
      breachedAt: next.breachedAt,
      state: next.state,
      escalationLevel: next.escalationLevel,
      nextCheckAt: next.nextCheckAt,
      updatedAt: now,
    })
    .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
  const all = await tx.select().from(caseClocks).where(eq(caseClocks.caseId, caseId));
  await updateCaseSummary(tx, caseId, all);
}

type CaseRow = typeof cases.$inferSelect;

/** One rung of the ladder: notify, reassign, raise the priority; recorded on the timeline and in the escalations log. */
async function carryOut(
  tx: Executor,
  config: Config,
  c: CaseRow,
  step: EscalationStep,
  s: { kind: ClockKind; level: number; now: Date; key: string; base: Record<string, string>; escalation: Escalation },
): Promise<CaseRow> {
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const patch: Partial<CaseRow> = {};
  let reassignedTo: string | null = null;
  if (step.reassignTo) {
    const target = step.reassignTo === 'department_head' ? await departmentHead(tx, c.departmentId) : await gmHead(tx);
    if (target && target !== c.ownerId) {
      reassignedTo = target;
      patch.ownerId = target;
      changes.push({ field: 'ownerId', from: c.ownerId, to: target });
      if (c.ownerId) {
        await tx
          .insert(caseWatchers)
          .values({ caseId: c.id, userId: c.ownerId, reason: 'previous_owner', createdAt: s.now })
          .onConflictDoNothing();
      }
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
  if (Object.keys(patch).length > 0) {
    const [row] = await tx
      .update(cases)
      .set({ ...patch, version: c.version + 1, updatedAt: s.now })
      .where(eq(cases.id, c.id))
      .returning();
    updated = row ?? c;
  }
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
  await tx
    .insert(slaEscalations)
    .values({
      caseId: c.id,
      clock: s.kind,
      level: s.level,
      at: s.now,
      departmentId: c.departmentId,
      ownerId: c.ownerId,
      actions: { notified, reassignedTo, priority },
    })
    .onConflictDoNothing();
  await event(tx, c.id, s.now, {
    kind: 'sla_escalated',
    data: { clock: s.kind, level: s.level, notified: notified.length, reassignedTo, priority },
    changes,
  });
  return updated;
}

/** The sweep's events are the system's: no caller. */
async function event(tx: Executor, caseId: string, at: Date, e: NewCaseEvent) {
  await recordCaseEvents(tx, { actor: undefined, now: () => at }, caseId, [e]);
}

async function departmentHead(tx: Executor, departmentId: string | null): Promise<string | null> {
  if (!departmentId) return null;
  const [d] = await tx.select({ head: departments.headUserId }).from(departments).where(eq(departments.id, departmentId));
  return d?.head ?? null;
}

async function gmHead(tx: Executor): Promise<string | null> {
  const gm = await gmOfficeDepartmentId(tx, await companySettings(tx));
  return departmentHead(tx, gm);
}

/** The people a rung names, active ones only, each once. GM office: its head, or all its members when it has none. */
async function recipients(tx: Executor, c: CaseRow, who: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const w of who) {
    if (w === 'owner' && c.ownerId) ids.add(c.ownerId);
    if (w === 'watchers') {
      for (const r of await tx.select({ id: caseWatchers.userId }).from(caseWatchers).where(eq(caseWatchers.caseId, c.id))) ids.add(r.id);
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
        for (const u of await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.departmentId, gm), eq(users.isActive, true))))
          ids.add(u.id);
      }
    }
  }
  return [...ids];
}

/**
 * Give clocks to open cases registered before deadlines existed (or while no policy matched),
 * once per installation; resumable (keyset by id) and safe with several instances.
 */
export async function backfillClocks(deps: SweepDeps, batchSize = 200): Promise<number> {
  const [done] = await deps.db.select().from(settings).where(eq(settings.key, 'done:sla_backfill'));
  if (done) return 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const ids = await openCasesWithoutClocks(deps.db, after, batchSize);
    if (ids.length === 0) break;
    await transaction(deps, async (tx) => {
      // The cases first, as every use case that writes clocks does; in the order of their ids.
      const locked = rowsOf<{ id: string }>(
        await tx.execute(sql`SELECT id FROM cases WHERE ${inList(sql`id`, ids)} ORDER BY id FOR UPDATE`),
      );
      const policies = await activePolicies(tx);
      for (const { id } of locked) await recomputeCaseClocks(tx, deps.config, id, deps.now(), { policies });
    });
    count += ids.length;
    after = ids.at(-1)!;
  }
  await deps.db
    .insert(settings)
    .values({ key: 'done:sla_backfill', value: { at: deps.now().toISOString(), cases: count } })
    .onConflictDoNothing();
  return count;
}
