import type { Region } from './schemas.ts';

/** Where a customer is, seen from the company: what `regionOf` answers and region conditions are checked against. */
export const CUSTOMER_REGIONS = ['same_province', 'neighbouring_province', 'domestic', 'foreign'] as const;
export type CustomerRegion = (typeof CUSTOMER_REGIONS)[number];

/** China's provincial-level divisions: code, Chinese and English names, neighbours (land borders; Hainan with Guangdong). */
export const PROVINCES = [
  { code: 'BJ', zh: '北京市', en: 'Beijing', neighbours: ['TJ', 'HE'] },
  { code: 'TJ', zh: '天津市', en: 'Tianjin', neighbours: ['BJ', 'HE'] },
  { code: 'HE', zh: '河北省', en: 'Hebei', neighbours: ['BJ', 'TJ', 'SX', 'NM', 'LN', 'SD', 'HA'] },
  { code: 'SX', zh: '山西省', en: 'Shanxi', neighbours: ['HE', 'NM', 'SN', 'HA'] },
  { code: 'NM', zh: '内蒙古自治区', en: 'Inner Mongolia', neighbours: ['HL', 'JL', 'LN', 'HE', 'SX', 'SN', 'NX', 'GS'] },
  { code: 'LN', zh: '辽宁省', en: 'Liaoning', neighbours: ['JL', 'NM', 'HE'] },
  { code: 'JL', zh: '吉林省', en: 'Jilin', neighbours: ['HL', 'NM', 'LN'] },
  { code: 'HL', zh: '黑龙江省', en: 'Heilongjiang', neighbours: ['JL', 'NM'] },
  { code: 'SH', zh: '上海市', en: 'Shanghai', neighbours: ['JS', 'ZJ'] },
  { code: 'JS', zh: '江苏省', en: 'Jiangsu', neighbours: ['SH', 'ZJ', 'AH', 'SD'] },
  { code: 'ZJ', zh: '浙江省', en: 'Zhejiang', neighbours: ['SH', 'JS', 'AH', 'JX', 'FJ'] },
  { code: 'AH', zh: '安徽省', en: 'Anhui', neighbours: ['JS', 'ZJ', 'JX', 'HB', 'HA', 'SD'] },
  { code: 'FJ', zh: '福建省', en: 'Fujian', neighbours: ['ZJ', 'JX', 'GD', 'TW'] },
  { code: 'JX', zh: '江西省', en: 'Jiangxi', neighbours: ['ZJ', 'AH', 'HB', 'HN', 'GD', 'FJ'] },
  { code: 'SD', zh: '山东省', en: 'Shandong', neighbours: ['HE', 'HA', 'AH', 'JS'] },
  { code: 'HA', zh: '河南省', en: 'Henan', neighbours: ['HE', 'SX', 'SN', 'HB', 'AH', 'SD'] },
  { code: 'HB', zh: '湖北省', en: 'Hubei', neighbours: ['HA', 'AH', 'JX', 'HN', 'CQ', 'SN'] },
  { code: 'HN', zh: '湖南省', en: 'Hunan', neighbours: ['HB', 'JX', 'GD', 'GX', 'GZ', 'CQ'] },
  { code: 'GD', zh: '广东省', en: 'Guangdong', neighbours: ['FJ', 'JX', 'HN', 'GX', 'HI', 'HK', 'MO'] },
  { code: 'GX', zh: '广西壮族自治区', en: 'Guangxi', neighbours: ['GD', 'HN', 'GZ', 'YN'] },
  { code: 'HI', zh: '海南省', en: 'Hainan', neighbours: ['GD'] },
  { code: 'CQ', zh: '重庆市', en: 'Chongqing', neighbours: ['SC', 'GZ', 'HN', 'HB', 'SN'] },
  { code: 'SC', zh: '四川省', en: 'Sichuan', neighbours: ['CQ', 'GZ', 'YN', 'XZ', 'QH', 'GS', 'SN'] },
  { code: 'GZ', zh: '贵州省', en: 'Guizhou', neighbours: ['SC', 'CQ', 'HN', 'GX', 'YN'] },
  { code: 'YN', zh: '云南省', en: 'Yunnan', neighbours: ['SC', 'GZ', 'GX', 'XZ'] },
  { code: 'XZ', zh: '西藏自治区', en: 'Tibet', neighbours: ['XJ', 'QH', 'SC', 'YN'] },
  { code: 'SN', zh: '陕西省', en: 'Shaanxi', neighbours: ['SX', 'HA', 'HB', 'CQ', 'SC', 'GS', 'NX', 'NM'] },
  { code: 'GS', zh: '甘肃省', en: 'Gansu', neighbours: ['SN', 'NX', 'NM', 'XJ', 'QH', 'SC'] },
  { code: 'QH', zh: '青海省', en: 'Qinghai', neighbours: ['GS', 'XJ', 'XZ', 'SC'] },
  { code: 'NX', zh: '宁夏回族自治区', en: 'Ningxia', neighbours: ['NM', 'SN', 'GS'] },
  { code: 'XJ', zh: '新疆维吾尔自治区', en: 'Xinjiang', neighbours: ['XZ', 'QH', 'GS'] },
  { code: 'HK', zh: '香港特别行政区', en: 'Hong Kong', neighbours: ['GD'] },
  { code: 'MO', zh: '澳门特别行政区', en: 'Macao', neighbours: ['GD'] },
  { code: 'TW', zh: '台湾省', en: 'Taiwan', neighbours: ['FJ'] },
] as const;
export type ProvinceCode = (typeof PROVINCES)[number]['code'];

