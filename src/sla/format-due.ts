import { closestLocale, intlLocale } from '../i18n';
/**
 * A deadline as the team reads it in an SLA email: date and time in the shop's time zone and
 * language, with the zone named ("26 Nov 2026, 15:05 CET"). Options are given field by field:
 * `dateStyle`/`timeStyle` cannot be combined with `timeZoneName` (V8 throws a TypeError), which
 * made every SLA email fall back to an ISO instant before.
 * The language is the email's own (`closestLocale`: `de_DE` is German, an unsupported `fr` is
 * English), so the date never speaks another language than the sentence around it.
 */

export function formatDue(at: number, zone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  try {
    const language = closestLocale(locale);
    // English as written in Europe (day month year, 24 h): the shop's team, not a US locale default.
    return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : intlLocale[language], options).format(at);
  } catch {
    return new Date(at).toISOString(); // an unknown zone or locale: still an exact instant
  }
}
