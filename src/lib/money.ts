/** Money is an integer count of the currency's minor units plus its ISO 4217 code. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * Intl formatters are costly to build (a lookup formats every line's price; an order's apply parses
 * every amount), so each (locale, currency) is built once per isolate. An unknown currency throws
 * from the constructor, as before, and caches nothing.
 */
const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    if (currencyFormats.size >= 512) currencyFormats.clear();
    currencyFormats.set(key, format);
  }
  return format;
}

/** Minor-unit exponent per ISO 4217 (default 2); Intl knows them all. */
export function minorUnitDigits(currency: string): number {
  return currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Parses a platform decimal string ("19.99") into minor units without going through a float. */
export function parseDecimal(value: string | number, currency: string): number {
  const digits = minorUnitDigits(currency);
  const text = typeof value === 'number' ? value.toFixed(digits) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, whole, frac = ''] = match;
  const padded = (frac + '0'.repeat(digits)).slice(0, digits);
  const rest = frac.slice(digits);
  let minor = Number(whole) * 10 ** digits + Number(padded || '0');
  // Half-up on the first dropped digit: platforms send at most the currency's digits in practice.
  if (rest.length > 0 && Number(rest[0]) >= 5) minor += 1;
  return sign ? -minor : minor;
}

/** Formats minor units as the platform's decimal string ("19.99"). */
export function toDecimal(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  const s = abs.toString().padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export function formatMoney(money: Money, locale: string): string {
  const digits = minorUnitDigits(money.currency);
  return currencyFormat(locale, money.currency).format(money.amount / 10 ** digits);
}
