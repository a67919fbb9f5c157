import { describe, expect, it } from 'vitest';
import { CUSTOMER_REGIONS, PROVINCES, provinceCodeOf, regionAllows, regionOf } from './regions.ts';
import { REGIONS } from './schemas.ts';

describe('provinces', () => {
  it('neighbours are symmetric', () => {
    for (const p of PROVINCES) {
      for (const n of p.neighbours) {
        const other = PROVINCES.find((q) => q.code === n);
        expect(other, `${p.code} → ${n}`).toBeDefined();
        expect(other?.neighbours as readonly string[], `${n} should list ${p.code}`).toContain(p.code);
      }
    }
  });

  it('reads the names people type', () => {
    expect(provinceCodeOf('浙江')).toBe('ZJ');
    expect(provinceCodeOf('浙江省')).toBe('ZJ');
    expect(provinceCodeOf(' Zhejiang ')).toBe('ZJ');
    expect(provinceCodeOf('Zhejiang Province')).toBe('ZJ');
    expect(provinceCodeOf('广西壮族自治区')).toBe('GX');
    expect(provinceCodeOf('广西')).toBe('GX');
    expect(provinceCodeOf('Inner Mongolia')).toBe('NM');
    expect(provinceCodeOf('上海市')).toBe('SH');
    expect(provinceCodeOf('Atlantis')).toBeUndefined();
    expect(provinceCodeOf(null)).toBeUndefined();
  });
});

describe('regionOf', () => {
  const company = { country: 'CN', province: '浙江省' };
  it('tells the home province from its neighbours', () => {
    expect(regionOf(company, { country: 'CN', province: '浙江' })).toBe('same_province');
    expect(regionOf(company, { country: 'CN', province: '江苏省' })).toBe('neighbouring_province');
    expect(regionOf(company, { country: 'CN', province: 'Fujian' })).toBe('neighbouring_province');
  });
  it('other provinces are domestic, other countries foreign', () => {
    expect(regionOf(company, { country: 'CN', province: '广东省' })).toBe('domestic');
    expect(regionOf(company, { country: 'CN', province: null })).toBe('domestic');
    expect(regionOf(company, { country: 'DE', province: 'Bayern' })).toBe('foreign');
    expect(regionOf({ country: 'CN', province: null }, { country: 'CN', province: '浙江' })).toBe('domestic');
  });
});

describe('regionAllows', () => {
  it('local still means the home province and its neighbours; the new values name one of them', () => {
    expect(regionAllows(['local'], 'same_province')).toBe(true);
    expect(regionAllows(['local'], 'neighbouring_province')).toBe(true);
    expect(regionAllows(['local'], 'domestic')).toBe(false);
    expect(regionAllows(['same_province'], 'same_province')).toBe(true);
    expect(regionAllows(['same_province'], 'neighbouring_province')).toBe(false);
    expect(regionAllows(['neighbouring_province', 'domestic'], 'neighbouring_province')).toBe(true);
    expect(regionAllows(['neighbouring_province', 'domestic'], 'domestic')).toBe(true);
    expect(regionAllows(['neighbouring_province', 'domestic'], 'same_province')).toBe(false);
    expect(regionAllows(['domestic'], 'foreign')).toBe(false);
    expect(regionAllows(['foreign'], 'foreign')).toBe(true);
    expect(regionAllows(undefined, 'foreign')).toBe(true);
  });
  it('every condition value covers at least one region, and each region is covered by its own value', () => {
    for (const value of REGIONS) expect(CUSTOMER_REGIONS.some((where) => regionAllows([value], where))).toBe(true);
    for (const where of CUSTOMER_REGIONS) expect(regionAllows([where], where)).toBe(true);
  });
});
