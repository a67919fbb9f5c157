import { describe, expect, it } from 'vitest';
import { PROVINCES, provinceCodeOf, regionOf } from './regions.ts';

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
  it('same and neighbouring provinces are local', () => {
    expect(regionOf(company, { country: 'CN', province: '浙江' })).toBe('local');
    expect(regionOf(company, { country: 'CN', province: '江苏省' })).toBe('local');
    expect(regionOf(company, { country: 'CN', province: 'Fujian' })).toBe('local');
  });
  it('other provinces are domestic, other countries foreign', () => {
    expect(regionOf(company, { country: 'CN', province: '广东省' })).toBe('domestic');
    expect(regionOf(company, { country: 'CN', province: null })).toBe('domestic');
    expect(regionOf(company, { country: 'DE', province: 'Bayern' })).toBe('foreign');
    expect(regionOf({ country: 'CN', province: null }, { country: 'CN', province: '浙江' })).toBe('domestic');
  });
});
