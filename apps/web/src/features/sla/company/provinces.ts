import { PROVINCES } from '@closeloop/domain';

/**
 * Select options for China's 34 provincial-level divisions (from the domain, which also knows their
 * neighbours): the official Chinese name is the stored value; English screens show both names.
 */
export const provinceOptions = (lang: string) =>
  PROVINCES.map((p) => ({ value: p.zh, label: lang === 'zh-CN' ? p.zh : `${p.en} ${p.zh}` }));
