/**
 * The admin's languages. Each screen keeps its messages in its own catalog file here (so screens
 * can grow without one giant file); this module joins them. A member's language is their setting,
 * then their browser's `Accept-Language`, then English; times are shown in the shop's zone.
 */
import { formatMoney, type Money } from '../../lib/money';
import { fromAcceptLanguage, intlLocale, type Locale, matchLocale } from '../locales';
import type { AdminCatalog } from './catalog';
import { caseMessages } from './case';
import { caseEventMessages } from './case-events';
import { helpMessages } from './help';
import { policyMessages } from './policy';
import { reviewMessages } from './review';
import { customersMessages } from './customers';
import { supportEmailMessages } from './support-email';
import { setupMessages } from './setup';
import { activityMessages } from './activity';
import { alertsMessages } from './alerts';
import { apiDocsMessages } from './apidocs';
import { csvMessages } from './csv';
import { dashboardMessages } from './dashboard';
import { errorMessages } from './errors';
import { commandErrorMessages } from './command-errors';
import { formIssueMessages } from './form-issues';
import { queueBulkMessages } from './queue-bulk';
import { caseKeysMessages } from './case-keys';
import { slaHoldMessages } from './sla-hold';
import { landingMessages } from './landing';
import { loginMessages } from './login';
import { operationsMessages } from './operations';
import { queueMessages } from './queue';
import { shellMessages } from './shell';
import { slaMessages } from './sla';
import { teamMessages } from './team';
import { templatesMessages } from './templates';
import { vocabMessages } from './vocab';

/** Add a screen's catalog here. */
const parts = [
  shellMessages,
  caseMessages,
  caseEventMessages,
  policyMessages,
  reviewMessages,
  customersMessages,
  supportEmailMessages,
  vocabMessages,
  queueMessages,
  dashboardMessages,
  alertsMessages,
  slaMessages,
  operationsMessages,
  loginMessages,
  templatesMessages,
  teamMessages,
  apiDocsMessages,
  errorMessages,
  commandErrorMessages,
  formIssueMessages,
  queueBulkMessages,
  caseKeysMessages,
  slaHoldMessages,
  csvMessages,
  landingMessages,
  helpMessages,
  setupMessages,
  activityMessages,
] as const;

type KeysOf<P> = P extends AdminCatalog<infer K> ? K : never;
export type AdminKey = KeysOf<(typeof parts)[number]>;

export const adminCatalogs = Object.fromEntries(
  (['en', 'zh-CN', 'de'] as const).map((l) => [l, Object.assign({}, ...parts.map((p) => p[l]))]),
) as Record<Locale, Record<AdminKey, string>>;

export type AdminTranslate = (key: AdminKey, vars?: Record<string, string | number>) => string;

export function adminTranslator(locale: Locale): AdminTranslate {
  const catalog = adminCatalogs[locale];
  return (key, vars) => {
    const text = catalog[key] ?? adminCatalogs.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** The member's own setting, then the browser, then English. */
export function adminLocale(
  memberSetting: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  return matchLocale(memberSetting) ?? fromAcceptLanguage(acceptLanguage) ?? 'en';
}

export interface AdminFormatter {
  locale: Locale;
  timeZone: string;
  t: AdminTranslate;
  money(m: Money): string;
  /** A day, or a day and time, in the shop's zone and the member's language. */
  date(ms: number, withTime?: boolean): string;
  /** The same instant in UTC (for a `title` on hover, and for machines). */
  utc(ms: number): string;
  number(n: number, fractionDigits?: number): string;
  percent(ratio: number, fractionDigits?: number): string;
}

export function adminFormatter(locale: Locale, timeZone: string): AdminFormatter {
  const zone = safeZone(timeZone);
  const intl = intlLocale[locale];
  const day = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: zone });
  const dayTime = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const t = adminTranslator(locale);
  return {
    locale,
    timeZone: zone,
    t,
    money: (m) => formatMoney(m, intl),
    date: (ms, withTime = false) => (withTime ? dayTime : day).format(ms),
    utc: (ms) => t('shell.utc', { time: new Date(ms).toISOString().slice(0, 16).replace('T', ' ') }),
    number: (n, digits = 0) =>
      new Intl.NumberFormat(intl, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n),
    percent: (ratio, digits = 1) =>
      new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: digits }).format(ratio),
  };
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
