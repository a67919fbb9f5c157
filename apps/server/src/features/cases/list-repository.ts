import { and, asc, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { cases, customers, products, users } from '../../db/schema.ts';
import { containsPattern, inList, offsetOf, rowsOf } from '../../lib/sql.ts';

/** The register's lists: filters, full-text match, sorts, counts (shared by the list and the export). */

const owner = alias(users, 'owner');

export interface CaseFilter {
  q?: string | undefined;
  status?: string[] | undefined;
  type?: string[] | undefined;
  severity?: string[] | undefined;
  grade?: string[] | undefined;
  priority?: string[] | undefined;
  departmentId?: string | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  productId?: string | undefined;
  unitId?: string | undefined;
  tag?: string | undefined;
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  updatedSince?: Date | undefined;
  /** Deadline queue, judged at `now`. */
  sla?: { kind: 'due_soon' | 'overdue' | 'breached'; now: Date } | undefined;
}

export const TERMINAL = ['closed', 'rejected'];

/**
 * The text condition, by the kind of term. A term of two or three characters with a non-ASCII
 * character (Chinese) is found through its bigrams (GIN on search_bigrams, migration 0010): pg_trgm
 * has no trigram for two characters and scanned every case. The substring is then confirmed on
 * search_text with strpos, which no index serves, so the planner cannot pick the trigram index for it.
 * Longer terms and ASCII terms use the trigram index through ILIKE: the planner multiplies the
 * frequencies of a phrase's bigrams as if they were independent, underestimates a common four-character
 * phrase (尺寸超差: 95 rows estimated, 47,164 found at 1M cases) and sorts every match (bench/README.md).
 */
export function textMatch(q: string): SQL {
  const chars = [...q];
  if (chars.length >= 2 && chars.length <= 3 && chars.some((ch) => ch.charCodeAt(0) > 0x7f)) {
    return sql`(${cases.searchBigrams} @> search_bigrams(${q}::text) AND strpos(lower(${cases.searchText}), lower(${q}::text)) > 0)`;
  }
  return sql`${cases.searchText} ILIKE ${containsPattern(q)}`;
}

function whereOf(f: CaseFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.q) where.push(or(eq(cases.number, f.q.trim()), textMatch(f.q.trim())) as SQL);
  if (f.status?.length) {
    const explicit = f.status.filter((s) => s !== 'open');
    const parts: SQL[] = [];
    if (explicit.length) parts.push(inList(cases.status, explicit));
    if (f.status.includes('open')) parts.push(sql`${cases.status} NOT IN ('closed', 'rejected')`);
    where.push(parts.length === 1 ? (parts[0] as SQL) : (or(...parts) as SQL));
  }
  if (f.type?.length) where.push(inList(cases.type, f.type));
  if (f.severity?.length) where.push(inList(cases.severity, f.severity));
  if (f.grade?.length) where.push(inList(cases.grade, f.grade));
  if (f.priority?.length) where.push(inList(cases.priority, f.priority));
  if (f.departmentId) where.push(eq(cases.departmentId, f.departmentId));
  if (f.ownerId === 'none') where.push(sql`${cases.ownerId} IS NULL`);
  else if (f.ownerId) where.push(eq(cases.ownerId, f.ownerId));
  if (f.customerId) where.push(eq(cases.customerId, f.customerId));
  if (f.productId) where.push(eq(cases.productId, f.productId));
  if (f.unitId) where.push(eq(cases.unitId, f.unitId));
  if (f.tag) where.push(sql`${cases.tags} @> ARRAY[${f.tag}]::text[]`);
  if (f.from) where.push(gte(cases.receivedAt, f.from));
  if (f.to) where.push(lt(cases.receivedAt, f.to));
  if (f.updatedSince) where.push(gte(cases.updatedAt, f.updatedSince));
  if (f.sla) {
    // Written as the partial indexes cases_open_due_idx / cases_open_warn_idx expect.
    const open = sql`${cases.status} NOT IN ('closed', 'rejected')`;
    if (f.sla.kind === 'overdue') where.push(sql`${open} AND ${cases.slaDueAt} IS NOT NULL AND ${cases.slaDueAt} <= ${f.sla.now}`);
    if (f.sla.kind === 'due_soon') {
      where.push(
        sql`${open} AND ${cases.slaWarnAt} IS NOT NULL AND ${cases.slaWarnAt} <= ${f.sla.now} AND ${cases.slaDueAt} > ${f.sla.now}`,
      );
    }
    if (f.sla.kind === 'breached') where.push(eq(cases.slaBreached, true));
  }
  return where.length ? and(...where) : undefined;
}

const SORTS: Record<string, SQL[]> = {
  createdAt: [asc(cases.createdAt), asc(cases.id)],
  '-createdAt': [desc(cases.createdAt), desc(cases.id)],
  updatedAt: [asc(cases.updatedAt), asc(cases.id)],
  '-updatedAt': [desc(cases.updatedAt), desc(cases.id)],
  receivedAt: [asc(cases.receivedAt), asc(cases.id)],
  '-receivedAt': [desc(cases.receivedAt), desc(cases.id)],
  number: [asc(cases.number)],
  '-number': [desc(cases.number)],
  // P1 is the most urgent: "priority" ascending lists P1 first.
  priority: [asc(cases.priority), desc(cases.createdAt), desc(cases.id)],
  '-priority': [desc(cases.priority), desc(cases.createdAt), desc(cases.id)],
  // Soonest deadline first; cases without a running clock last.
  slaDueAt: [sql`${cases.slaDueAt} ASC NULLS LAST`, asc(cases.id)],
  '-slaDueAt': [sql`${cases.slaDueAt} DESC NULLS LAST`, desc(cases.id)],
};

export async function listCases(db: Executor, filter: CaseFilter, sort: string, page: number, pageSize: number) {
  const cond = whereOf(filter);
  const items = await db
    .select({
      c: {
        id: cases.id,
        number: cases.number,
        type: cases.type,
        status: cases.status,
        title: cases.title,
        severity: cases.severity,
        grade: cases.grade,
        priority: cases.priority,
        channel: cases.channel,
        departmentId: cases.departmentId,
        receivedAt: cases.receivedAt,
        createdAt: cases.createdAt,
        updatedAt: cases.updatedAt,
        version: cases.version,
        customerId: cases.customerId,
        productId: cases.productId,
        ownerId: cases.ownerId,
        slaDueAt: cases.slaDueAt,
        slaWarnAt: cases.slaWarnAt,
        slaBreached: cases.slaBreached,
      },
      customerName: customers.name,
      productModel: products.model,
      ownerName: owner.displayName,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(products, eq(products.id, cases.productId))
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .where(cond)
    .orderBy(...(SORTS[sort] ?? (SORTS['-createdAt'] as SQL[])))
    .limit(pageSize)
    .offset(offsetOf(page, pageSize));
  return items;
}

export type CaseListRow = Awaited<ReturnType<typeof listCases>>[number];

/**
 * Matching cases, counted up to `cap`: past it the answer is `cap + 1` ("more than cap"), so a
 * broad filter over a million cases costs a bounded scan instead of a full count.
 */
export async function countCases(db: Executor, filter: CaseFilter, cap?: number): Promise<number> {
  const where = whereOf(filter) ?? sql`true`;
  const query =
    cap === undefined
      ? sql`SELECT count(*)::int AS n FROM ${cases} WHERE ${where}`
      : sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${cases} WHERE ${where} LIMIT ${cap + 1}) AS matching`;
  return Number(rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0);
}
