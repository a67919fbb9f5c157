import i18n from 'i18next';
import { LANGUAGES, type Language } from './index.ts';

/** Namespaces that load with the pages that use them, in both languages (a switch needs no reload). */
const LOADERS = {
  sla: { 'zh-CN': () => import('./zh-CN/sla.ts'), 'en-US': () => import('./en-US/sla.ts') },
  dispositions: { 'zh-CN': () => import('./zh-CN/dispositions.ts'), 'en-US': () => import('./en-US/dispositions.ts') },
} satisfies Record<string, Record<Language, () => Promise<{ default: object }>>>;

export type LazyNamespace = keyof typeof LOADERS;

export async function loadMessages(...namespaces: LazyNamespace[]): Promise<void> {
  await Promise.all(
    namespaces.flatMap((ns) =>
      LANGUAGES.map(async (lang) => {
        if (i18n.hasResourceBundle(lang, ns)) return;
        const messages = (await LOADERS[ns][lang]()).default;
        i18n.addResourceBundle(lang, ns, messages, true, true);
      }),
    ),
  );
}

/** A lazy route's import that also loads its messages before it renders. */
export const withMessages =
  <T>(namespaces: LazyNamespace[], importer: () => Promise<T>) =>
  () =>
    Promise.all([importer(), loadMessages(...namespaces)]).then(([module]) => module);
