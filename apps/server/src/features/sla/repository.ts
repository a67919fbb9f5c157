import { CLOCK_EVENT_KINDS, type ClockKind } from '@closeloop/domain';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { businessCalendars, caseClocks, caseEvents, cases, customers, products, settings, slaPolicies } from '../../db/schema.ts';
import { isUuid } from '../../lib/ids.ts';
import { inList, rowsOf } from '../../lib/sql.ts';
import type { PolicyRow } from './policy-repository.ts';

/** The clocks of cases and the case rows they hang off. */

export type ClockRow = typeof caseClocks.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

// ---------------------------------------------------------------- the case

/** The facts of a case its clocks depend on, by id or number; locked for the caller's transaction when asked. */
export async function findCaseForClocks(db: Executor, idOrNumber: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({
      id: cases.id,
      number: cases.number,
      status: cases.status,
      version: cases.version,
      receivedAt: cases.receivedAt,
      visitRequired: cases.visitRequired,
      siteArrivedAt: cases.siteArrivedAt,
    })
    .from(cases)
    .where(isUuid(idOrNumber) ? eq(cases.id, idOrNumber) : eq(cases.number, idOrNumber))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findCase(tx: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row;
}

/** The case with what a policy is chosen by (customer, product line), in one query. */
export async function findCaseWithPolicyFacts(tx: Executor, caseId: string) {
  const [row] = await tx
    .select({
      c: cases,
      customerCountry: customers.country,
      customerProvince: customers.province,
      customerTier: customers.tier,
      productLine: products.productLine,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(products, eq(products.id, cases.productId))
    .where(eq(cases.id, caseId))
    .limit(1);
  return row;
}

/** The timeline events that move clocks, oldest first. */
export const clockEventRows = (tx: Executor, caseId: string) =>
  tx
    .select({
      at: caseEvents.at,
      kind: caseEvents.kind,
      visibility: caseEvents.visibility,
      changes: caseEvents.changes,
      data: caseEvents.data,
    })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.kind, [...CLOCK_EVENT_KINDS])))
    .orderBy(asc(caseEvents.id));

export async function setSiteArrival(tx: Executor, c: { id: string; version: number }, arrivedAt: Date, now: Date) {
  await tx
    .update(cases)
    .set({ siteArrivedAt: arrivedAt, updatedAt: now, version: c.version + 1 })
    .where(eq(cases.id, c.id));
}

/** The deadline summary on the case row; `slaBreached` is only ever set (a breach stays on record). */
export async function setCaseDeadlines(
  tx: Executor,
  caseId: string,
  values: { slaDueAt: Date | null; slaWarnAt: Date | null; slaBreached?: true },
) {
  await tx.update(cases).set(values).where(eq(cases.id, caseId));
}

/** A change made by an escalation step (owner, priority), as a new version of the case. */
export async function updateCaseVersion(tx: Executor, c: { id: string; version: number }, values: Partial<CaseRow>, now: Date) {
  const [row] = await tx
    .update(cases)
    .set({ ...values, version: c.version + 1, updatedAt: now })
    .where(eq(cases.id, c.id))
    .returning();
  return row;
}

// ---------------------------------------------------------------- clocks

export const clocksOf = (tx: Executor, caseId: string): Promise<ClockRow[]> =>
  tx.select().from(caseClocks).where(eq(caseClocks.caseId, caseId));

export async function findClock(tx: Executor, caseId: string, kind: ClockKind): Promise<ClockRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseClocks)
    .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
  return row;
}

/** A case's clocks with the name and targets of the policy each came from. */
export const clocksWithPolicyOf = (db: Executor, caseId: string) =>
  db
    .select({ k: caseClocks, policyName: slaPolicies.name, targets: slaPolicies.targets })
    .from(caseClocks)
    .leftJoin(slaPolicies, eq(slaPolicies.id, caseClocks.policyId))
    .where(eq(caseClocks.caseId, caseId));

/** The insert of new clocks: awaited, or handed to a caller that runs it with other writes. */
export const insertClocks = (tx: Executor, rows: ClockRow[]) => tx.insert(caseClocks).values(rows);

/** Write the clocks, replacing the rows of the same kinds. */
export async function upsertClocks(tx: Executor, rows: ClockRow[]) {
  await tx
    .insert(caseClocks)
    .values(rows)
    .onConflictDoUpdate({
      target: [caseClocks.caseId, caseClocks.kind],
      set: Object.fromEntries(
        [
          'policy_id',
          'started_at',
          'due_at',
          'warn_at',
          'state',
          'paused_ms',
          'paused_since',
          'stopped_at',
          'warned_at',
          'breached_at',
          'escalation_level',
          'next_check_at',
          'stale',
          'updated_at',
        ].map((col) => [camel(col), sql.raw(`excluded.${col}`)]),
      ),
    });
}

const camel = (s: string) => s.replace(/_(\w)/g, (_m, ch: string) => ch.toUpperCase());

export async function deleteClocks(tx: Executor, caseId: string, kinds: ClockKind[]) {
  await tx.delete(caseClocks).where(and(eq(caseClocks.caseId, caseId), inArray(caseClocks.kind, kinds)));
}

