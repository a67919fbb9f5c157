import type { BreachRow, EscalationsQuery, EscalationView } from '@closeloop/domain';
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { cases, slaEscalations, users } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { offsetOf, rowsOf } from '../../lib/sql.ts';
import { zonedMidnight } from '../../lib/time.ts';

/** Warnings and escalation steps, newest first; `open` = not yet acknowledged by a person. */
export async function listEscalations(ctx: Ctx, q: EscalationsQuery) {
  ensure(ctx.actor, 'cases:read');
  const where: SQL[] = [];
  if (q.departmentId) where.push(eq(slaEscalations.departmentId, q.departmentId));
  if (q.open === 'true') where.push(isNull(slaEscalations.acknowledgedAt));
  if (q.open === 'false') where.push(sql`${slaEscalations.acknowledgedAt} IS NOT NULL`);
  const filter = where.length ? and(...where) : undefined;
  const rows = await ctx.db
    .select({ e: slaEscalations, caseNumber: cases.number, caseTitle: cases.title, ownerName: users.displayName })
    .from(slaEscalations)
    .innerJoin(cases, eq(cases.id, slaEscalations.caseId))
    .leftJoin(users, eq(users.id, slaEscalations.ownerId))
    .where(filter)
    .orderBy(desc(slaEscalations.at), desc(slaEscalations.id))
    .limit(q.pageSize)
    .offset(offsetOf(q.page, q.pageSize));
  const [total] = await ctx.db.select({ n: count() }).from(slaEscalations).where(filter);
  return { items: rows.map(present), page: q.page, pageSize: q.pageSize, total: Number(total?.n ?? 0) };
}

type Row = { e: typeof slaEscalations.$inferSelect; caseNumber: string; caseTitle: string; ownerName: string | null };

function present({ e, caseNumber, caseTitle, ownerName }: Row): EscalationView {
  const a = e.actions as { notified?: string[]; reassignedTo?: string | null; priority?: EscalationView['priority'] };
  return {
    id: e.id,
    caseId: e.caseId,
    caseNumber,
    caseTitle,
    clock: e.clock as EscalationView['clock'],
    level: e.level,
    at: e.at.toISOString(),
    departmentId: e.departmentId,
    ownerId: e.ownerId,
    ownerName,
    notified: a.notified ?? [],
    reassignedTo: a.reassignedTo ?? null,
    priority: a.priority ?? null,
    acknowledgedAt: e.acknowledgedAt ? e.acknowledgedAt.toISOString() : null,
  };
}

/** A person has seen the escalation and taken it on. */
export async function acknowledgeEscalation(ctx: Ctx, id: number) {
  ensure(ctx.actor, 'cases:handle');
  const [row] = await ctx.db
    .update(slaEscalations)
    .set({
      acknowledgedAt: sql`coalesce(${slaEscalations.acknowledgedAt}, ${ctx.now()})`,
      acknowledgedById: sql`coalesce(${slaEscalations.acknowledgedById}, ${ctx.actor.userId}::uuid)`,
    })
    .where(eq(slaEscalations.id, id))
    .returning({ id: slaEscalations.id });
  if (!row) throw notFound('escalation', String(id));
  const page = await ctx.db
    .select({ e: slaEscalations, caseNumber: cases.number, caseTitle: cases.title, ownerName: users.displayName })
    .from(slaEscalations)
    .innerJoin(cases, eq(cases.id, slaEscalations.caseId))
    .leftJoin(users, eq(users.id, slaEscalations.ownerId))
    .where(eq(slaEscalations.id, id));
  return present(page[0]!);
}

/** Breaches per department in a period of local dates (inclusive): what each department is counted for. */
export async function breachSummary(ctx: Ctx, from: string, to: string): Promise<BreachRow[]> {
  ensure(ctx.actor, 'cases:read');
  const start = zonedMidnight(from, ctx.config.timeZone);
  const end = new Date(zonedMidnight(to, ctx.config.timeZone).getTime() + 86_400_000);
  const rows = rowsOf<{ department_id: string | null; clock: string; n: number }>(
    await ctx.db.execute(sql`
      SELECT department_id, clock, count(*)::int AS n FROM sla_breaches
       WHERE due_at >= ${start} AND due_at < ${end}
       GROUP BY department_id, clock`),
  );
  const byDept = new Map<string | null, { departmentId: string | null; breaches: number; byClock: Record<string, number> }>();
  for (const r of rows) {
    const d = byDept.get(r.department_id) ?? { departmentId: r.department_id, breaches: 0, byClock: {} };
    d.breaches += Number(r.n);
    d.byClock[r.clock] = Number(r.n);
    byDept.set(r.department_id, d);
  }
  return [...byDept.values()].sort((a, b) => b.breaches - a.breaches);
}
