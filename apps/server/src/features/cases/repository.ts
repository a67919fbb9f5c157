import { and, asc, eq, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import {
  attachments,
  caseEvents,
  caseLinks,
  caseNumberCounters,
  cases,
  caseWatchers,
  customers,
  idempotencyKeys,
  products,
  units,
  users,
} from '../../db/schema.ts';
import { isUuid } from '../../lib/ids.ts';
import { inList, rowsOf } from '../../lib/sql.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
/**
 * Next serial of the month. The counter row is locked until the creating transaction ends, so
 * concurrent creations take turns and a rolled-back creation gives its number back: no gaps, no duplicates.
 */
export async function allocateSerial(tx: Executor, period: string): Promise<number> {
  const rows = await tx
    .insert(caseNumberCounters)
    .values({ period, lastSerial: 1 })
    .onConflictDoUpdate({ target: caseNumberCounters.period, set: { lastSerial: sql`${caseNumberCounters.lastSerial} + 1` } })
    .returning({ serial: caseNumberCounters.lastSerial });
  const serial = rows[0]?.serial;
  if (serial === undefined) throw new Error('counter returned no row');
  return serial;
}

/**
 * Insert a case together with rows that belong to it (timeline, watchers, clocks, outbox …) in ONE
 * statement: each of `with` runs as a data-modifying CTE; foreign keys are checked at the end of the
 * statement, when the case row exists. One round trip while the month's counter is locked.
 */
export async function insertCaseWith(tx: Executor, values: CaseInsert, writes: readonly SQLWrapper[]) {
  const ctes = writes.map((w, i) => tx.$with(`w${i}`, {}).as(w.getSQL()));
  const [row] = await tx
    .with(...ctes)
    .insert(cases)
    .values(values)
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertCase(tx: Executor, values: CaseInsert) {
  const [row] = await tx.insert(cases).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Load by id or number; `forUpdate` locks the row for the rest of the transaction. */
export async function findCase(db: Executor, idOrNumber: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(cases)
    .where(isUuid(idOrNumber) ? eq(cases.id, idOrNumber) : eq(cases.number, idOrNumber))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Apply `values` if the row still has `expectedVersion`; undefined when it does not. */
export async function updateCase(tx: Executor, id: string, expectedVersion: number, values: Partial<CaseInsert>, now: Date) {
  const rows = await tx
    .update(cases)
    .set({ ...values, updatedAt: now, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, id), eq(cases.version, expectedVersion)))
    .returning();
  return rows[0];
}

/** Mark activity (a comment, an upload) without changing the record's version. */
export async function touchCase(tx: Executor, id: string, now: Date) {
  await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, id));
}

/** The INSERT of timeline rows, unexecuted (see `insertCaseWith`). Rows come from `toEventRow` (timeline.ts), typed by kind. */
/** The INSERT of links, unexecuted (see `insertCaseWith`). */
export const linksInsert = (tx: Executor, links: (typeof caseLinks.$inferInsert)[]) =>
  tx.insert(caseLinks).values(links).onConflictDoNothing();

/** The INSERT of an idempotency key, unexecuted (see `insertCaseWith`). */
export const idempotencyKeyInsert = (tx: Executor, values: typeof idempotencyKeys.$inferInsert) =>
  tx.insert(idempotencyKeys).values(values);

/** Who last proposed the handling of a case and who last asked for its approval (transition events). */
export async function proposalActors(db: Executor, caseId: string): Promise<string[]> {
  const rows = rowsOf<{ actor_id: string | null }>(
    await db.execute(sql`
      SELECT DISTINCT ON (data->>'action') actor_id FROM case_events
       WHERE case_id = ${caseId} AND kind = 'transition' AND data->>'action' IN ('propose', 'request_approval')
       ORDER BY data->>'action', id DESC`),
  );
  return rows.flatMap((r) => (r.actor_id ? [r.actor_id] : []));
}

const actor = alias(users, 'actor');

export function listEvents(db: Executor, caseId: string) {
  return db
    .select({ event: caseEvents, actorName: actor.displayName })
    .from(caseEvents)
    .leftJoin(actor, eq(actor.id, caseEvents.actorId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id));
}

export async function insertLinks(tx: Executor, links: (typeof caseLinks.$inferInsert)[]) {
  if (links.length === 0) return;
  await tx.insert(caseLinks).values(links).onConflictDoNothing();
}

/** What a registration or an edit refers to, as far as the case needs it. */
export interface References {
  customer: { id: string; name: string; tier: string; market: string; country: string; province: string | null } | null;
  contact: { id: string; customerId: string; name: string; email: string | null } | null;
  product: { id: string; model: string; name: string; productLine: string | null } | null;
  unit: {
    id: string;
    productId: string;
    customerId: string | null;
    serial: string;
    batch: string | null;
    warrantyEnd: string | null;
  } | null;
  users: { id: string; displayName: string; isActive: boolean; email: string | null; locale: string; departmentId: string | null }[];
  departmentIds: string[];
}

const uuidOrNull = (id: string | null | undefined) => sql`${id ?? null}::uuid`;

/**
 * Every record a case refers to, in one statement. The customer and product default to the unit's
 * when only the unit is named (the case takes them from it).
 */
export async function findReferences(
  db: Executor,
  ids: {
    customerId?: string | null | undefined;
    contactId?: string | null | undefined;
    productId?: string | null | undefined;
    unitId?: string | null | undefined;
    userIds: string[];
    departmentIds: string[];
  },
): Promise<References> {
  const unitId = uuidOrNull(ids.unitId);
  const customerId = sql`coalesce(${uuidOrNull(ids.customerId)}, (SELECT u.customer_id FROM units u WHERE u.id = ${unitId}))`;
  const productId = sql`coalesce(${uuidOrNull(ids.productId)}, (SELECT u.product_id FROM units u WHERE u.id = ${unitId}))`;
  const list = (values: string[]) =>
    values.length
      ? sql.join(
          values.map((v) => sql`${v}::uuid`),
          sql`, `,
        )
      : sql`NULL::uuid`;
  const result = await db.execute(sql`
    SELECT
      (SELECT jsonb_build_object('id', c.id, 'name', c.name, 'tier', c.tier, 'market', c.market, 'country', c.country, 'province', c.province)
         FROM customers c WHERE c.id = ${customerId}) AS customer,
      (SELECT jsonb_build_object('id', x.id, 'customerId', x.customer_id, 'name', x.name, 'email', x.email)
         FROM contacts x WHERE x.id = ${uuidOrNull(ids.contactId)}) AS contact,
      (SELECT jsonb_build_object('id', p.id, 'model', p.model, 'name', p.name, 'productLine', p.product_line)
         FROM products p WHERE p.id = ${productId}) AS product,
      (SELECT jsonb_build_object('id', u.id, 'productId', u.product_id, 'customerId', u.customer_id, 'serial', u.serial, 'batch', u.batch,
              'warrantyEnd', u.warranty_end)
         FROM units u WHERE u.id = ${unitId}) AS unit,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'displayName', u.display_name, 'isActive', u.is_active, 'email', u.email,
              'locale', u.locale, 'departmentId', u.department_id)), '[]'::jsonb)
         FROM users u WHERE u.id IN (${list(ids.userIds)})) AS users,
      (SELECT coalesce(jsonb_agg(d.id), '[]'::jsonb) FROM departments d WHERE d.id IN (${list(ids.departmentIds)})) AS departments`);
  const [row] = rowsOf<{
    customer: References['customer'];
    contact: References['contact'];
    product: References['product'];
    unit: References['unit'];
    users: References['users'];
    departments: string[];
  }>(result);
  if (!row) throw new Error('references query returned no row');
  return {
    customer: row.customer,
    contact: row.contact,
    product: row.product,
    unit: row.unit,
    users: row.users,
    departmentIds: row.departments,
  };
}

/** Numbers of the cases among `ids` that exist. */
export async function caseNumbersOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: cases.id, number: cases.number }).from(cases).where(inList(cases.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}

// ---------------------------------------------------------------- detail and list

const owner = alias(users, 'owner');
const receivedBy = alias(users, 'received_by');
const firstResponder = alias(users, 'first_responder');

const detailColumns = {
  c: cases,
  customerName: customers.name,
  customerTier: customers.tier,
  customerMarket: customers.market,
  productModel: products.model,
  productName: products.name,
  unitSerial: units.serial,
  unitWarrantyEnd: units.warrantyEnd,
  ownerName: owner.displayName,
  receivedByName: receivedBy.displayName,
  firstResponderName: firstResponder.displayName,
};

export type CaseDetailRow = {
  c: CaseRow;
  customerName: string | null;
  customerTier: string | null;
  customerMarket: string | null;
  productModel: string | null;
  productName: string | null;
  unitSerial: string | null;
  unitWarrantyEnd: string | null;
  ownerName: string | null;
  receivedByName: string | null;
  firstResponderName: string | null;
};

/**
 * A case with everything its detail shows except the clocks, in one statement: the joined names,
 * its links (with the linked cases' numbers) and its watchers, by id or number.
 */
export async function findCaseView(db: Executor, idOrNumber: string) {
  const rows = await db
    .select({
      ...detailColumns,
      links: sql<{ caseId: string; kind: string; number: string }[]>`(
        SELECT coalesce(jsonb_agg(jsonb_build_object('caseId', l.linked_case_id, 'kind', l.kind, 'number', lc.number) ORDER BY l.created_at), '[]'::jsonb)
          FROM ${caseLinks} l JOIN ${cases} lc ON lc.id = l.linked_case_id WHERE l.case_id = ${cases.id})`,
      watchers: sql<{ userId: string; displayName: string; reason: string }[]>`(
        SELECT coalesce(jsonb_agg(jsonb_build_object('userId', w.user_id, 'displayName', wu.display_name, 'reason', w.reason) ORDER BY w.created_at), '[]'::jsonb)
          FROM ${caseWatchers} w JOIN ${users} wu ON wu.id = w.user_id WHERE w.case_id = ${cases.id})`,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(products, eq(products.id, cases.productId))
    .leftJoin(units, eq(units.id, cases.unitId))
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .leftJoin(receivedBy, eq(receivedBy.id, cases.receivedById))
    .leftJoin(firstResponder, eq(firstResponder.id, cases.firstResponderId))
    .where(isUuid(idOrNumber) ? eq(cases.id, idOrNumber) : eq(cases.number, idOrNumber))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  const { links, watchers, ...detail } = row;
  return {
    detail: detail as CaseDetailRow,
    links,
    watchers: watchers.map((w) => ({ ...w, reason: w.reason as 'first_responder' | 'previous_owner' | 'manual' })),
  };
}

// ---------------------------------------------------------------- attachments

export async function insertAttachment(tx: Executor, values: typeof attachments.$inferInsert) {
  const [row] = await tx.insert(attachments).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

const uploader = alias(users, 'uploader');

export function listAttachments(db: Executor, caseId: string) {
  return db
    .select({ a: attachments, uploaderName: uploader.displayName })
    .from(attachments)
    .leftJoin(uploader, eq(uploader.id, attachments.uploadedById))
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt));
}

export async function findAttachment(db: Executor, caseId: string, id: string) {
  const rows = await db
    .select({ a: attachments, uploaderName: uploader.displayName })
    .from(attachments)
    .leftJoin(uploader, eq(uploader.id, attachments.uploadedById))
    .where(and(eq(attachments.caseId, caseId), eq(attachments.id, id)))
    .limit(1);
  return rows[0];
}

// ---------------------------------------------------------------- idempotency

export async function findIdempotencyKey(db: Executor, userId: string, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return rows[0];
}

export async function insertIdempotencyKey(tx: Executor, values: typeof idempotencyKeys.$inferInsert) {
  await tx.insert(idempotencyKeys).values(values);
}
