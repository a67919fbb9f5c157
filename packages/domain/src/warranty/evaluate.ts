import { z } from 'zod';
import { dayNumberOf as dayOf, formatDayNumber as formatDay } from '../calendar/zoned.ts';
import { IsoDate, requiredText } from '../common/schemas.ts';
import { addMonthsToDate } from '../customers/schemas.ts';
import { WarrantyTerms } from './terms.ts';

/**
 * Warranty evaluation (三包判定): given the sale date, the fault, the unit's repair history and the
 * terms, what the customer may choose — with the reasoning as bilingual lines, one per rule checked.
 * Pure and deterministic: no clock is read; "today" is `asOf` when it matters.
 *
 * Day counting: the sale date is day 0 and day 1 is the day after it, so the fault's day is
 * `faultDate − saleDate` in calendar days. "Within N days" includes day N: with a 7-day return
 * window a fault on day 7 may still be returned, one on day 8 may not. A fault on the sale date
 * is day 0. The warranty runs from the sale date for `warrantyMonths` months (same day of the
 * month, clamped to the month's last day: 2025-01-31 + 1 month = 2025-02-28) and includes its
 * last day (`warrantyEnd`); days in warranty repair are added to it. The 7/15-day windows never move.
 *
 * Rules, checked in this order (each gives a line):
 * 1. `no_proof` — no sale date or no valid proof of purchase: the warranty does not apply.
 * 2. `excluded` — misuse, unauthorised disassembly, force majeure or an altered serial: the same.
 * 3. `repair_extension` — completed repairs received within the (extended) warranty add their
 *    days (returned − received; overlapping repairs counted once) to the warranty end. An ongoing
 *    repair adds nothing yet.
 * 4. `return_window` — day ≤ returnDays: return, exchange or repair.
 * 5. `exchange_window` — day ≤ exchangeDays: exchange or repair.
 * 6. `in_warranty` — fault on or before the warranty end: free repair; otherwise `out_of_warranty`:
 *    paid service only, a quote the customer accepts before work starts.
 * 7. `same_fault_twice` — the fault (by `faultCode`) already had `sameFaultRepairsBeforeExchange`
 *    completed warranty repairs (fixed or returned unfixed — it is back either way): exchange or refund.
 * 8. `long_repair` — the repair in progress has lasted more than `repairDaysForExchange` days: exchange.
 * 9. `refund_amount` — when a return or refund is possible: the amount. Inside the return window
 *    the whole price; after it the price less depreciation per day of use, where the days of use
 *    run from the sale to the fault less the days the unit spent in repair (the rule's "扣除修理占用和待修的时间"),
 *    capped at `depreciationCap` of the price and never below zero.
 */

export const WARRANTY_EXCLUSIONS = ['misuse', 'disassembly', 'force_majeure', 'no_proof', 'altered_serial'] as const;
export type WarrantyExclusion = (typeof WARRANTY_EXCLUSIONS)[number];

/** What the customer may choose, most generous first. `return` is within the return window (whole price); `refund` after it (less depreciation). */
export const WARRANTY_ENTITLEMENTS = ['return', 'refund', 'exchange', 'repair', 'paid_service'] as const;
export type WarrantyEntitlement = (typeof WARRANTY_ENTITLEMENTS)[number];

/** Stable codes of the evaluation's lines, in the order they are checked. */
export const WARRANTY_RULES = [
  'no_proof',
  'excluded',
  'repair_extension',
  'return_window',
  'exchange_window',
  'in_warranty',
  'out_of_warranty',
  'same_fault_twice',
  'long_repair',
  'refund_amount',
] as const;
export type WarrantyRule = (typeof WARRANTY_RULES)[number];

/** An earlier repair of this unit. */
export const WarrantyRepair = z
  .object({
    /** The fault repaired; compared with the evaluated fault's code exactly (after trimming). */
    faultCode: requiredText(100),
    /** Handed in for repair. */
    receivedDate: IsoDate,
    /** Given back to the customer; null while the repair goes on. */
    returnedDate: IsoDate.nullable(),
    /** Whether the fault was fixed; a repair returned unfixed counts as a repair all the same. */
    fixed: z.boolean(),
  })
  .refine((r) => r.returnedDate === null || r.returnedDate >= r.receivedDate, {
    path: ['returnedDate'],
    message: 'a repair is returned on or after the day it was received',
  });
