import type { Locale } from '../locales';

/**
 * One screen's admin messages: English is the reference, and the other languages must have exactly
 * its keys (the type says so; `index.test.ts` also checks the `{placeholders}` match).
 */
export type AdminCatalog<K extends string> = Record<Locale, Record<K, string>>;

export function defineAdminCatalog<const E extends Record<string, string>>(
  en: E,
  others: { 'zh-CN': Record<keyof E, string>; de: Record<keyof E, string> },
): AdminCatalog<keyof E & string> {
  return { en, ...others } as AdminCatalog<keyof E & string>;
}