/** What the sweep moved on: warning sent, breach, escalation level, when to look again. */
export async function updateClock(
  tx: Executor,
  caseId: string,
  kind: ClockKind,
  values: Partial<Pick<ClockRow, 'warnedAt' | 'breachedAt' | 'state' | 'escalationLevel' | 'nextCheckAt' | 'updatedAt'>>,
) {
  await tx
    .update(caseClocks)
    .set(values)
    .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind)));
}

/** Every running clock is to be computed again (a calendar, a policy or the home province changed); the sweep does it. */
export async function markClocksStale(tx: Executor, now: Date) {
  // Locks the rows in (case, kind) order, as the sweep does, so the two cannot deadlock.
  await tx.execute(sql`
    UPDATE case_clocks SET stale = true, next_check_at = ${now}
     WHERE (case_id, kind) IN (SELECT case_id, kind FROM case_clocks WHERE stopped_at IS NULL AND NOT stale
                                ORDER BY case_id, kind FOR UPDATE)`);
}

// ---------------------------------------------------------------- the sweep

/**
 * Lock (skipping those being changed) up to `limit` cases with a clock due by `now`: the case row
 * first, as every use case that writes clocks takes it.
 */
export async function lockCasesWithDueClocks(tx: Executor, now: Date, limit: number): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await tx.execute(sql`
      SELECT c.id FROM cases c
       WHERE c.id IN (SELECT k.case_id FROM case_clocks k WHERE k.next_check_at <= ${now}
                       ORDER BY k.next_check_at LIMIT ${limit})
       FOR UPDATE OF c SKIP LOCKED`),
  ).map((row) => row.id);
}

/** The clocks of these cases still due by `now`, locked in (case, kind) order like `markClocksStale`. */
export const lockDueClocks = (tx: Executor, caseIds: string[], now: Date) =>
  tx
    .select({ caseId: caseClocks.caseId, kind: caseClocks.kind })
    .from(caseClocks)
    .where(and(inArray(caseClocks.caseId, caseIds), lte(caseClocks.nextCheckAt, now)))
    .orderBy(asc(caseClocks.caseId), asc(caseClocks.kind))
    .for('update');

/** Open cases that have no clocks yet (created before deadlines existed), after `afterId`: for the backfill. */
export async function openCasesWithoutClocks(db: Executor, afterId: string, limit: number): Promise<string[]> {
  const rows = await db.execute(sql`
    SELECT c.id FROM cases c
     WHERE c.id > ${afterId}::uuid AND c.status NOT IN ('closed', 'rejected')
       AND NOT EXISTS (SELECT 1 FROM case_clocks k WHERE k.case_id = c.id)
     ORDER BY c.id LIMIT ${limit}`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

/** Lock the cases in the order of their ids; answers those that exist. */
export async function lockCases(tx: Executor, ids: string[]): Promise<string[]> {
  return rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM cases WHERE ${inList(sql`id`, ids)} ORDER BY id FOR UPDATE`)).map(
    (r) => r.id,
  );
}

export async function isBackfillDone(db: Executor): Promise<boolean> {
  const [done] = await db.select().from(settings).where(eq(settings.key, 'done:sla_backfill'));
  return done !== undefined;
}

export async function markBackfillDone(db: Executor, value: { at: string; cases: number }) {
  await db.insert(settings).values({ key: 'done:sla_backfill', value }).onConflictDoNothing();
}

// ---------------------------------------------------------------- what a new case's deadlines need

/** Company settings (unparsed), the active policies in order and every calendar's version, in one statement. */
export async function loadSlaContext(
  db: Executor,
): Promise<{ company: unknown; policies: PolicyRow[]; calendarVersions: Map<string, number> }> {
  const [row] = rowsOf<{ company: unknown; policies: Record<string, unknown>[]; calendars: Record<string, number> }>(
    await db.execute(sql`
      SELECT (SELECT s.value FROM ${settings} s WHERE s.key = 'company') AS company,
        (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.position, p.created_at), '[]'::jsonb)
           FROM ${slaPolicies} p WHERE p.is_active) AS policies,
        (SELECT coalesce(jsonb_object_agg(b.id, b.version), '{}'::jsonb) FROM ${businessCalendars} b) AS calendars`),
  );
  return {
    company: row?.company,
    policies: (row?.policies ?? []).map(policyFromJson),
    calendarVersions: new Map(Object.entries(row?.calendars ?? {})),
  };
}

/** A policy row as `to_jsonb` spells it (snake case, timestamps as text). */
const policyFromJson = (p: Record<string, unknown>): PolicyRow => ({
  id: p.id as string,
  name: p.name as string,
  position: p.position as number,
  isActive: p.is_active as boolean,
  conditions: p.conditions,
  targets: p.targets,
  calendarId: p.calendar_id as string,
  pauseStatuses: p.pause_statuses as PolicyRow['pauseStatuses'],
  warningPercent: p.warning_percent as number,
  escalation: p.escalation,
  createdAt: new Date(p.created_at as string),
  updatedAt: new Date(p.updated_at as string),
  version: p.version as number,
});