export type WarrantyRepair = z.infer<typeof WarrantyRepair>;

export const WarrantyInput = z
  .object({
    /** Sale (invoice) date; null = no proof of purchase. */
    saleDate: IsoDate.nullable(),
    /** The day the fault appeared. */
    faultDate: IsoDate,
    /** The day of the evaluation (normally today), for the days of a repair in progress; defaults to `faultDate`. */
    asOf: IsoDate.optional(),
    /** Price paid in yuan, for refund amounts (rounded to the fen). */
    price: z.number().min(0).max(1_000_000_000).optional(),
    terms: WarrantyTerms,
    /** The fault's code, to find earlier repairs of the same fault. */
    faultCode: requiredText(100).optional(),
    exclusion: z.enum(WARRANTY_EXCLUSIONS).nullable().optional(),
    /** Earlier repairs of this unit; repairs received after the fault date, or still going on at it, are left out. */
    repairs: z.array(WarrantyRepair).max(1000).default([]),
    /** When the repair in progress for this fault started (handed in), for the long-repair rule. */
    currentRepairStarted: IsoDate.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.saleDate !== null && input.faultDate < input.saleDate) {
      ctx.addIssue({ code: 'custom', path: ['faultDate'], message: 'the fault cannot appear before the sale' });
    }
    if (input.currentRepairStarted !== undefined && input.currentRepairStarted > (input.asOf ?? input.faultDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['currentRepairStarted'],
        message: 'the current repair starts on or before the day of the evaluation (asOf)',
      });
    }
  });
export type WarrantyInput = z.infer<typeof WarrantyInput>;

/** One rule checked: whether it applies, and why, in both languages. */
export const WarrantyLine = z.object({ rule: z.enum(WARRANTY_RULES), applies: z.boolean(), zh: z.string(), en: z.string() });
export type WarrantyLine = z.infer<typeof WarrantyLine>;

export const WarrantyRefund = z.object({
  /** Price, yuan. */
  price: z.number(),
  /** Depreciation deducted, yuan (0 inside the return window). */
  depreciation: z.number(),
  /** Refund, yuan: price − depreciation, never below 0. */
  amount: z.number(),
  /** Days of use the depreciation is charged for (sale → fault, less days in repair). */
  daysOfUse: z.number().int(),
});
export type WarrantyRefund = z.infer<typeof WarrantyRefund>;

export const WarrantyEvaluation = z.object({
  /** Whether the warranty (三包) covers this fault: free handling of some kind. */
  covered: z.boolean(),
  /** What the customer may choose, most generous first (`WARRANTY_ENTITLEMENTS` order); `['paid_service']` when not covered. */
  entitlements: z.array(z.enum(WARRANTY_ENTITLEMENTS)),
  /** Fault date − sale date in days (the sale date is day 0); null without a sale date. */
  daysSinceSale: z.number().int().nullable(),
  /** Sale date + warranty months, before any extension. */
  nominalWarrantyEnd: IsoDate.nullable(),
  /** Last day of the warranty, extended by repair time. */
  warrantyEnd: IsoDate.nullable(),
  extensionDays: z.number().int(),
  /** Completed warranty repairs of the same fault code before the fault date. */
  sameFaultRepairs: z.number().int(),
  /** Days of the repair in progress up to `asOf`; null when none. */
  currentRepairDays: z.number().int().nullable(),
  refund: WarrantyRefund.optional(),
  lines: z.array(WarrantyLine),
});
export type WarrantyEvaluation = z.infer<typeof WarrantyEvaluation>;

const EXCLUSION_LABELS: Record<WarrantyExclusion, { zh: string; en: string }> = {
  misuse: { zh: '人为损坏（使用、维护、保管不当）', en: 'Misuse (improper use, care or storage)' },
  disassembly: { zh: '非授权拆动或修理', en: 'Disassembled or repaired by an unauthorised party' },
  force_majeure: { zh: '不可抗力造成损坏', en: 'Damage by force majeure' },
  no_proof: { zh: '无有效购买凭证', en: 'No valid proof of purchase' },
  altered_serial: { zh: '机号或序列号被涂改、与凭证不符', en: 'Serial number altered or not matching the papers' },
};

