import { z } from 'zod';
import { requiredText, text } from '../common/schemas.ts';

/**
 * Warranty terms (三包条款) as data. The defaults are China's consumer-goods rules
 * (《部分商品修理更换退货责任规定》): return within 7 days, exchange within 15 days, free repair within
 * the warranty, exchange or refund when the same performance fault is back after two repairs,
 * repair time extending the warranty, depreciation deducted from a refund after the return window.
 *
 * Industrial supply contracts are often stricter or looser (no return window, a longer warranty, no
 * refund at all, a different depreciation rate): such terms are simply another `WarrantyTerms`
 * value — from a contract, from a product category's table (`termsFor`), or built in code — and
 * `evaluateWarranty` applies whatever it is given. Nothing here is hard-coded law.
 */

/** The adjustable fields, without defaults: the shape of a category's overrides. */
const termFields = {
  /** Days after the sale in which the customer may return the product (退货). 0 = no return window. */
  returnDays: z.number().int().min(0).max(365),
  /** Days after the sale in which the customer may exchange it (换货). 0 = no exchange window. */
  exchangeDays: z.number().int().min(0).max(365),
  /** Completed warranty repairs of one fault after which its recurrence allows exchange or refund. */
  sameFaultRepairsBeforeExchange: z.number().int().min(1).max(20),
  /** A repair lasting longer than this many days allows an exchange for the same model; null = no such rule. */
  repairDaysForExchange: z.number().int().min(1).max(365).nullable(),
  /** Whether days spent in warranty repair (handed in → returned) extend the warranty. */
  extendByRepairTime: z.boolean(),
  /** Whether a refund is possible after the return window (through the same-fault rule); false = exchange only. */
  refundAfterReturnWindow: z.boolean(),
  /** Depreciation per day of use, as a fraction of the price (0.001 = 0.1 % a day), deducted from a late refund. */
  depreciationPerDay: z.number().min(0).max(1),
  /** Most depreciation that can be deducted, as a fraction of the price (1 = the whole price). */
  depreciationCap: z.number().min(0).max(1),
  /** Where the terms come from, e.g. "消费品三包" or a contract number; shown, never interpreted. */
  label: text(200).optional(),
};

/** Months of warranty from the sale date; the product's `warrantyMonths`. */
const WarrantyMonths = z.number().int().min(0).max(240);

/**
 * The terms a warranty evaluation runs against. Omitted fields take the consumer-goods defaults;
 * `warrantyMonths` has none: it comes from the product (or the contract).
 */
export const WarrantyTerms = z
  .object({
    warrantyMonths: WarrantyMonths,
    returnDays: termFields.returnDays.default(7),
    exchangeDays: termFields.exchangeDays.default(15),
    sameFaultRepairsBeforeExchange: termFields.sameFaultRepairsBeforeExchange.default(2),
    repairDaysForExchange: termFields.repairDaysForExchange.default(30),
    extendByRepairTime: termFields.extendByRepairTime.default(true),
    refundAfterReturnWindow: termFields.refundAfterReturnWindow.default(true),
    depreciationPerDay: termFields.depreciationPerDay.default(0.001),
    depreciationCap: termFields.depreciationCap.default(1),
    label: termFields.label,
  })
  .refine((t) => t.exchangeDays === 0 || t.exchangeDays >= t.returnDays, {
    path: ['exchangeDays'],
    message: 'the exchange window includes the return window: exchangeDays ≥ returnDays (or 0 for none)',
  });
export type WarrantyTerms = z.infer<typeof WarrantyTerms>;
/** Terms as accepted by `WarrantyTerms.parse`: omitted fields take the defaults. */
export type WarrantyTermsInput = z.input<typeof WarrantyTerms>;

/** The consumer-goods defaults (7-day return, 15-day exchange, two repairs, 30-day repair, 0.1 %/day) with the product's warranty length. */
export function CONSUMER_GOODS_TERMS(warrantyMonths: number): WarrantyTerms {
  return WarrantyTerms.parse({ warrantyMonths });
}

/** A product category's deviations from the consumer-goods defaults; the warranty length stays the product's. */
export const CategoryTerms = z.object(termFields).partial();
export type CategoryTerms = z.infer<typeof CategoryTerms>;

/** Terms per product category (产品类别), e.g. `{ '工业设备': { returnDays: 0, exchangeDays: 0 } }`. */
export const TermsByCategory = z.record(requiredText(100), CategoryTerms);
export type TermsByCategory = z.infer<typeof TermsByCategory>;

/**
 * The terms of a product: its category's entry in `table` over the consumer-goods defaults, with
 * the product's warranty length. A category missing from the table (or none) gets the defaults.
 * Category names are matched exactly after trimming.
 */
export function termsFor(category: string | null | undefined, warrantyMonths: number, table: TermsByCategory = {}): WarrantyTerms {
  const key = category?.trim() ?? '';
  const overrides = key !== '' && Object.hasOwn(table, key) ? table[key] : undefined;
  return WarrantyTerms.parse({ ...overrides, warrantyMonths });
}
