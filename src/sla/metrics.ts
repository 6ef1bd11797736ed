/**
 * SLA figures for the dashboard, computed in SQL over the case rows the CaseClock mirrors: share of
 * cases meeting each target, and time to first response / resolution (nearest-rank median and
 * 90th percentile, each one indexed lookup by rank, so D1 returns a few rows, never every case),
 * overall and per priority and per tier, for one shop and cases opened in [from, to).
 * Priority and tier are the case's current ones (after any escalation).
 */
import { rangeDayPieces } from '../lib/day-pieces';
import type { Services } from '../services';
import type { SlaTarget } from './deadlines';

export type SlaGrouping = 'all' | 'priority' | 'tier';

export interface TargetFigures {
  met: number;
  breached: number;
  /** Not decided yet (still running). */
  open: number;
  /** met / (met + breached); null when nothing was decided. */
  share: number | null;
}

export interface DurationFigures {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface SlaGroupFigures {
  group: string;
  cases: number;
  targets: Record<SlaTarget, TargetFigures>;
  timeToFirstResponse: DurationFigures;
  timeToResolution: DurationFigures;
}

export type SlaMetrics = Record<SlaGrouping, SlaGroupFigures[]>;

const groupColumn: Record<SlaGrouping, string> = { all: `'all'`, priority: 'priority', tier: 'CAST(tier AS TEXT)' };

/**
 * `breaches` is the JSON array the CaseClock writes (`["first_response","resolution"]`); the quoted
 * target names are distinct and none contains another, so a substring test is exact and far cheaper
 * than `json_each` on every row.
 */
const breachedSql = (target: SlaTarget) => `(instr(breaches, '"${target}"') > 0)`;

/**
 * The target counts for all three groupings in ONE pass over the shop's cases opened in range that
 * ran an SLA clock (read from the covering index `cases_shop_created_sla_idx`): first per
 * (priority, tier), then summed per grouping. Also the per-group numbers of cases with a first
 * response / a resolution, which size the percentile lookups below.
 */
export const targetCountsSql = `
WITH g AS MATERIALIZED (
  SELECT priority AS p, CAST(tier AS TEXT) AS t, COUNT(*) AS cases,
    SUM(responded AND NOT fr_b) AS fr_met, SUM(fr_b) AS fr_breached,
    SUM(responded AND done AND NOT nu_b) AS nu_met, SUM(nu_b) AS nu_breached, SUM(responded) AS nu_applicable,
    SUM(done AND NOT res_b) AS res_met, SUM(res_b) AS res_breached,
    SUM(responded) AS ttfr_n, SUM(resolved) AS ttr_n
  FROM (
    SELECT priority, tier,
      first_responded_at IS NOT NULL AS responded,
      COALESCE(resolved_at, closed_at) IS NOT NULL AS done,
      resolved_at IS NOT NULL AS resolved,
      ${breachedSql('first_response')} AS fr_b,
      ${breachedSql('next_update')} AS nu_b,
      ${breachedSql('resolution')} AS res_b
    FROM cases
    WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND first_response_due_at IS NOT NULL
  )
  GROUP BY p, t
),
sums AS (
  SELECT 'all' AS grouping, 'all' AS grp, SUM(cases) AS cases, SUM(fr_met) AS fr_met, SUM(fr_breached) AS fr_breached,
    SUM(nu_met) AS nu_met, SUM(nu_breached) AS nu_breached, SUM(nu_applicable) AS nu_applicable,
    SUM(res_met) AS res_met, SUM(res_breached) AS res_breached, SUM(ttfr_n) AS ttfr_n, SUM(ttr_n) AS ttr_n
  FROM g GROUP BY 1
  UNION ALL
  SELECT 'priority', p, SUM(cases), SUM(fr_met), SUM(fr_breached), SUM(nu_met), SUM(nu_breached), SUM(nu_applicable),
    SUM(res_met), SUM(res_breached), SUM(ttfr_n), SUM(ttr_n)
  FROM g GROUP BY p
  UNION ALL
  SELECT 'tier', t, SUM(cases), SUM(fr_met), SUM(fr_breached), SUM(nu_met), SUM(nu_breached), SUM(nu_applicable),
    SUM(res_met), SUM(res_breached), SUM(ttfr_n), SUM(ttr_n)
  FROM g GROUP BY t
)
SELECT * FROM sums ORDER BY grouping, grp`;

const countCols = [
  'cases',
  'fr_met',
  'fr_breached',
  'nu_met',
  'nu_breached',
  'nu_applicable',
  'res_met',
  'res_breached',
  'ttfr_n',
  'ttr_n',
] as const;

/** `targetCountsSql`'s per-(priority, tier) sums over one live span of cases: the `g` rows before summing. */
const liveCounts = (span: string) => `
    SELECT priority AS p, CAST(tier AS TEXT) AS t, COUNT(*) AS cases,
      SUM(responded AND NOT fr_b) AS fr_met, SUM(fr_b) AS fr_breached, SUM(responded AND done AND NOT nu_b) AS nu_met,
      SUM(nu_b) AS nu_breached, SUM(responded) AS nu_applicable, SUM(done AND NOT res_b) AS res_met, SUM(res_b) AS res_breached,
      SUM(responded) AS ttfr_n, SUM(resolved) AS ttr_n
    FROM (
      SELECT priority, tier, first_responded_at IS NOT NULL AS responded, COALESCE(resolved_at, closed_at) IS NOT NULL AS done,
        resolved_at IS NOT NULL AS resolved, ${breachedSql('first_response')} AS fr_b, ${breachedSql('next_update')} AS nu_b, ${breachedSql('resolution')} AS res_b
      FROM cases WHERE shop_id = ?1 AND ${span} AND first_response_due_at IS NOT NULL
    ) GROUP BY p, t`;

/**
 * The same answer as `targetCountsSql` (kept as the reference the tests compare to) from the per-day
 * rollup `case_sla_days` (src/db/sla-days.ts) for the range's whole UTC days plus the live rows of
 * its partial days (src/lib/day-pieces.ts): a few hundred rollup rows instead of every case.
 * Binds: ?1 shop, ?2 from, ?3 to, ?4 end of the leading partial day, ?5 start of the trailing one,
 * ?6 / ?7 the whole days [first, last).
 */
export const rolledTargetCountsSql = targetCountsSql.replace(
  /WITH g AS MATERIALIZED \([\s\S]*?\n\),\nsums AS/,
  `WITH g AS MATERIALIZED (
  SELECT p, t, ${countCols.map((c) => `SUM(${c}) AS ${c}`).join(', ')} FROM (
    ${liveCounts('created_at >= ?2 AND created_at < ?4')}
    UNION ALL ${liveCounts('created_at >= ?5 AND created_at < ?3')}
    UNION ALL SELECT priority, CAST(tier AS TEXT), ${countCols.map((c) => `SUM(${c})`).join(', ')}
      FROM case_sla_days WHERE shop_id = ?1 AND day >= ?6 AND day < ?7 GROUP BY 1, 2
  ) GROUP BY p, t HAVING SUM(cases) > 0
),
sums AS`,
);
if (rolledTargetCountsSql === targetCountsSql)
  throw new Error('rolledTargetCountsSql: targetCountsSql changed shape; update the rollup read');

const durationColumn = { ttfr: 'first_responded_at', ttr: 'resolved_at' } as const;
const durationIndex = { ttfr: 'cases_shop_ttfr_idx', ttr: 'cases_shop_ttr_idx' } as const;

/**
 * The value at one rank of a group's durations, nearest-rank: the (partial, expression) index keeps
 * each shop's cases in duration order, so `LIMIT 1 OFFSET k` walks index entries only (no sort,
 * no rows loaded) and stops at the rank. `INDEXED BY` because SQLite, without statistics, would
 * rather range-scan by creation time and sort. The WHERE repeats the index's partial condition.
 * Grouped lookups use the per-priority / per-tier sibling (`…_by_priority`), which holds the group's
 * cases alone in duration order.
 * `desc`: walk from the longest duration down (the rank counted from that end, `n - rank`), so a
 * 90th percentile reads a tenth of the entries instead of nine tenths; the value is the same.
 * Binds: ?1 shop, ?2 from, ?3 to, ?4 offset, ?5 group value (priority or tier) when grouped.
 */
export function percentileSql(group: SlaGrouping, metric: 'ttfr' | 'ttr', desc = false): string {
  const col = durationColumn[metric];
  const filter = group === 'all' ? '' : ` AND ${group} = ?5`;
  const index = group === 'all' ? durationIndex[metric] : `${durationIndex[metric]}_by_${group}`;
  return `SELECT ${col} - created_at AS v FROM cases INDEXED BY ${index}
  WHERE shop_id = ?1 AND ${col} IS NOT NULL AND first_response_due_at IS NOT NULL AND created_at >= ?2 AND created_at < ?3${filter}
  ORDER BY ${col} - created_at${desc ? ' DESC' : ''} LIMIT 1 OFFSET ?4`;
}

/** Nearest-rank: rank ⌈p·n⌉ (1-based), as integer arithmetic. */
export const nearestRank = (n: number, p: number) => Math.floor((n * p + 99) / 100);

/** How to reach rank ⌈p·n⌉ of n walking the fewest index entries: from the top when it is nearer. */
export function rankWalk(n: number, p: number): { desc: boolean; offset: number } {
  const rank = nearestRank(n, p);
  return rank - 1 <= n - rank ? { desc: false, offset: rank - 1 } : { desc: true, offset: n - rank };
}

export interface CountRow {
  grouping: SlaGrouping;
  grp: string;
  cases: number;
  fr_met: number;
  fr_breached: number;
  nu_met: number;
  nu_breached: number;
  nu_applicable: number;
  res_met: number;
  res_breached: number;
  ttfr_n: number;
  ttr_n: number;
}

function figures(met: number, breached: number, total: number): TargetFigures {
  return {
    met,
    breached,
    open: Math.max(0, total - met - breached),
    share: met + breached > 0 ? met / (met + breached) : null,
  };
}

type Lookup = { row: CountRow; metric: 'ttfr' | 'ttr'; p: 50 | 90 };

/**
 * The rank lookups as a few statements, each a row of scalar subqueries: `percentileSql`'s walk with
 * its own numbered binds (?4 onwards: offset, then group value). The walks are the same as one
 * statement each; D1's per-statement cost (locally ~0.5 ms of CPU each in the D1 simulation) is
 * paid once per 24 lookups instead of per lookup. 24 × 2 binds + 3 stays under D1's 100 binds.
 */
async function percentileValues(
  d1: D1Database,
  shopId: string,
  range: { from: number; to: number },
  lookups: Lookup[],
): Promise<Array<number | null>> {
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < lookups.length; start += LOOKUPS_PER_STATEMENT) {
    const params: unknown[] = [shopId, range.from, range.to];
    const columns = lookups.slice(start, start + LOOKUPS_PER_STATEMENT).map(({ row, metric, p }, i) => {
      // Exact only while n (from the counts) is the number of rows the lookup sees: both read the
      // same cases (same range, clock ran, the duration's end set), in one round trip apart.
      const walk = rankWalk(row[`${metric}_n`], p);
      const offset = params.push(walk.offset);
      const group = row.grouping === 'all' ? 0 : params.push(row.grouping === 'tier' ? Number(row.grp) : row.grp);
      const sql = percentileSql(row.grouping, metric, walk.desc).replace(
        /\?([45])\b/g,
        (_m, n: string) => `?${n === '4' ? offset : group}`,
      );
      return `(${sql}) AS v${i}`;
    });
    statements.push(d1.prepare(`SELECT ${columns.join(', ')}`).bind(...params));
  }
  const results = await d1.batch<Record<string, number | null>>(statements);
  return lookups.map((_, i) => {
    const row = results[Math.floor(i / LOOKUPS_PER_STATEMENT)]?.results[0];
    return row?.[`v${i % LOOKUPS_PER_STATEMENT}`] ?? null;
  });
}

