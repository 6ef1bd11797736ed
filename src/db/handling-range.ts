/**
 * A range's handling figures per member, from `case_handling_days` / `case_time_days` (kept by
 * triggers, src/db/handling-days.ts) for its whole UTC days plus the same shares read live over
 * the partial days at either end, so a week cut at a shop's local midnight is exact. Read by the
 * weekly review (src/review) and each member's figures (src/team/member-figures.ts).
 *
 * Binds: ?1 shop, ?2 from, ?3 to, ?4 end of the leading live piece, ?5 start of the trailing one,
 * ?6 / ?7 the whole days [first, last) (`handlingRangeBinds`).
 */
import { rangeDayPieces } from '../lib/day-pieces';
import { emptyHistogram, type Histogram } from '../lib/duration-histogram';
import { DURATION_BUCKETS_MIN, handlingLiveSql, handlingShare, timesLiveSql } from './handling-days';

const memberKey = ["COALESCE(c.assignee_id, '') AS member"];
const edges = [`c.created_at >= ?2 AND c.created_at < ?4`, `c.created_at >= ?5 AND c.created_at < ?3`].map(
  (span) => `c.shop_id = ?1 AND ${span}`,
);
const days = 'shop_id = ?1 AND day >= ?6 AND day < ?7';
const columns = handlingShare('c').map(([c]) => c);

export const handlingByMemberSql = `
SELECT member, ${columns.map((c) => `SUM(${c}) AS ${c}`).join(', ')} FROM (
  ${edges.map((w) => handlingLiveSql(w, memberKey)).join('\n  UNION ALL ')}
  UNION ALL SELECT member, ${columns.map((c) => `SUM(${c})`).join(', ')} FROM case_handling_days WHERE ${days} GROUP BY member
) GROUP BY member HAVING SUM(cases) <> 0 ORDER BY member`;

export const timesByMemberSql = `
SELECT member, metric, bucket, SUM(n) AS n, SUM(ms) AS ms FROM (
  ${edges.map((w) => timesLiveSql(w, memberKey)).join('\n  UNION ALL ')}
  UNION ALL SELECT member, metric, bucket, SUM(n), SUM(ms) FROM case_time_days WHERE ${days} GROUP BY member, metric, bucket
) GROUP BY member, metric, bucket HAVING SUM(n) <> 0`;

export function handlingRangeBinds(shopId: string, range: { from: number; to: number }) {
  const [leadEnd, trailStart, first, last] = rangeDayPieces(range);
  return [shopId, range.from, range.to, leadEnd, trailStart, first, last] as const;
}

export interface HandlingCounts {
  cases: number;
  done: number;
  firstContact: number;
  reopened: number;
  replies: number;
  slaCases: number;
  breached: number;
  firstReplyN: number;
  firstReplyMs: number;
  resolutionN: number;
  resolutionMs: number;
  csatN: number;
  csatSum: number;
  csatSatisfied: number;
}

/** One member's counts and duration histograms over the range (`member` '' = unassigned). */
export interface MemberHandling {
  member: string;
  counts: HandlingCounts;
  firstReply: Histogram;
  resolution: Histogram;
}

/** Each bucket's upper bound in ms. */
export const DURATION_BOUNDS_MS = DURATION_BUCKETS_MIN.map((m) => m * 60_000);
const BUCKETS = DURATION_BUCKETS_MIN.length + 1;

const camel = (c: string) => c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase());
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

export const emptyCounts = (): HandlingCounts =>
  Object.fromEntries(columns.map((c) => [camel(c), 0])) as unknown as HandlingCounts;

export function addCounts(a: HandlingCounts, b: HandlingCounts): HandlingCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof HandlingCounts>) out[k] += b[k];
  return out;
}

type Row = Record<string, unknown>;

/** The two reads' rows → one entry per member with anything in the range. */
export function memberHandling(countRows: Row[], timeRows: Row[]): MemberHandling[] {
  const byMember = new Map<string, MemberHandling>();
  const entry = (member: string) => {
    const e = byMember.get(member) ?? {
      member,
      counts: emptyCounts(),
      firstReply: emptyHistogram(BUCKETS),
      resolution: emptyHistogram(BUCKETS),
    };
    byMember.set(member, e);
    return e;
  };
  for (const r of countRows) {
    const e = entry(String(r.member ?? ''));
    e.counts = Object.fromEntries(columns.map((c) => [camel(c), num(r[c])])) as unknown as HandlingCounts;
  }
  for (const r of timeRows) {
    const e = entry(String(r.member ?? ''));
    const histogram = r.metric === 'first_reply' ? e.firstReply : e.resolution;
    const at = Math.min(BUCKETS - 1, Math.max(0, num(r.bucket)));
    histogram.counts[at] = (histogram.counts[at] ?? 0) + num(r.n);
    histogram.sums[at] = (histogram.sums[at] ?? 0) + num(r.ms);
  }
  return [...byMember.values()].sort((a, b) => a.member.localeCompare(b.member));
}

export function handlingStatements(d1: D1Database, shopId: string, range: { from: number; to: number }) {
  const binds = handlingRangeBinds(shopId, range);
  return [d1.prepare(handlingByMemberSql).bind(...binds), d1.prepare(timesByMemberSql).bind(...binds)];
}

export async function loadMemberHandling(d1: D1Database, shopId: string, range: { from: number; to: number }) {
  const [counts, times] = await d1.batch<Row>(handlingStatements(d1, shopId, range));
  return memberHandling(counts?.results ?? [], times?.results ?? []);
}
