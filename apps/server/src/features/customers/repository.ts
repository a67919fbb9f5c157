import type { Market } from '@closeloop/domain';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { contacts, customers, products, units } from '../../db/schema.ts';
import { containsPattern, inList, offsetOf } from '../../lib/sql.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

export async function insertCustomer(db: Executor, values: Omit<typeof customers.$inferInsert, 'code'>) {
  const [row] = await db
    .insert(customers)
    .values({ ...values, code: sql`'C' || lpad(nextval('customer_code_seq')::text, 6, '0')` })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertContacts(db: Executor, values: (typeof contacts.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(contacts).values(values).returning();
}

export async function findCustomer(db: Executor, id: string) {
  return (await db.select().from(customers).where(eq(customers.id, id)).limit(1))[0];
}

export const contactsOf = (db: Executor, customerId: string) =>
  db.select().from(contacts).where(eq(contacts.customerId, customerId)).orderBy(desc(contacts.isPrimary), asc(contacts.createdAt));

export async function findContact(db: Executor, id: string) {
  return (await db.select().from(contacts).where(eq(contacts.id, id)).limit(1))[0];
}

export async function updateCustomer(db: Executor, id: string, expectedVersion: number, values: Partial<typeof customers.$inferInsert>) {
  const rows = await db
    .update(customers)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${customers.version} + 1` })
    .where(and(eq(customers.id, id), eq(customers.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function listCustomers(
  db: Executor,
  filter: {
    q?: string | undefined;
    tier?: string[] | undefined;
    market?: Market | undefined;
    country?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    where.push(
      sql`((${customers.name} || ' ' || coalesce(${customers.nameEn}, '')) ILIKE ${pattern} OR ${customers.code} = upper(${filter.q}))`,
    );
  }
  if (filter.tier?.length) where.push(inList(customers.tier, filter.tier));
  if (filter.market) where.push(eq(customers.market, filter.market));
  if (filter.country) where.push(eq(customers.country, filter.country));
  const cond = where.length ? and(...where) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(cond)
      .orderBy(asc(customers.name), asc(customers.id))
      .limit(filter.pageSize)
      .offset(offsetOf(filter.page, filter.pageSize)),
    db.select({ n: count() }).from(customers).where(cond),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Contacts of several customers, grouped. */
export async function contactsOfMany(db: Executor, customerIds: string[]) {
  const out = new Map<string, ContactRow[]>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .select()
    .from(contacts)
    .where(inList(contacts.customerId, customerIds))
    .orderBy(desc(contacts.isPrimary), asc(contacts.createdAt));
  for (const r of rows) out.set(r.customerId, [...(out.get(r.customerId) ?? []), r]);
  return out;
}

// ---------------------------------------------------------------- products

export async function insertProduct(db: Executor, values: typeof products.$inferInsert) {
  const [row] = await db.insert(products).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findProduct(db: Executor, id: string) {
  return (await db.select().from(products).where(eq(products.id, id)).limit(1))[0];
}

export async function updateProduct(db: Executor, id: string, expectedVersion: number, values: Partial<typeof products.$inferInsert>) {
  const rows = await db
    .update(products)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${products.version} + 1` })
    .where(and(eq(products.id, id), eq(products.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function listProducts(
  db: Executor,
  filter: { q?: string | undefined; category?: string | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    where.push(
      sql`(${products.model} ILIKE ${pattern} OR ${products.name} ILIKE ${pattern} OR coalesce(${products.nameEn}, '') ILIKE ${pattern})`,
    );
  }
  if (filter.category) where.push(eq(products.category, filter.category));
  const cond = where.length ? and(...where) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(products)
      .where(cond)
      .orderBy(asc(products.model))
      .limit(filter.pageSize)
      .offset(offsetOf(filter.page, filter.pageSize)),
    db.select({ n: count() }).from(products).where(cond),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

// ---------------------------------------------------------------- units

const unitColumns = {
  unit: units,
  productModel: products.model,
  warrantyMonths: products.warrantyMonths,
  customerName: customers.name,
};

const unitQuery = (db: Executor) =>
  db
    .select(unitColumns)
    .from(units)
    .innerJoin(products, eq(products.id, units.productId))
    .leftJoin(customers, eq(customers.id, units.customerId));

export type UnitWithNames = { unit: UnitRow; productModel: string; warrantyMonths: number; customerName: string | null };

export async function insertUnit(db: Executor, values: typeof units.$inferInsert) {
  const [row] = await db.insert(units).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findUnit(db: Executor, id: string): Promise<UnitWithNames | undefined> {
  return (await unitQuery(db).where(eq(units.id, id)).limit(1))[0];
}

export async function updateUnit(db: Executor, id: string, expectedVersion: number, values: Partial<typeof units.$inferInsert>) {
  const rows = await db
    .update(units)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${units.version} + 1` })
    .where(and(eq(units.id, id), eq(units.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function listUnits(
  db: Executor,
  filter: {
    q?: string | undefined;
    customerId?: string | undefined;
    productId?: string | undefined;
    serial?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    where.push(
      sql`(${units.serial} ILIKE ${pattern} OR coalesce(${units.batch}, '') ILIKE ${pattern} OR ${products.model} ILIKE ${pattern})`,
    );
  }
  if (filter.serial) where.push(sql`lower(${units.serial}) = lower(${filter.serial})`);
  if (filter.customerId) where.push(eq(units.customerId, filter.customerId));
  if (filter.productId) where.push(eq(units.productId, filter.productId));
  const cond = where.length ? and(...where) : undefined;
  const [items, totals] = await Promise.all([
    unitQuery(db).where(cond).orderBy(asc(units.serial)).limit(filter.pageSize).offset(offsetOf(filter.page, filter.pageSize)),
    db.select({ n: count() }).from(units).innerJoin(products, eq(products.id, units.productId)).where(cond),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}
