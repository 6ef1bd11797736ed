/**
 * The weekly review's reads. Case figures come from the per-day rollups (case_reason_days,
 * case_sla_days, case_money_days; per member, case_handling_days and case_time_days through
 * src/db/handling-range.ts) plus the live partial days at the week's edges, bound like the
 * dashboard's (`reasonRangeParams`: ?1 shop, ?2 from, ?3 to, ?4 top, ?5–?8 the day pieces); counts
 * the rollups do not hold (orders, cases, refunds, surveys, labels) are range reads on their
 * `(shop_id, time)` indexes (labels through the week's cases). A review week is local, so its edges are rarely UTC midnights.
 */
import { lowScoreSql } from '../surveys/kinds';

export {
  moneyOut,
  rolledMoneyKept,
  rolledReasonsBySku as problemsBySku,
  rolledReasonTotals as reasonTotals,
} from '../db/range-queries';

export const ordersPlaced = `SELECT COUNT(*) AS n FROM orders WHERE shop_id = ?1 AND processed_at >= ?2 AND processed_at < ?3`;

/** Every case opened in the week, whatever became of it: the contacts behind the contact rate. */
export const casesOpened = `SELECT COUNT(*) AS n FROM cases WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3`;

const liveEdges = (select: string, group: string) =>
  [`created_at >= ?2 AND created_at < ?5`, `created_at >= ?6 AND created_at < ?3`]
    .map(
      (span) =>
        `SELECT ${select} FROM cases WHERE shop_id = ?1 AND ${span} AND first_response_due_at IS NOT NULL GROUP BY ${group}`,
    )
    .join('\n  UNION ALL ');

/** Cases with SLA targets and those that breached any, per tier: case_sla_days plus the live edges. */
export const slaByTier = `
SELECT tier, SUM(n) AS cases, SUM(b) AS breached FROM (
  ${liveEdges('tier, COUNT(*) AS n, SUM(breached) AS b', 'tier')}
  UNION ALL SELECT tier, SUM(cases), SUM(breached) FROM case_sla_days WHERE shop_id = ?1 AND day >= ?7 AND day < ?8 GROUP BY tier
) GROUP BY tier HAVING SUM(n) > 0 ORDER BY tier`;

/** Return labels bought for the cases opened in the range (read through their cases), less those the carrier refunded. */
export const labelCosts = `
SELECT COALESCE(p.currency, c.currency) AS currency, SUM(p.cost_minor) AS amount, COUNT(*) AS n
FROM cases c JOIN pickups p ON p.shop_id = c.shop_id AND p.case_id = c.id
WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND p.cost_minor IS NOT NULL
  AND COALESCE(p.label_refund_status, '') <> 'refunded'
GROUP BY 1`;

export const memberNames = `SELECT id, name FROM members WHERE shop_id = ?1`;

export const BREACHED_CASES_SHOWN = 50;
export const breachedCases = `
SELECT id FROM cases WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND breached <> 0
ORDER BY created_at, id LIMIT ${BREACHED_CASES_SHOWN}`;

/** Answers per kind: CSAT satisfied (4–5), NPS promoters (9–10) and detractors (0–6), CES score sum. */
export const surveyCounts = `
SELECT kind, COUNT(*) AS n, SUM(score) AS score_sum,
  SUM(kind = 'csat' AND score >= 4) AS satisfied,
  SUM(kind = 'nps' AND score >= 9) AS promoters,
  SUM(kind = 'nps' AND score <= 6) AS detractors
FROM surveys WHERE shop_id = ?1 AND answered_at >= ?2 AND answered_at < ?3 AND score IS NOT NULL
GROUP BY kind`;

export const LOW_SCORES_SHOWN = 20;
/** The comments behind low scores (commented answers first, then the newest). */
export const lowScores = `
SELECT kind, score, comment, COALESCE(case_id, follow_up_case_id) AS case_id FROM surveys
WHERE shop_id = ?1 AND answered_at >= ?2 AND answered_at < ?3 AND score IS NOT NULL AND ${lowScoreSql}
ORDER BY comment IS NULL, answered_at DESC, id LIMIT ${LOW_SCORES_SHOWN}`;
