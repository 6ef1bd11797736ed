/**
 * Message catalogs and locale negotiation for shopper-facing pages. A locale is chosen, in order,
 * from `?lang=`, the `ac_lang` cookie the switch sets, `Accept-Language`, then the shop's default.
 */
import { formatMoney, type Money } from '../lib/money';
import { de } from './de';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-cn';

import { type Locale, locales } from './locales';

export * from './locales';
export type { MessageKey };
export { reasonLabel } from './reason-labels';

/** Every locale's catalog (tests check each has every English key with the same placeholders). */
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, de };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const text = catalog[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** A label from a policy's `{ en, zh-CN, de }` map, falling back to English, then to `fallback`. */
export function pickLabel(labels: Record<string, string> | undefined, locale: Locale, fallback: string): string {
  return labels?.[locale] ?? labels?.en ?? fallback;
}

export interface Formatter {
  locale: Locale;
  t: Translate;
  money(m: Money): string;
  /** A date (or date and time) in the shop's time zone. */
  date(ms: number, withTime?: boolean): string;
  percent(basisPoints: number): string;
}

/**
 * Formatters per (locale, zone), built once per isolate: constructing the Intl formatters (and the
 * zone check) was a fifth of the shopper page's JavaScript time. A formatter holds no state.
 */
const formatters = new Map<string, Formatter>();

export function formatter(locale: Locale, timeZone: string): Formatter {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = buildFormatter(locale, timeZone);
    // Zones come from shop rows: a bounded set in practice, capped anyway.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

function buildFormatter(locale: Locale, timeZone: string): Formatter {
  const zone = safeZone(timeZone);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return {
    locale,
    t: translator(locale),
    money: (m) => formatMoney(m, locale),
    date: (ms, withTime = false) => (withTime ? dayTime : day).format(ms),
    percent: (bp) => pct.format(bp / 10_000),
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
