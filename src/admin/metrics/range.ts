import { DAY_MS } from '../../lib/durations';
import * as z from 'zod';

/** A date or an instant: `2026-11-01` (UTC midnight), an ISO date-time, or epoch ms. */
const instant = z.union([
  z.iso.datetime({ offset: true }).transform((d) => Date.parse(d)),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .transform((d, ctx) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: 'not a calendar date' });
      return t;
    }),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);

export const metricsQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
});

export interface DateRange {
  from: number;
  /** Exclusive. A `to` date means "through that day", so it is moved to the next midnight. */
  to: number;
}

/** Default: the last 30 days up to now. A date `to` includes the whole day. */
export function resolveRange(
  raw: { from?: string | undefined; to?: string | undefined },
  now: number,
): DateRange | { error: string } {
  const parsed = metricsQuerySchema.safeParse(raw);
  if (!parsed.success) return { error: 'from and to must be YYYY-MM-DD dates, ISO date-times or epoch milliseconds' };
  const toIsDate = raw.to !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(raw.to);
  const to = parsed.data.to !== undefined ? parsed.data.to + (toIsDate ? DAY_MS : 0) : now;
  const from = parsed.data.from ?? to - 30 * DAY_MS;
  if (!(from < to)) return { error: 'from must be before to' };
  if (to - from > 3 * 366 * DAY_MS) return { error: 'the range may span at most three years' };
  return { from, to };
}
