/**
 * Every rule about which language we speak: the languages we ship, how a tag or a browser's
 * `Accept-Language` maps onto one, and which Intl locale formats dates and money in each.
 */
export const locales = ['en', 'zh-CN', 'de'] as const;
export type Locale = (typeof locales)[number];

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

/**
 * The nearest shipped language for a stored or sent tag, never none: any Chinese (`zh`, `zh-cn`,
 * `zh-Hant`) → `zh-CN` (closer than English); any German (`de`, `de-DE`, `de_DE`) → `de`; else `en`.
 * Negotiation uses `matchLocale`, which answers null so the next source can speak.
 */
export function closestLocale(tag: string | null | undefined): Locale {
  const l = (tag ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (l === 'zh' || l.startsWith('zh-')) return 'zh-CN';
  if (l === 'de' || l.startsWith('de-')) return 'de';
  return 'en';
}

/** The Intl locale that formats dates in each language (English mail reads US dates). */
export const intlLocale: Record<Locale, string> = { en: 'en-US', 'zh-CN': 'zh-CN', de: 'de-DE' };
