import { CUSTOMER_KINDS, CUSTOMER_TIERS, MARKETS, type Market } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgSequence, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, updatedAt, version } from './columns.ts';

/** Feeds customer codes `C000001`. */
export const customerCodeSeq = pgSequence('customer_code_seq');

export const customers = pgTable(
  'customers',
  {
    id: id(),
    /** Human reference, `C000123`. */
    code: text('code').notNull().unique(),
    kind: text('kind').$type<(typeof CUSTOMER_KINDS)[number]>().notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    country: text('country').notNull(),
    province: text('province'),
    city: text('city'),
    address: text('address'),
    market: text('market').$type<Market>().notNull(),
    tier: text('tier').$type<(typeof CUSTOMER_TIERS)[number]>().notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('customers_kind_check', oneOf('kind', CUSTOMER_KINDS)),
    check('customers_market_check', oneOf('market', MARKETS)),
    check('customers_tier_check', oneOf('tier', CUSTOMER_TIERS)),
    index('customers_name_trgm_idx').using('gin', sql`(${t.name} || ' ' || coalesce(${t.nameEn}, '')) gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId)],
);

export const products = pgTable('products', {
  id: id(),
  model: text('model').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  category: text('category').notNull(),
  productLine: text('product_line'),
  warrantyMonths: integer('warranty_months').notNull().default(12),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

/** An installed unit (a serial-numbered product at a customer). */
export const units = pgTable(
  'units',
  {
    id: id(),
    /** Unique regardless of letter case: `SN-1` and `sn-1` are one unit. */
    serial: text('serial').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    customerId: uuid('customer_id').references(() => customers.id),
    batch: text('batch'),
    shipDate: date('ship_date', { mode: 'string' }),
    installDate: date('install_date', { mode: 'string' }),
    warrantyEnd: date('warranty_end', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('units_serial_lower_idx').on(sql`lower(${t.serial})`),
    index('units_customer_idx').on(t.customerId),
    index('units_product_idx').on(t.productId),
  ],
);
