/**
 * SLA figures for the dashboard, computed in SQL over the case rows the CaseClock mirrors: share of
 * cases meeting each target, and time to first response / resolution (nearest-rank median and
 * 90th percentile via window functions, so D1 returns a few rows per group, never every case),
 * overall and per priority and per tier, for one shop and cases opened in [from, to).
 * Priority and tier are the case's current ones (after any escalation).
 */
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

const breachedSql = (target: SlaTarget) => `EXISTS (SELECT 1 FROM json_each(cases.breaches) WHERE value = '${target}')`;

/** Cases opened in range that ran an SLA clock, with the facts each figure needs. */
const scoped = (group: SlaGrouping) => `
  SELECT ${groupColumn[group]} AS grp,
    first_responded_at IS NOT NULL AS responded,
    COALESCE(resolved_at, closed_at) IS NOT NULL AS done,
    ${breachedSql('first_response')} AS fr_b,
    ${breachedSql('next_update')} AS nu_b,
    ${breachedSql('resolution')} AS res_b,
    first_responded_at - created_at AS ttfr,
    resolved_at - created_at AS ttr
  FROM cases
  WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND first_response_due_at IS NOT NULL`;

export function targetCountsSql(group: SlaGrouping): string {
  return `WITH c AS (${scoped(group)})
  SELECT grp, COUNT(*) AS cases,
    SUM(responded AND NOT fr_b) AS fr_met, SUM(fr_b) AS fr_breached,
    SUM(responded AND done AND NOT nu_b) AS nu_met, SUM(nu_b) AS nu_breached, SUM(responded) AS nu_applicable,
    SUM(done AND NOT res_b) AS res_met, SUM(res_b) AS res_breached
  FROM c GROUP BY grp ORDER BY grp`;
}

/** Nearest-rank percentiles: rank ⌈p·n⌉, written with integer arithmetic ((p·n + 99) / 100). */
export function percentilesSql(group: SlaGrouping, column: 'ttfr' | 'ttr'): string {
  return `WITH c AS (${scoped(group)}),
  ranked AS (
    SELECT grp, ${column} AS v,
      ROW_NUMBER() OVER (PARTITION BY grp ORDER BY ${column}) AS rn,
      COUNT(*) OVER (PARTITION BY grp) AS n
    FROM c WHERE ${column} IS NOT NULL
  )
  SELECT grp, n,
    MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN v END) AS p50,
    MAX(CASE WHEN rn = (n * 90 + 99) / 100 THEN v END) AS p90
  FROM ranked WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 90 + 99) / 100
  GROUP BY grp, n ORDER BY grp`;
}

interface CountRow {
  grp: string;
  cases: number;
  fr_met: number;
  fr_breached: number;
  nu_met: number;
  nu_breached: number;
  nu_applicable: number;
  res_met: number;
  res_breached: number;
}
interface PercentileRow {
  grp: string;
  n: number;
  p50: number | null;
  p90: number | null;
}

function figures(met: number, breached: number, total: number): TargetFigures {
  return { met, breached, open: Math.max(0, total - met - breached), share: met + breached > 0 ? met / (met + breached) : null };
}

export async function slaMetrics(s: Services, shopId: string, range: { from: number; to: number }): Promise<SlaMetrics> {
  const d1 = s.d1(shopId);
  const groupings: SlaGrouping[] = ['all', 'priority', 'tier'];
  const statements = groupings.flatMap((g) => [
    d1.prepare(targetCountsSql(g)).bind(shopId, range.from, range.to),
    d1.prepare(percentilesSql(g, 'ttfr')).bind(shopId, range.from, range.to),
    d1.prepare(percentilesSql(g, 'ttr')).bind(shopId, range.from, range.to),
  ]);
  const results = await d1.batch<CountRow | PercentileRow>(statements);
  const out = {} as SlaMetrics;
  groupings.forEach((g, i) => {
    const counts = results[i * 3]!.results as CountRow[];
    const byGroup = (rows: PercentileRow[]) => new Map(rows.map((r) => [String(r.grp), r]));
    const ttfr = byGroup(results[i * 3 + 1]!.results as PercentileRow[]);
    const ttr = byGroup(results[i * 3 + 2]!.results as PercentileRow[]);
    const duration = (r: PercentileRow | undefined): DurationFigures => ({ n: r?.n ?? 0, p50Ms: r?.p50 ?? null, p90Ms: r?.p90 ?? null });
    out[g] = counts.map((r) => ({
      group: String(r.grp),
      cases: r.cases,
      targets: {
        first_response: figures(r.fr_met, r.fr_breached, r.cases),
        next_update: figures(r.nu_met, r.nu_breached, r.nu_applicable),
        resolution: figures(r.res_met, r.res_breached, r.cases),
      },
      timeToFirstResponse: duration(ttfr.get(String(r.grp))),
      timeToResolution: duration(ttr.get(String(r.grp))),
    }));
  });
  return out;
}
