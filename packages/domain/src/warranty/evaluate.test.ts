import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays } from '../calendar/zoned.ts';
import {
  evaluateWarranty,
  WARRANTY_ENTITLEMENTS,
  WARRANTY_RULES,
  type WarrantyInput,
  WarrantyInput as WarrantyInputSchema,
  type WarrantyRepair,
} from './evaluate.ts';
import { CONSUMER_GOODS_TERMS, type TermsByCategory, termsFor, WarrantyTerms } from './terms.ts';

/** A phone sold on 1 March 2025 for ¥2999 with a 12-month warranty (nominal end 2026-03-01). */
const SALE = '2025-03-01';
const consumer = CONSUMER_GOODS_TERMS(12);
const evaluate = (over: Partial<WarrantyInput> = {}) =>
  evaluateWarranty({ saleDate: SALE, faultDate: SALE, price: 2999, terms: consumer, faultCode: 'E12', repairs: [], ...over });
const line = (r: ReturnType<typeof evaluate>, rule: string) => r.lines.find((l) => l.rule === rule);
const repair = (faultCode: string, receivedDate: string, returnedDate: string | null, fixed = true): WarrantyRepair => ({
  faultCode,
  receivedDate,
  returnedDate,
  fixed,
});

describe('terms', () => {
  it('defaults to the consumer-goods rules with the product’s warranty length', () => {
    expect(consumer).toEqual({
      warrantyMonths: 12,
      returnDays: 7,
      exchangeDays: 15,
      sameFaultRepairsBeforeExchange: 2,
      repairDaysForExchange: 30,
      extendByRepairTime: true,
      refundAfterReturnWindow: true,
      depreciationPerDay: 0.001,
      depreciationCap: 1,
    });
  });
  it('takes a category’s deviations over the defaults and falls back for unknown categories', () => {
    const table: TermsByCategory = {
      工业设备: { returnDays: 0, exchangeDays: 0, refundAfterReturnWindow: false, label: '工业品合同条款' },
      小家电: { depreciationPerDay: 0.005 },
    };
    expect(termsFor(' 工业设备 ', 24, table)).toMatchObject({
      warrantyMonths: 24,
      returnDays: 0,
      exchangeDays: 0,
      refundAfterReturnWindow: false,
    });
    expect(termsFor('小家电', 12, table)).toEqual({ ...consumer, depreciationPerDay: 0.005 });
    expect(termsFor('手机', 12, table)).toEqual(consumer);
    expect(termsFor('constructor', 12, table)).toEqual(consumer);
    expect(termsFor(null, 18)).toEqual(CONSUMER_GOODS_TERMS(18));
  });
  it('rejects an exchange window shorter than the return window', () => {
    expect(WarrantyTerms.safeParse({ warrantyMonths: 12, returnDays: 10, exchangeDays: 5 }).success).toBe(false);
    expect(WarrantyTerms.safeParse({ warrantyMonths: 12, returnDays: 10, exchangeDays: 0 }).success).toBe(true);
    expect(WarrantyTerms.safeParse({ warrantyMonths: 12, depreciationPerDay: 1.5 }).success).toBe(false);
  });
});