const ENTITLEMENT_WORDS: Record<WarrantyEntitlement, { zh: string; en: string }> = {
  return: { zh: '退货', en: 'return' },
  refund: { zh: '退货', en: 'refund' },
  exchange: { zh: '换货', en: 'exchange' },
  repair: { zh: '修理', en: 'repair' },
  paid_service: { zh: '有偿服务', en: 'paid service' },
};

const PAID_SERVICE = {
  zh: '仅提供有偿服务（先报价，经客户确认后方可施工）',
  en: 'paid service only (a quote the customer accepts before work starts)',
};

/** "退货、换货或修理" / "return, exchange or repair". */
function choice(items: readonly WarrantyEntitlement[], lang: 'zh' | 'en'): string {
  const words = items.map((e) => ENTITLEMENT_WORDS[e][lang]);
  if (words.length <= 1) return words.join('');
  const head = words.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${head}或${words.at(-1)}` : `${head} or ${words.at(-1)}`;
}

const yuanZh = (fen: number) => `${(fen / 100).toFixed(2)} 元`;
const yuanEn = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const percent = (fraction: number) => `${Number((fraction * 100).toPrecision(10))}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const dayZh = (d: number) => (d === 0 ? '售出当天' : `售出第 ${d} 天`);
const dayEn = (d: number) => (d === 0 ? 'Day of sale' : `Day ${d} after sale`);

/** Rounds a non-negative amount of fen half up, after dropping floating-point noise. */
const roundFen = (x: number) => Math.round(Number(x.toPrecision(12)));

interface Span {
  from: number;
  to: number;
  repair: WarrantyRepair;
}

/** Days covered by spans sorted by `from`, overlaps counted once. */
function unionDays(spans: readonly Span[]): number {
  let total = 0;
  let until = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    total += Math.max(0, s.to - Math.max(s.from, until));
    until = Math.max(until, s.to);
  }
  return total;
}

/**
 * Evaluate a fault against the warranty terms: coverage, what the customer may choose, the
 * (extended) warranty end, the refund amount, and a line per rule checked. Throws a RangeError
 * for malformed dates or a fault before the sale (`WarrantyInput` rejects both when parsing).
 */
