/**
 * Message catalogs and locale negotiation for shopper-facing pages. A locale is chosen, in order,
 * from `?lang=`, the `ac_lang` cookie the switch sets, `Accept-Language`, then the shop's default.
 */
import { formatMoney, type Money } from '../lib/money';
import { de } from './de';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-cn';

export const locales = ['en', 'zh-CN', 'de'] as const;
export type Locale = (typeof locales)[number];
export type { MessageKey };
export { reasonLabel } from './reason-labels';

/** Every locale's catalog (tests check each has every English key with the same placeholders). */
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, de };

/**
 * Maps any BCP 47 tag to one we have: zh, zh-CN, zh-Hans, zh-SG → zh-CN; en-* → en; de and every
 * German region (de-DE, de-AT, de-CH, de-LI, de-1996…) → de. Matching is on the language subtag, so
 * `den` or `english` match nothing. An underscore (`de_DE`, as some clients send) counts as a hyphen.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const t = tag?.trim().toLowerCase().replaceAll('_', '-');
  if (!t) return null;
  if (t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'de' || t.startsWith('de-')) return 'de';
  return null;
}

/** Picks the best supported locale from an `Accept-Language` header by its q-values. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && Number.isFinite(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const hit = matchLocale(tag);
    if (hit) return hit;
  }
  return null;
}

export interface LocaleSources {
  query?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
  shopDefault?: string | null;
}

export function negotiateLocale(src: LocaleSources): Locale {
  return (
    matchLocale(src.query) ??
    matchLocale(src.cookie) ??
    fromAcceptLanguage(src.acceptLanguage) ??
    matchLocale(src.shopDefault) ??
    'en'
  );
}

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

export function formatter(locale: Locale, timeZone: string): Formatter {
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