describe('evaluateWarranty: the windows after the sale (day 0 = sale date)', () => {
  it('day 6: return, exchange or repair; a return refunds the whole price', () => {
    const r = evaluate({ faultDate: '2025-03-07' });
    expect(r.daysSinceSale).toBe(6);
    expect(r.covered).toBe(true);
    expect(r.entitlements).toEqual(['return', 'exchange', 'repair']);
    expect(r.refund).toEqual({ price: 2999, depreciation: 0, amount: 2999, daysOfUse: 6 });
    expect(line(r, 'return_window')).toEqual({
      rule: 'return_window',
      applies: true,
      zh: '售出第 6 天（≤7 天）：可选择退货、换货或修理',
      en: 'Day 6 after sale (≤ 7 days): return, exchange or repair',
    });
    expect(line(r, 'refund_amount')?.zh).toBe('退货期内退货：全额退款 2999.00 元，不扣折旧');
    expect(r.lines.map((l) => [l.rule, l.applies])).toEqual([
      ['no_proof', false],
      ['excluded', false],
      ['repair_extension', false],
      ['return_window', true],
      ['exchange_window', true],
      ['in_warranty', true],
      ['same_fault_twice', false],
      ['long_repair', false],
      ['refund_amount', true],
    ]);
  });
  it('day 0 (the sale date itself) is inside the return window', () => {
    const r = evaluate({ faultDate: SALE });
    expect(r.daysSinceSale).toBe(0);
    expect(r.entitlements).toEqual(['return', 'exchange', 'repair']);
    expect(line(r, 'return_window')?.en).toBe('Day of sale (≤ 7 days): return, exchange or repair');
  });
  it('day 7 is the last day of the return window', () => {
    const r = evaluate({ faultDate: '2025-03-08' });
    expect(r.daysSinceSale).toBe(7);
    expect(r.entitlements).toEqual(['return', 'exchange', 'repair']);
    expect(r.refund?.amount).toBe(2999);
  });
  it('day 8: exchange or repair, no refund', () => {
    const r = evaluate({ faultDate: '2025-03-09' });
    expect(r.daysSinceSale).toBe(8);
    expect(r.entitlements).toEqual(['exchange', 'repair']);
    expect(r.refund).toBeUndefined();
    expect(line(r, 'return_window')).toMatchObject({
      applies: false,
      zh: '售出第 8 天：已过 7 天退货期',
      en: 'Day 8 after sale: past the 7-day return window',
    });
    expect(line(r, 'exchange_window')).toMatchObject({ applies: true, zh: '售出第 8 天（≤15 天）：可选择换货或修理' });
    expect(line(r, 'refund_amount')).toBeUndefined();
  });
  it('day 15 is the last day of the exchange window', () => {
    const r = evaluate({ faultDate: '2025-03-16' });
    expect(r.daysSinceSale).toBe(15);
    expect(r.entitlements).toEqual(['exchange', 'repair']);
  });
  it('day 16: free repair only', () => {
    const r = evaluate({ faultDate: '2025-03-17' });
    expect(r.daysSinceSale).toBe(16);
    expect(r.entitlements).toEqual(['repair']);
    expect(line(r, 'exchange_window')?.en).toBe('Day 16 after sale: past the 15-day exchange window');
    expect(line(r, 'in_warranty')).toEqual({
      rule: 'in_warranty',
      applies: true,
      zh: '故障日 2025-03-17 在保修期内（12 个月，至 2026-03-01）：免费修理',
      en: 'Fault on 2025-03-17 is within the warranty (12 months, until 2026-03-01): free repair',
    });
  });
});