export function evaluateWarranty(input: WarrantyInput): WarrantyEvaluation {
  const { terms } = input;
  const fault = dayOf(input.faultDate);
  const sale = input.saleDate === null ? null : dayOf(input.saleDate);
  if (sale !== null && fault < sale) throw new RangeError(`the fault (${input.faultDate}) is before the sale (${input.saleDate})`);
  const asOf = dayOf(input.asOf ?? input.faultDate);
  const faultCode = input.faultCode?.trim() || undefined;

  // Completed repairs as they stood on the fault date, in the order they were received.
  const spans: Span[] = [];
  for (const repair of input.repairs) {
    const from = dayOf(repair.receivedDate);
    const to = repair.returnedDate === null ? null : dayOf(repair.returnedDate);
    if (to !== null && to < from)
      throw new RangeError(`a repair returned (${repair.returnedDate}) before it was received (${repair.receivedDate})`);
    if (to === null || to > fault || (sale !== null && from < sale)) continue;
    spans.push({ from, to, repair });
  }
  spans.sort((a, b) => a.from - b.from);

  // The warranty end, extended repair by repair: a repair counts while it was received within the warranty so far.
  const nominalEnd = sale === null ? null : dayOf(addMonthsToDate(formatDay(sale), terms.warrantyMonths));
  const warrantySpans: Span[] = [];
  let end = nominalEnd;
  let extensionDays = 0;
  if (end !== null) {
    let until = Number.NEGATIVE_INFINITY;
    for (const s of spans) {
      if (s.from > end) break;
      warrantySpans.push(s);
      if (!terms.extendByRepairTime) continue;
      const added = Math.max(0, s.to - Math.max(s.from, until));
      until = Math.max(until, s.to);
      extensionDays += added;
      end += added;
    }
  }
  const sameFault = faultCode === undefined ? [] : warrantySpans.filter((s) => s.repair.faultCode.trim() === faultCode);
  const otherFaults = warrantySpans.length - sameFault.length;
  const started = input.currentRepairStarted === undefined ? null : dayOf(input.currentRepairStarted);
  const currentRepairDays = started === null ? null : Math.max(0, asOf - started);

  const daysSinceSale = sale === null ? null : fault - sale;
  const lines: WarrantyLine[] = [];
  const result = (covered: boolean, entitlements: WarrantyEntitlement[], refund?: WarrantyRefund): WarrantyEvaluation => ({
    covered,
    entitlements,
    daysSinceSale,
    nominalWarrantyEnd: nominalEnd === null ? null : formatDay(nominalEnd),
    warrantyEnd: end === null ? null : formatDay(end),
    extensionDays,
    sameFaultRepairs: sameFault.length,
    currentRepairDays,
    ...(refund ? { refund } : {}),
    lines,
  });

  // 1–2. Proof of purchase and exclusions: outside the warranty altogether.
  if (sale === null || input.exclusion === 'no_proof') {
    const why =
      sale === null ? { zh: '无有效购买凭证（无售出日期）', en: 'No valid proof of purchase (no sale date)' } : EXCLUSION_LABELS.no_proof;
    lines.push({
      rule: 'no_proof',
      applies: true,
      zh: `${why.zh}：不适用三包，${PAID_SERVICE.zh}`,
      en: `${why.en}: the warranty does not apply — ${PAID_SERVICE.en}`,
    });
    return result(false, ['paid_service']);
  }
  const saleDate = formatDay(sale);
  const days = daysSinceSale ?? 0;
  lines.push({ rule: 'no_proof', applies: false, zh: `购买凭证有效：售出日期 ${saleDate}`, en: `Proof of purchase: sold on ${saleDate}` });
  if (input.exclusion) {
    const why = EXCLUSION_LABELS[input.exclusion];
    lines.push({
      rule: 'excluded',
      applies: true,
      zh: `${why.zh}：不适用三包，${PAID_SERVICE.zh}`,
      en: `${why.en}: the warranty does not apply — ${PAID_SERVICE.en}`,
    });
    return result(false, ['paid_service']);
  }
  lines.push({
    rule: 'excluded',
    applies: false,
    zh: '未见除外情形（人为损坏、私自拆修、不可抗力、串号涂改）',
    en: 'No exclusion (misuse, unauthorised disassembly, force majeure, altered serial)',
  });

  // 3. Repair time extends the warranty.
  const nominal = formatDay(nominalEnd!);
  const endDate = formatDay(end!);
  const n = warrantySpans.length;
  if (!terms.extendByRepairTime) {
    lines.push({
      rule: 'repair_extension',
      applies: false,
      zh: `本条款约定修理时间不顺延保修期（保修至 ${nominal}）`,
      en: `Under these terms repair time does not extend the warranty (until ${nominal})`,
    });
  } else if (extensionDays > 0) {
    lines.push({
      rule: 'repair_extension',
      applies: true,
      zh: `保修期内修理 ${n} 次，共占用 ${extensionDays} 天，保修期顺延 ${extensionDays} 天：${nominal} → ${endDate}`,
      en: `${plural(n, 'warranty repair')} took ${plural(extensionDays, 'day')}: the warranty is extended by ${plural(extensionDays, 'day')}, ${nominal} → ${endDate}`,
    });
  } else {
    lines.push({
      rule: 'repair_extension',
      applies: false,
      zh:
        n === 0
          ? `无已完成的保修期内修理，保修期不顺延（保修至 ${nominal}）`
          : `保修期内修理 ${n} 次，均当天完成，保修期不顺延（保修至 ${nominal}）`,
      en:
        n === 0
          ? `No completed warranty repair: the warranty is not extended (until ${nominal})`
          : `${plural(n, 'warranty repair')}, each done the same day: the warranty is not extended (until ${nominal})`,
    });
  }

  // 4–5. The windows from the sale date.
  const inReturn = terms.returnDays > 0 && days <= terms.returnDays;
  const inExchange = terms.exchangeDays > 0 && days <= terms.exchangeDays;
  const R = terms.returnDays;
  const E = terms.exchangeDays;
  lines.push(
    R === 0
      ? { rule: 'return_window', applies: false, zh: '本条款不设退货期', en: 'These terms have no return window' }
      : inReturn
        ? {
            rule: 'return_window',
            applies: true,
            zh: `${dayZh(days)}（≤${R} 天）：可选择${choice(['return', 'exchange', 'repair'], 'zh')}`,
            en: `${dayEn(days)} (≤ ${R} days): ${choice(['return', 'exchange', 'repair'], 'en')}`,
          }
        : {
            rule: 'return_window',
            applies: false,
            zh: `${dayZh(days)}：已过 ${R} 天退货期`,
            en: `${dayEn(days)}: past the ${R}-day return window`,
          },
  );
  lines.push(
    E === 0
      ? { rule: 'exchange_window', applies: false, zh: '本条款不设换货期', en: 'These terms have no exchange window' }
      : inExchange
        ? {
            rule: 'exchange_window',
            applies: true,
            zh: `${dayZh(days)}（≤${E} 天）：可选择${choice(['exchange', 'repair'], 'zh')}`,
            en: `${dayEn(days)} (≤ ${E} days): ${choice(['exchange', 'repair'], 'en')}`,
          }
        : {
            rule: 'exchange_window',
            applies: false,
            zh: `${dayZh(days)}：已过 ${E} 天换货期`,
            en: `${dayEn(days)}: past the ${E}-day exchange window`,
          },
  );

  // 6. The warranty period.
  const inWarranty = fault <= end!;
  const covered = inWarranty || inReturn || inExchange;
  const extended =
    extensionDays > 0 ? { zh: ` + 修理顺延 ${extensionDays} 天`, en: ` + ${plural(extensionDays, 'day')} in repair` } : { zh: '', en: '' };
  const months = terms.warrantyMonths;
  if (inWarranty) {
    lines.push({
      rule: 'in_warranty',
      applies: true,
      zh: `故障日 ${input.faultDate} 在保修期内（${months} 个月${extended.zh}，至 ${endDate}）：免费修理`,
      en: `Fault on ${input.faultDate} is within the warranty (${plural(months, 'month')}${extended.en}, until ${endDate}): free repair`,
    });
  } else if (covered) {
    lines.push({
      rule: 'in_warranty',
      applies: false,
      zh: `故障日 ${input.faultDate} 已过保修期（${months} 个月${extended.zh}，至 ${endDate}），但仍在上述期限内`,
      en: `Fault on ${input.faultDate} is past the warranty (${plural(months, 'month')}${extended.en}, ended ${endDate}) but within the window above`,
    });
  } else {
    lines.push({
      rule: 'out_of_warranty',
      applies: true,
      zh: `故障日 ${input.faultDate} 已过保修期（${months} 个月${extended.zh}，至 ${endDate}）：${PAID_SERVICE.zh}`,
      en: `Fault on ${input.faultDate} is past the warranty (${plural(months, 'month')}${extended.en}, ended ${endDate}): ${PAID_SERVICE.en}`,
    });
    return result(false, ['paid_service']);
  }

  // 7. The same fault back after repairs.
  const N = terms.sameFaultRepairsBeforeExchange;
  const k = sameFault.length;
  const sameFaultApplies = k >= N;
  const sameFaultGives: WarrantyEntitlement[] = terms.refundAfterReturnWindow ? ['exchange', 'refund'] : ['exchange'];
  const others =
    otherFaults > 0
      ? {
          zh: `；其他故障的修理 ${otherFaults} 次不计入`,
          en: `; ${plural(otherFaults, 'repair')} of other faults ${otherFaults === 1 ? 'does' : 'do'} not count`,
        }
      : { zh: '', en: '' };
  if (faultCode === undefined) {
    lines.push({
      rule: 'same_fault_twice',
      applies: false,
      zh: '未提供故障代码，未核对同一故障的修理次数',
      en: 'No fault code given: repairs of the same fault not checked',
    });
  } else if (sameFaultApplies) {
    const unfixed = sameFault.filter((s) => !s.repair.fixed).length;
    const noRefund = terms.refundAfterReturnWindow
      ? { zh: '', en: '' }
      : { zh: '（本条款不含退货）', en: ' (no refund under these terms)' };
    lines.push({
      rule: 'same_fault_twice',
      applies: true,
      zh: `故障 ${faultCode} 在保修期内已修理 ${k} 次（≥${N} 次${unfixed > 0 ? `，其中 ${unfixed} 次未修好` : ''}）仍出现：可选择${choice(sameFaultGives, 'zh')}${noRefund.zh}${others.zh}`,
      en: `Fault ${faultCode} is back after ${plural(k, 'warranty repair')} (≥ ${N}${unfixed > 0 ? `; ${unfixed} returned unfixed` : ''}): ${choice(sameFaultGives, 'en')}${noRefund.en}${others.en}`,
    });
  } else {
    lines.push({
      rule: 'same_fault_twice',
      applies: false,
      zh: `故障 ${faultCode} 在保修期内已修理 ${k} 次（满 ${N} 次后再出现可换货或退货）${others.zh}`,
      en: `Fault ${faultCode} has had ${plural(k, 'warranty repair')} (exchange or refund once it is back after ${N})${others.en}`,
    });
  }

  // 8. A repair taking too long.
  const L = terms.repairDaysForExchange;
  const longRepair = L !== null && currentRepairDays !== null && currentRepairDays > L;
  if (L === null) {
    lines.push({
      rule: 'long_repair',
      applies: false,
      zh: '本条款未约定修理超期换货',
      en: 'These terms have no exchange for a long repair',
    });
  } else if (currentRepairDays === null) {
    lines.push({ rule: 'long_repair', applies: false, zh: '当前无在修记录', en: 'No repair in progress' });
  } else {
    const since = input.currentRepairStarted;
    lines.push(
      longRepair
        ? {
            rule: 'long_repair',
            applies: true,
            zh: `本次修理自 ${since} 起已 ${currentRepairDays} 天（超过 ${L} 天）：可换同型号同规格产品`,
            en: `In repair since ${since} for ${plural(currentRepairDays, 'day')} (over ${L}): exchange for the same model`,
          }
        : {
            rule: 'long_repair',
            applies: false,
            zh: `本次修理自 ${since} 起已 ${currentRepairDays} 天（超过 ${L} 天可换货）`,
            en: `In repair since ${since} for ${plural(currentRepairDays, 'day')} (an exchange once it takes over ${L})`,
          },
    );
  }

  const granted = new Set<WarrantyEntitlement>(['repair']);
  if (inReturn) for (const e of ['return', 'exchange'] as const) granted.add(e);
  if (inExchange) granted.add('exchange');
  if (sameFaultApplies) for (const e of sameFaultGives) granted.add(e);
  if (longRepair) granted.add('exchange');
  if (granted.has('return')) granted.delete('refund');
  const entitlements = WARRANTY_ENTITLEMENTS.filter((e) => granted.has(e));

  // 9. The refund.
  if (!granted.has('return') && !granted.has('refund')) return result(true, entitlements);
  const repairDays = unionDays(spans);
  const daysOfUse = Math.max(0, days - repairDays);
  if (input.price === undefined) {
    lines.push({
      rule: 'refund_amount',
      applies: false,
      zh: '未提供价格，未计算退款金额',
      en: 'No price given: refund amount not computed',
    });
    return result(true, entitlements);
  }
  const price = Math.round(input.price * 100);
  if (granted.has('return')) {
    lines.push({
      rule: 'refund_amount',
      applies: true,
      zh: `退货期内退货：全额退款 ${yuanZh(price)}，不扣折旧`,
      en: `Return within the return window: full refund of ${yuanEn(price)}, no depreciation`,
    });
    return result(true, entitlements, { price: price / 100, depreciation: 0, amount: price / 100, daysOfUse });
  }
  const uncapped = roundFen(price * terms.depreciationPerDay * daysOfUse);
  const cap = Math.min(price, roundFen(price * terms.depreciationCap));
  const depreciation = Math.min(uncapped, cap);
  const amount = price - depreciation;
  const inRepair =
    repairDays > 0
      ? { zh: `，已扣除修理占用 ${repairDays} 天`, en: `, ${plural(repairDays, 'day')} in repair not counted` }
      : { zh: '', en: '' };
  const capped =
    uncapped > cap
      ? { zh: `，以价格的 ${percent(terms.depreciationCap)} 为上限`, en: `, capped at ${percent(terms.depreciationCap)} of the price` }
      : { zh: '', en: '' };
  lines.push({
    rule: 'refund_amount',
    applies: true,
    zh: `退款 ${yuanZh(amount)} = 价格 ${yuanZh(price)} − 折旧 ${yuanZh(depreciation)}（每天 ${percent(terms.depreciationPerDay)} × 使用 ${daysOfUse} 天${inRepair.zh}${capped.zh}）`,
    en: `Refund ${yuanEn(amount)} = price ${yuanEn(price)} − depreciation ${yuanEn(depreciation)} (${percent(terms.depreciationPerDay)} a day × ${plural(daysOfUse, 'day')} of use${inRepair.en}${capped.en})`,
  });
  return result(true, entitlements, { price: price / 100, depreciation: depreciation / 100, amount: amount / 100, daysOfUse });
}
