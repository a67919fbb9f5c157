import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './en-US/index.ts';
import zhCN from './zh-CN/index.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
export const resources = { 'zh-CN': zhCN, 'en-US': enUS } as const;

const STORAGE_KEY = 'closeloop.language';

/** The user's choice, else the browser's preference: Chinese unless the browser prefers something else. */
export function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'zh-CN' || stored === 'en-US') return stored;
  const preferred = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const l of preferred) {
    if (l.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (l.toLowerCase().startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: false,
  ns: Object.keys(zhCN),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  // A missing key shows loudly in development and fails the key test.
  saveMissing: false,
});

export default i18n;