describe('evaluateWarranty: the warranty period', () => {
  it('covers the last day of the warranty and not the day after: then paid service only', () => {
    expect(evaluate({ faultDate: '2026-03-01' }).entitlements).toEqual(['repair']);
    const r = evaluate({ faultDate: '2026-03-02' });
    expect(r.covered).toBe(false);
    expect(r.entitlements).toEqual(['paid_service']);
    expect(r.warrantyEnd).toBe('2026-03-01');
    expect(r.lines.at(-1)).toEqual({
      rule: 'out_of_warranty',
      applies: true,
      zh: '故障日 2026-03-02 已过保修期（12 个月，至 2026-03-01）：仅提供有偿服务（先报价，经客户确认后方可施工）',
      en: 'Fault on 2026-03-02 is past the warranty (12 months, ended 2026-03-01): paid service only (a quote the customer accepts before work starts)',
    });
    expect(r.lines.some((l) => l.rule === 'same_fault_twice')).toBe(false);
  });
  it('clamps the warranty end to the month’s last day (2025-01-31 + 1 month = 2025-02-28)', () => {
    const terms = CONSUMER_GOODS_TERMS(1);
    const base = { saleDate: '2025-01-31', terms, repairs: [] };
    expect(evaluateWarranty({ ...base, faultDate: '2025-02-28' })).toMatchObject({
      covered: true,
      warrantyEnd: '2025-02-28',
      daysSinceSale: 28,
    });
    expect(evaluateWarranty({ ...base, faultDate: '2025-03-01' })).toMatchObject({ covered: false, entitlements: ['paid_service'] });
    expect(evaluateWarranty({ ...base, saleDate: '2024-01-31', faultDate: '2024-02-29' }).warrantyEnd).toBe('2024-02-29');
  });
  it('extends the warranty by a 40-day repair: a fault 20 days after the nominal end is still covered', () => {
    const repairs = [repair('E03', '2025-06-01', '2025-07-11')];
    const r = evaluate({ faultDate: '2026-03-21', faultCode: 'E05', repairs });
    expect(r).toMatchObject({
      covered: true,
      entitlements: ['repair'],
      nominalWarrantyEnd: '2026-03-01',
      warrantyEnd: '2026-04-10',
      extensionDays: 40,
    });
    expect(line(r, 'repair_extension')).toEqual({
      rule: 'repair_extension',
      applies: true,
      zh: '保修期内修理 1 次，共占用 40 天，保修期顺延 40 天：2026-03-01 → 2026-04-10',
      en: '1 warranty repair took 40 days: the warranty is extended by 40 days, 2026-03-01 → 2026-04-10',
    });
    expect(line(r, 'in_warranty')).toMatchObject({
      zh: '故障日 2026-03-21 在保修期内（12 个月 + 修理顺延 40 天，至 2026-04-10）：免费修理',
      en: 'Fault on 2026-03-21 is within the warranty (12 months + 40 days in repair, until 2026-04-10): free repair',
    });
    // Without the repair, or under terms that do not extend, the same day is out of warranty.
    expect(evaluate({ faultDate: '2026-03-21' }).entitlements).toEqual(['paid_service']);
    const noExtension = evaluate({ faultDate: '2026-03-21', repairs, terms: { ...consumer, extendByRepairTime: false } });
    expect(noExtension).toMatchObject({ covered: false, extensionDays: 0, warrantyEnd: '2026-03-01' });
  });
  it('does not extend for a repair still going on, nor for one received after the warranty ended', () => {
    const ongoing = evaluate({ faultDate: '2025-12-01', repairs: [repair('E03', '2025-11-01', null)] });
    expect(ongoing).toMatchObject({ extensionDays: 0, warrantyEnd: '2026-03-01' });
    const paidRepair = evaluate({ faultDate: '2026-06-01', repairs: [repair('E03', '2026-03-05', '2026-04-20')] });
    expect(paidRepair).toMatchObject({ extensionDays: 0, covered: false });
    // Overlapping records count each day once.
    const overlapping = evaluate({
      faultDate: '2025-12-01',
      repairs: [repair('E03', '2025-06-01', '2025-06-21'), repair('E04', '2025-06-11', '2025-07-01')],
    });
    expect(overlapping.extensionDays).toBe(30);
  });
  it('keeps the 7/15-day windows where they are, whatever the repairs', () => {
    const r = evaluate({ faultDate: '2025-03-17', faultCode: 'E01', repairs: [repair('E09', '2025-03-02', '2025-03-12')] });
    expect(r.extensionDays).toBe(10);
    expect(r.entitlements).toEqual(['repair']);
  });
});