const LOOKUPS_PER_STATEMENT = 24;

export async function slaMetrics(
  s: Services,
  shopId: string,
  range: { from: number; to: number },
): Promise<SlaMetrics> {
  const counts = (await slaCountsStatement(s.d1(shopId), shopId, range).all<CountRow>()).results;
  return slaMetricsFrom(s.d1(shopId), shopId, range, counts);
}

/** The first read of `slaMetrics`, for a caller that sends it in a batch of its own. */
export function slaCountsStatement(d1: D1Database, shopId: string, range: { from: number; to: number }) {
  return d1.prepare(rolledTargetCountsSql).bind(shopId, range.from, range.to, ...rangeDayPieces(range));
}

/** The rest of `slaMetrics` once the counts (rows of `slaCountsStatement`) are read: the percentiles. */
export async function slaMetricsFrom(
  d1: D1Database,
  shopId: string,
  range: { from: number; to: number },
  counts: CountRow[],
): Promise<SlaMetrics> {
  // Second round trip: p50 and p90 of both durations for every group that has any, by rank.
  const lookups: Lookup[] = [];
  for (const row of counts) {
    for (const metric of ['ttfr', 'ttr'] as const) {
      if (row[`${metric}_n`] > 0) lookups.push({ row, metric, p: 50 }, { row, metric, p: 90 });
    }
  }
  const values = lookups.length ? await percentileValues(d1, shopId, range, lookups) : [];
  const at = (row: CountRow, metric: 'ttfr' | 'ttr', p: 50 | 90): number | null => {
    const i = lookups.findIndex((l) => l.row === row && l.metric === metric && l.p === p);
    return i < 0 ? null : (values[i] ?? null);
  };
  const duration = (row: CountRow, metric: 'ttfr' | 'ttr'): DurationFigures => ({
    n: row[`${metric}_n`],
    p50Ms: at(row, metric, 50),
    p90Ms: at(row, metric, 90),
  });
  const out: SlaMetrics = { all: [], priority: [], tier: [] };
  for (const r of counts) {
    out[r.grouping].push({
      group: String(r.grp),
      cases: r.cases,
      targets: {
        first_response: figures(r.fr_met, r.fr_breached, r.cases),
        next_update: figures(r.nu_met, r.nu_breached, r.nu_applicable),
        resolution: figures(r.res_met, r.res_breached, r.cases),
      },
      timeToFirstResponse: duration(r, 'ttfr'),
      timeToResolution: duration(r, 'ttr'),
    });
  }
  return out;
}