const SUFFIXES = /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/u;
const byName = new Map<string, ProvinceCode>();
for (const p of PROVINCES) {
  byName.set(p.code.toLowerCase(), p.code);
  byName.set(p.zh, p.code);
  byName.set(p.zh.replace(SUFFIXES, ''), p.code);
  byName.set(p.en.toLowerCase().replace(/\s+/g, ''), p.code);
}
byName.set('xizang', 'XZ');
byName.set('macau', 'MO');
byName.set('innermongolia', 'NM');
byName.set('neimenggu', 'NM');

/** The province code for a name as people type it: 浙江, 浙江省, Zhejiang, ZJ; undefined when unknown. */
export function provinceCodeOf(name: string | null | undefined): ProvinceCode | undefined {
  if (!name) return undefined;
  const t = name.trim();
  return (
    byName.get(t) ??
    byName.get(t.replace(SUFFIXES, '')) ??
    byName.get(
      t
        .toLowerCase()
        .replace(/[\s-]+/g, '')
        .replace(/province$/, ''),
    )
  );
}

/**
 * Where a customer is, seen from the company (PROCEDURE.md §4: on-site within 48 h in the same
 * or a neighbouring province, 72 h elsewhere; QP-15: same province 1 working day, others 3).
 * Another country is `foreign`; an unknown province counts as `domestic` (the safer, longer
 * promise is not assumed).
 */
export function regionOf(
  company: { country: string; province: string | null | undefined },
  customer: { country: string; province: string | null | undefined },
): CustomerRegion {
  if (customer.country.toUpperCase() !== company.country.toUpperCase()) return 'foreign';
  const home = provinceCodeOf(company.province);
  const theirs = provinceCodeOf(customer.province);
  if (!home || !theirs) return 'domestic';
  if (home === theirs) return 'same_province';
  const entry = PROVINCES.find((p) => p.code === home);
  return entry && (entry.neighbours as readonly string[]).includes(theirs) ? 'neighbouring_province' : 'domestic';
}

/** The regions a condition value covers: `local` (本省及邻省, as before) is the home province and its neighbours. */
const COVERS: Record<Region, readonly CustomerRegion[]> = {
  same_province: ['same_province'],
  neighbouring_province: ['neighbouring_province'],
  local: ['same_province', 'neighbouring_province'],
  domestic: ['domestic'],
  foreign: ['foreign'],
};

/** A region condition: absent allows any customer; present, one of its values must cover where the customer is. */
export const regionAllows = (list: readonly Region[] | undefined, where: CustomerRegion): boolean =>
  !list || list.some((value) => COVERS[value].includes(where));