describe('evaluateWarranty: the same fault after two repairs', () => {
  const twice = [repair('E12', '2025-05-10', '2025-05-20'), repair('E12', '2025-07-01', '2025-07-06', false)];

  it('the third failure of one fault: exchange or refund, less depreciation to the fen', () => {
    const r = evaluate({ faultDate: '2025-09-01', repairs: twice });
    expect(r.daysSinceSale).toBe(184);
    expect(r.sameFaultRepairs).toBe(2);
    expect(r.entitlements).toEqual(['refund', 'exchange', 'repair']);
    // 184 days since the sale less 15 days in repair = 169 days of use; 2999 × 0.1 % × 169 = 506.831 → 506.83.
    expect(r.refund).toEqual({ price: 2999, depreciation: 506.83, amount: 2492.17, daysOfUse: 169 });
    expect(line(r, 'same_fault_twice')).toEqual({
      rule: 'same_fault_twice',
      applies: true,
      zh: '故障 E12 在保修期内已修理 2 次（≥2 次，其中 1 次未修好）仍出现：可选择换货或退货',
      en: 'Fault E12 is back after 2 warranty repairs (≥ 2; 1 returned unfixed): exchange or refund',
    });
    expect(line(r, 'refund_amount')).toEqual({
      rule: 'refund_amount',
      applies: true,
      zh: '退款 2492.17 元 = 价格 2999.00 元 − 折旧 506.83 元（每天 0.1% × 使用 169 天，已扣除修理占用 15 天）',
      en: 'Refund ¥2492.17 = price ¥2999.00 − depreciation ¥506.83 (0.1% a day × 169 days of use, 15 days in repair not counted)',
    });
  });
  it('computes depreciation at another rate and caps it', () => {
    const r = evaluate({ faultDate: '2025-09-01', repairs: twice, price: 1234.56, terms: { ...consumer, depreciationPerDay: 0.003 } });
    // 1234.56 × 0.3 % × 169 = 625.92192 → 625.92.
    expect(r.refund).toEqual({ price: 1234.56, depreciation: 625.92, amount: 608.64, daysOfUse: 169 });
    const capped = evaluate({
      faultDate: '2025-09-01',
      repairs: twice,
      terms: { ...consumer, depreciationPerDay: 0.005, depreciationCap: 0.8 },
    });
    expect(capped.refund).toEqual({ price: 2999, depreciation: 2399.2, amount: 599.8, daysOfUse: 169 });
    expect(line(capped, 'refund_amount')?.en).toContain('capped at 80% of the price');
    const whole = evaluate({ faultDate: '2026-02-20', repairs: twice, terms: { ...consumer, depreciationPerDay: 0.005 } });
    expect(whole.refund).toMatchObject({ depreciation: 2999, amount: 0 });
  });
  it('two repairs of different faults give no exchange', () => {
    const r = evaluate({
      faultDate: '2025-09-01',
      repairs: [repair('E12', '2025-05-10', '2025-05-20'), repair('E07', '2025-07-01', '2025-07-06')],
    });
    expect(r.sameFaultRepairs).toBe(1);
    expect(r.entitlements).toEqual(['repair']);
    expect(r.refund).toBeUndefined();
    expect(line(r, 'same_fault_twice')).toEqual({
      rule: 'same_fault_twice',
      applies: false,
      zh: '故障 E12 在保修期内已修理 1 次（满 2 次后再出现可换货或退货）；其他故障的修理 1 次不计入',
      en: 'Fault E12 has had 1 warranty repair (exchange or refund once it is back after 2); 1 repair of other faults does not count',
    });
  });
  it('cannot compare without a fault code', () => {
    const r = evaluate({ faultDate: '2025-09-01', repairs: twice, faultCode: undefined });
    expect(r.entitlements).toEqual(['repair']);
    expect(line(r, 'same_fault_twice')?.applies).toBe(false);
  });
  it('offers exchange only when the terms allow no refund after the return window', () => {
    const r = evaluate({ faultDate: '2025-09-01', repairs: twice, terms: { ...consumer, refundAfterReturnWindow: false } });
    expect(r.entitlements).toEqual(['exchange', 'repair']);
    expect(r.refund).toBeUndefined();
    expect(line(r, 'same_fault_twice')?.en).toContain('exchange (no refund under these terms)');
  });
  it('says so when the refund cannot be priced', () => {
    const r = evaluate({ faultDate: '2025-09-01', repairs: twice, price: undefined });
    expect(r.entitlements).toContain('refund');
    expect(r.refund).toBeUndefined();
    expect(line(r, 'refund_amount')).toMatchObject({ applies: false, en: 'No price given: refund amount not computed' });
  });
});

describe('evaluateWarranty: a repair taking too long', () => {
  it('more than 30 days in the current repair: exchange for the same model', () => {
    const r = evaluate({ faultDate: '2025-08-01', currentRepairStarted: '2025-08-02', asOf: '2025-09-02' });
    expect(r.currentRepairDays).toBe(31);
    expect(r.entitlements).toEqual(['exchange', 'repair']);
    expect(line(r, 'long_repair')).toEqual({
      rule: 'long_repair',
      applies: true,
      zh: '本次修理自 2025-08-02 起已 31 天（超过 30 天）：可换同型号同规格产品',
      en: 'In repair since 2025-08-02 for 31 days (over 30): exchange for the same model',
    });
  });
  it('30 days is not yet too long, and terms without the rule never exchange for it', () => {
    expect(evaluate({ faultDate: '2025-08-01', currentRepairStarted: '2025-08-02', asOf: '2025-09-01' }).entitlements).toEqual(['repair']);
    const off = evaluate({
      faultDate: '2025-08-01',
      currentRepairStarted: '2025-08-02',
      asOf: '2025-12-01',
      terms: { ...consumer, repairDaysForExchange: null },
    });
    expect(off.entitlements).toEqual(['repair']);
    expect(line(off, 'long_repair')?.zh).toBe('本条款未约定修理超期换货');
  });
});

