import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAdmin from './en-US/admin.ts';
import enAuth from './en-US/auth.ts';
import enCaseList from './en-US/case-list.ts';
import enCases from './en-US/cases.ts';
import enCommon from './en-US/common.ts';
import enCustomers from './en-US/customers.ts';
import enNotifications from './en-US/notifications.ts';
import enWorkspace from './en-US/workspace.ts';
import zhAdmin from './zh-CN/admin.ts';
import zhAuth from './zh-CN/auth.ts';
import zhCaseList from './zh-CN/case-list.ts';
import zhCases from './zh-CN/cases.ts';
import zhCommon from './zh-CN/common.ts';
import zhCustomers from './zh-CN/customers.ts';
import zhNotifications from './zh-CN/notifications.ts';
import zhWorkspace from './zh-CN/workspace.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Messages loaded with the app. The namespaces of the settings, escalation and disposition pages
 * (`sla`, `dispositions`) load with those pages (see lazy.ts), keeping the first view small.
 */
const eager = {
  'zh-CN': {
    common: zhCommon,
    auth: zhAuth,
    workspace: zhWorkspace,
    caseList: zhCaseList,
    cases: zhCases,
    customers: zhCustomers,
    admin: zhAdmin,
    notifications: zhNotifications,
  },
  'en-US': {
    common: enCommon,
    auth: enAuth,
    workspace: enWorkspace,
    caseList: enCaseList,
    cases: enCases,
    customers: enCustomers,
    admin: enAdmin,
    notifications: enNotifications,
  },
};

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
  resources: eager,
  lng: initialLanguage(),
  fallbackLng: false,
  ns: Object.keys(eager['zh-CN']),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  // A missing key shows loudly in development and fails the key test.
  saveMissing: false,
});

export default i18n;
