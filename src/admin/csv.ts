import { type AdminKey, adminCatalogs } from '../i18n/admin';
import { type Locale, matchLocale } from '../i18n/locales';

/** RFC 4180 CSV with spreadsheet-formula neutralising (a cell starting =,+,-,@ is prefixed with '). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A header row in a person's language, or the machine keys (`keys`) that scripts read. */
export type CsvHeaderLanguage = Locale | 'keys';

/** `?lang=keys|en|zh-CN|de` when given (scripts pin it), else the fallback (the member's language). */
export function csvHeaderLanguage(param: string | undefined, fallback: CsvHeaderLanguage): CsvHeaderLanguage {
  if (param === 'keys') return 'keys';
  return matchLocale(param) ?? fallback;
}

/**
 * The header line for these columns. A person's language starts with a byte-order mark, so a
 * spreadsheet opens Chinese and German headers as UTF-8; the columns' order is the same in every language.
 */
export function csvHeader(columns: readonly string[], lang: CsvHeaderLanguage): string {
  if (lang === 'keys') return csvLine([...columns]);
  const catalog = adminCatalogs[lang] as Record<string, string>;
  const label = (col: string) => catalog[`csv.col.${col}` satisfies string as AdminKey] ?? col;
  return `\uFEFF${csvLine(columns.map(label))}`;
}