describe('evaluateWarranty: exclusions', () => {
  it('misuse: the warranty does not apply, paid service only', () => {
    const r = evaluate({ faultDate: '2025-03-04', exclusion: 'misuse' });
    expect(r).toMatchObject({ covered: false, entitlements: ['paid_service'], daysSinceSale: 3, warrantyEnd: '2026-03-01' });
    expect(r.refund).toBeUndefined();
    expect(r.lines).toEqual([
      { rule: 'no_proof', applies: false, zh: '购买凭证有效：售出日期 2025-03-01', en: 'Proof of purchase: sold on 2025-03-01' },
      {
        rule: 'excluded',
        applies: true,
        zh: '人为损坏（使用、维护、保管不当）：不适用三包，仅提供有偿服务（先报价，经客户确认后方可施工）',
        en: 'Misuse (improper use, care or storage): the warranty does not apply — paid service only (a quote the customer accepts before work starts)',
      },
    ]);
  });
  it('no proof of purchase: no sale date, no dates computed', () => {
    const r = evaluate({ saleDate: null, faultDate: '2025-03-04' });
    expect(r).toMatchObject({
      covered: false,
      entitlements: ['paid_service'],
      daysSinceSale: null,
      warrantyEnd: null,
      nominalWarrantyEnd: null,
    });
    expect(r.lines).toEqual([
      {
        rule: 'no_proof',
        applies: true,
        zh: '无有效购买凭证（无售出日期）：不适用三包，仅提供有偿服务（先报价，经客户确认后方可施工）',
        en: 'No valid proof of purchase (no sale date): the warranty does not apply — paid service only (a quote the customer accepts before work starts)',
      },
    ]);
    expect(evaluate({ faultDate: '2025-03-04', exclusion: 'no_proof' }).lines.map((l) => [l.rule, l.applies])).toEqual([
      ['no_proof', true],
    ]);
    expect(evaluate({ faultDate: '2025-03-04', exclusion: 'altered_serial' }).entitlements).toEqual(['paid_service']);
  });
});

describe('evaluateWarranty: contract terms are data', () => {
  const contract = WarrantyTerms.parse({ warrantyMonths: 24, returnDays: 0, refundAfterReturnWindow: false, label: '合同 HT-2025-018' });

  it('a stricter contract: no return even on the day of sale, but 24 months of warranty', () => {
    const day0 = evaluate({ terms: contract, faultDate: SALE });
    expect(day0.entitlements).toEqual(['exchange', 'repair']);
    expect(day0.refund).toBeUndefined();
    expect(line(day0, 'return_window')).toEqual({
      rule: 'return_window',
      applies: false,
      zh: '本条款不设退货期',
      en: 'These terms have no return window',
    });
    const month20 = evaluate({ terms: contract, faultDate: '2026-11-01' });
    expect(month20).toMatchObject({ covered: true, entitlements: ['repair'], warrantyEnd: '2027-03-01' });
    expect(evaluate({ terms: contract, faultDate: '2027-03-02' }).entitlements).toEqual(['paid_service']);
  });
  it('a looser contract: exchange after the first failed repair', () => {
    const terms = WarrantyTerms.parse({ warrantyMonths: 36, sameFaultRepairsBeforeExchange: 1 });
    const r = evaluate({ terms, faultDate: '2027-01-10', repairs: [repair('E12', '2026-12-01', '2026-12-05')] });
    expect(r.entitlements).toEqual(['refund', 'exchange', 'repair']);
  });
});

describe('evaluateWarranty: input checks', () => {
  it('rejects a fault before the sale', () => {
    expect(() => evaluate({ faultDate: '2025-02-28' })).toThrow(RangeError);
    const parsed = WarrantyInputSchema.safeParse({ saleDate: SALE, faultDate: '2025-02-28', terms: consumer });
    expect(parsed.success).toBe(false);
  });
  it('parses an API body with defaults', () => {
    const parsed = WarrantyInputSchema.parse({ saleDate: SALE, faultDate: '2025-03-05', terms: { warrantyMonths: 12 } });
    expect(evaluateWarranty(parsed).entitlements).toEqual(['return', 'exchange', 'repair']);
    expect(
      WarrantyInputSchema.safeParse({
        saleDate: SALE,
        faultDate: '2025-03-05',
        terms: consumer,
        repairs: [repair('E1', '2025-03-04', '2025-03-03')],
      }).success,
    ).toBe(false);
  });
});

