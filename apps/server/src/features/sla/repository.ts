import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { cases } from '../../db/schema.ts';
import { isUuid } from '../../lib/ids.ts';

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

export async function setSiteArrival(tx: Executor, c: { id: string; version: number }, arrivedAt: Date, now: Date) {
  await tx
    .update(cases)
    .set({ siteArrivedAt: arrivedAt, updatedAt: now, version: c.version + 1 })
    .where(eq(cases.id, c.id));
}

/** Every running clock is to be computed again (a calendar, a policy or the home province changed); the sweep does it. */
export async function markClocksStale(tx: Executor, now: Date) {
  // Locks the rows in (case, kind) order, as the sweep does, so the two cannot deadlock.
  await tx.execute(sql`
    UPDATE case_clocks SET stale = true, next_check_at = ${now}
     WHERE (case_id, kind) IN (SELECT case_id, kind FROM case_clocks WHERE stopped_at IS NULL AND NOT stale
                                ORDER BY case_id, kind FOR UPDATE)`);
}
