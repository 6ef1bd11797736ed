/**
 * A range [from, to) as the dashboard's per-day rollups read it (case_reason_days, case_sla_days):
 * the whole UTC days inside it, summed from the rollup, and the partial days at either end, read
 * live from the cases. Exact for any pair of instants, so a range cut at a shop's local midnight
 * (any time zone, either side of a DST change) costs at most two days of live rows.
 */
import { DAY_MS } from './durations';

/** [end of the leading live piece, start of the trailing one, first whole day, end day (exclusive)]. */
export function rangeDayPieces(range: { from: number; to: number }): [number, number, number, number] {
  const first = Math.ceil(range.from / DAY_MS);
  const last = Math.floor(range.to / DAY_MS);
  if (first >= last) return [range.to, range.to, 0, 0]; // no whole day: all of it live
  return [first * DAY_MS, last * DAY_MS, first, last];
}