describe('evaluateWarranty: properties', () => {
  const START = 19_000; // 2022-01-08 as a day number; dates stay well inside the calendar.
  const date = (dayNumber: number) => addLocalDays('1970-01-01', dayNumber);
  const termsArb = fc
    .record({
      warrantyMonths: fc.integer({ min: 0, max: 36 }),
      returnDays: fc.integer({ min: 0, max: 10 }),
      extra: fc.integer({ min: 0, max: 20 }),
      sameFaultRepairsBeforeExchange: fc.integer({ min: 1, max: 3 }),
      repairDaysForExchange: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      extendByRepairTime: fc.boolean(),
      refundAfterReturnWindow: fc.boolean(),
      depreciationPerDay: fc.double({ min: 0, max: 0.01, noNaN: true }),
      depreciationCap: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ extra, returnDays, ...t }) => WarrantyTerms.parse({ ...t, returnDays, exchangeDays: returnDays + extra }));
  const repairArb = (sale: number) =>
    fc
      .record({
        code: fc.constantFrom('E1', 'E2'),
        at: fc.integer({ min: 0, max: 1200 }),
        took: fc.option(fc.integer({ min: 0, max: 60 })),
        fixed: fc.boolean(),
      })
      .map(({ code, at, took, fixed }) => repair(code, date(sale + at), took === null ? null : date(sale + at + took), fixed));
  const inputArb = fc.integer({ min: START, max: START + 3000 }).chain((sale) =>
    fc.record({
      saleDate: fc.constant(date(sale)),
      faultDate: fc.integer({ min: 0, max: 1500 }).map((d) => date(sale + d)),
      price: fc.integer({ min: 0, max: 10_000_000 }).map((fen) => fen / 100),
      terms: termsArb,
      faultCode: fc.constantFrom('E1', 'E2'),
      repairs: fc.array(repairArb(sale), { maxLength: 5 }),
    }),
  );

  it('without repairs, a later fault never gains an entitlement', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: START, max: START + 3000 }),
        termsArb,
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 0, max: 400 }),
        (sale, terms, d, later) => {
          const at = (n: number) => evaluateWarranty({ saleDate: date(sale), faultDate: date(sale + n), terms, repairs: [], price: 100 });
          const early = at(d);
          const late = at(d + later);
          const free = (es: readonly string[]) => es.filter((e) => e !== 'paid_service');
          for (const e of free(late.entitlements)) expect(free(early.entitlements)).toContain(e);
          if (late.covered) expect(early.covered).toBe(true);
        },
      ),
    );
  });

  it('covered ⇔ repair is an entitlement; otherwise paid service alone', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = evaluateWarranty(input);
        expect(r.entitlements.includes('repair')).toBe(r.covered);
        if (!r.covered) expect(r.entitlements).toEqual(['paid_service']);
        // Ordered most generous first, no duplicates, never both return and refund.
        expect(r.entitlements).toEqual(WARRANTY_ENTITLEMENTS.filter((e) => r.entitlements.includes(e)));
        expect(r.entitlements.includes('return') && r.entitlements.includes('refund')).toBe(false);
      }),
    );
  });

  it('a refund lies between 0 and the price, and price = depreciation + amount to the fen', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = evaluateWarranty(input);
        expect(r.refund !== undefined).toBe(r.entitlements.includes('return') || r.entitlements.includes('refund'));
        if (!r.refund) return;
        const { price, depreciation, amount } = r.refund;
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(price);
        expect(depreciation).toBeGreaterThanOrEqual(0);
        expect(Math.round(depreciation * 100) + Math.round(amount * 100)).toBe(Math.round(price * 100));
        if (r.entitlements.includes('return')) expect(amount).toBe(price);
      }),
    );
  });

  it('the warranty only ever grows with repairs, and every line is explained in both languages', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = evaluateWarranty(input);
        expect(r.extensionDays).toBeGreaterThanOrEqual(0);
        if (!input.terms.extendByRepairTime) expect(r.extensionDays).toBe(0);
        expect(r.warrantyEnd).toBe(addLocalDays(r.nominalWarrantyEnd!, r.extensionDays));
        const plain = evaluateWarranty({ ...input, repairs: [] });
        if (plain.covered) expect(r.covered).toBe(true);
        for (const l of r.lines) {
          expect(WARRANTY_RULES).toContain(l.rule);
          expect(l.zh.length).toBeGreaterThan(0);
          expect(l.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
