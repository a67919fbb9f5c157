/**
 * The 34 provincial-level divisions of China (23 provinces, 5 autonomous regions, 4 municipalities,
 * 2 special administrative regions), by their official Chinese names — the value the company setting
 * stores — with a romanized name for English screens.
 */
export const PROVINCES = [
  { zh: '北京市', en: 'Beijing' },
  { zh: '天津市', en: 'Tianjin' },
  { zh: '河北省', en: 'Hebei' },
  { zh: '山西省', en: 'Shanxi' },
  { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  { zh: '辽宁省', en: 'Liaoning' },
  { zh: '吉林省', en: 'Jilin' },
  { zh: '黑龙江省', en: 'Heilongjiang' },
  { zh: '上海市', en: 'Shanghai' },
  { zh: '江苏省', en: 'Jiangsu' },
  { zh: '浙江省', en: 'Zhejiang' },
  { zh: '安徽省', en: 'Anhui' },
  { zh: '福建省', en: 'Fujian' },
  { zh: '江西省', en: 'Jiangxi' },
  { zh: '山东省', en: 'Shandong' },
  { zh: '河南省', en: 'Henan' },
  { zh: '湖北省', en: 'Hubei' },
  { zh: '湖南省', en: 'Hunan' },
  { zh: '广东省', en: 'Guangdong' },
  { zh: '广西壮族自治区', en: 'Guangxi' },
  { zh: '海南省', en: 'Hainan' },
  { zh: '重庆市', en: 'Chongqing' },
  { zh: '四川省', en: 'Sichuan' },
  { zh: '贵州省', en: 'Guizhou' },
  { zh: '云南省', en: 'Yunnan' },
  { zh: '西藏自治区', en: 'Xizang (Tibet)' },
  { zh: '陕西省', en: 'Shaanxi' },
  { zh: '甘肃省', en: 'Gansu' },
  { zh: '青海省', en: 'Qinghai' },
  { zh: '宁夏回族自治区', en: 'Ningxia' },
  { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  { zh: '台湾省', en: 'Taiwan' },
  { zh: '香港特别行政区', en: 'Hong Kong SAR' },
  { zh: '澳门特别行政区', en: 'Macao SAR' },
] as const;

/** Select options: the Chinese name as value; English screens show both names. */
export const provinceOptions = (lang: string) =>
  PROVINCES.map((p) => ({ value: p.zh, label: lang === 'zh-CN' ? p.zh : `${p.en} ${p.zh}` }));
