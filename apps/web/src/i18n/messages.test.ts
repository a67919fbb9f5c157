import { describe, expect, it } from 'vitest';
import enUS from './en-US/index.ts';
import zhCN from './zh-CN/index.ts';

/** Every namespace, the lazily loaded ones included. */
const resources = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** Every key path of a message tree. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('messages', () => {
  it('has every key in both languages', () => {
    const zh = keys(resources['zh-CN']).sort();
    const en = keys(resources['en-US']).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('has no empty message', () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const flat = keys(resources[lang]);
      const get = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], resources[lang]);
      expect(flat.filter((k) => String(get(k)).trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const zh = resources['zh-CN'];
    const en = resources['en-US'];
    const get = (tree: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], tree);
    const vars = (s: unknown) => [...String(s).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const k of keys(zh)) expect(vars(get(en, k)), k).toEqual(vars(get(zh, k)));
  });
});
