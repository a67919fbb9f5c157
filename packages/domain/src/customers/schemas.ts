import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, listOf, PageQuery, requiredText, text } from '../common/schemas.ts';

export const CUSTOMER_KINDS = ['company', 'person'] as const;
/** Importance tier: A key account … D occasional buyer. Raises case priority for A. */
export const CUSTOMER_TIERS = ['A', 'B', 'C', 'D'] as const;
export const MARKETS = ['domestic', 'foreign'] as const;
export type Market = (typeof MARKETS)[number];

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. CN'));

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  name: requiredText(200),
  /** Name in Latin letters for foreign correspondence. */
  nameEn: text(200).optional(),
  country: CountryCode,
  province: text(100).optional(),
  city: text(100).optional(),
  address: text(500).optional(),
  /** Domestic or foreign customer; drives deadlines (13 vs 17 days). Derived from country when omitted. */
  market: z.enum(MARKETS).optional(),
  tier: z.enum(CUSTOMER_TIERS).default('C'),
  notes: text(5000).optional(),
};

export const ContactBody = z.object({
  name: requiredText(100),
  title: text(100).optional(),
  phone: text(50).optional(),
  email: z.email().max(254).optional(),
  isPrimary: z.boolean().default(false),
});
export type ContactBody = z.infer<typeof ContactBody>;

export const CreateCustomerBody = z.object({
  ...customerFields,
  contacts: z.array(ContactBody).max(50).default([]),
});
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = z.object({
  version: z.number().int(),
  kind: customerFields.kind.optional(),
  name: customerFields.name.optional(),
  nameEn: text(200).nullable().optional(),
  country: CountryCode.optional(),
  province: text(100).nullable().optional(),
  city: text(100).nullable().optional(),
  address: text(500).nullable().optional(),
  market: z.enum(MARKETS).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
  notes: text(5000).nullable().optional(),
});
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

export const ContactView = z.object({
  id: Id,
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const CustomerView = z.object({
  id: Id,
  code: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  nameEn: z.string().nullable(),
  country: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  market: z.enum(MARKETS),
  tier: z.enum(CUSTOMER_TIERS),
  notes: z.string().nullable(),
  contacts: z.array(ContactView),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type CustomerView = z.infer<typeof CustomerView>;

export const ListCustomersQuery = PageQuery.extend({
  q: text(200).optional(),
  tier: listOf(z.enum(CUSTOMER_TIERS)),
  market: z.enum(MARKETS).optional(),
  country: CountryCode.optional(),
});

export const CreateProductBody = z.object({
  model: requiredText(100),
  name: requiredText(200),
  nameEn: text(200).optional(),
  category: requiredText(100),
  /** Product line, used by routing and deadline policies. */
  productLine: text(100).optional(),
  /** Warranty length in months from the sale (or installation) date. */
  warrantyMonths: z.number().int().min(0).max(240).default(12),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z.object({
  version: z.number().int(),
  name: requiredText(200).optional(),
  nameEn: text(200).nullable().optional(),
  category: requiredText(100).optional(),
  productLine: text(100).nullable().optional(),
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  isActive: z.boolean().optional(),
});

export const ProductView = z.object({
  id: Id,
  model: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  category: z.string(),
  productLine: z.string().nullable(),
  warrantyMonths: z.number().int(),
  isActive: z.boolean(),
  version: z.number().int(),
});
export type ProductView = z.infer<typeof ProductView>;

export const ListProductsQuery = PageQuery.extend({
  q: text(200).optional(),
  category: text(100).optional(),
});

export const CreateUnitBody = z.object({
  serial: requiredText(100),
  productId: Id,
  customerId: Id.optional(),
  batch: text(100).optional(),
  shipDate: IsoDate.optional(),
  installDate: IsoDate.optional(),
  /** Defaults to install (or ship) date plus the product's warranty months. */
  warrantyEnd: IsoDate.optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.object({
  version: z.number().int(),
  customerId: Id.nullable().optional(),
  batch: text(100).nullable().optional(),
  shipDate: IsoDate.nullable().optional(),
  installDate: IsoDate.nullable().optional(),
  warrantyEnd: IsoDate.nullable().optional(),
});

export const UnitView = z.object({
  id: Id,
  serial: z.string(),
  productId: Id,
  productModel: z.string(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  batch: z.string().nullable(),
  shipDate: z.string().nullable(),
  installDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  /** Whether the warranty end is today or later, in the configured time zone. */
  isUnderWarranty: z.boolean().nullable(),
  version: z.number().int(),
});
export type UnitView = z.infer<typeof UnitView>;

export const ListUnitsQuery = PageQuery.extend({
  q: text(200).optional(),
  customerId: Id.optional(),
  productId: Id.optional(),
  serial: text(100).optional(),
});

/** Add whole months to a `YYYY-MM-DD` date, clamping to the month's last day. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const nd = Math.min(d, last);
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}
