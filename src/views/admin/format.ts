import { formatMoney } from '../../lib/money';

export const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);

/** "3 h 20 m", "2 d 4 h", "45 m": durations as a person reads them. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const neg = ms < 0;
  let m = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const text = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} m` : `${m} m`;
  return neg ? `-${text}` : text;
}

export const money = (amount: number, currency: string) => formatMoney({ amount, currency }, 'en');

export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const dateTime = (t: number | null | undefined) =>
  t ? new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
