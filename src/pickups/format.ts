/** How the pickup email shows its window and address: in the shopper's language and the shop's zone. */
import { closestLocale, intlLocale } from '../i18n';
import type { Address } from '../db/schema';

export function formatWindow(start: number, end: number, locale: string, timeZone: string): string {
  const loc = intlLocale[closestLocale(locale)];
  try {
    const day = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone }).format(start);
    const time = new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone });
    return `${day} ${time.format(start)}–${time.format(end)}`;
  } catch {
    return `${new Date(start).toISOString()} – ${new Date(end).toISOString()}`;
  }
}

export function formatAddress(a: Address): string {
  return [a.address1, a.address2, a.city, a.province, a.zip, a.country].filter(Boolean).join(', ');
}
