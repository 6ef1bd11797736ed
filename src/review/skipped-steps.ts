/**
 * Procedure steps skipped in a review week, for the review's own section.
 *
 * The help center's `skippedStepsForWeek(s, shopId, range)` (src/help/, another branch) is the
 * source of truth; until it lands this is a local stand-in with the same signature, reading the
 * case events of type `ProcedureStepSkipped` (`data.stepId`, `data.label`) on the cases opened in
 * the week, through the `(shop_id, created_at)` and `(shop_id, case_id, at)` indexes. At merge,
 * import the help center's function here instead and map its lines to `SkippedStepLine`.
 */
import type { Services } from '../services';

export const SKIPPED_STEP_EVENT = 'ProcedureStepSkipped';

export interface SkippedStepLine {
  step: string;
  /** What the procedure calls the step; the id when unknown. */
  label: string;
  /** Times it was skipped, and on how many cases. */
  skipped: number;
  cases: number;
}

const skippedSql = `
SELECT json_extract(e.data, '$.stepId') AS step, MAX(json_extract(e.data, '$.label')) AS label,
  COUNT(*) AS skipped, COUNT(DISTINCT e.case_id) AS cases
FROM cases c JOIN case_events e ON e.shop_id = c.shop_id AND e.case_id = c.id
WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND e.type = '${SKIPPED_STEP_EVENT}'
GROUP BY 1 HAVING step IS NOT NULL ORDER BY skipped DESC, step`;

export async function skippedStepsForWeek(
  s: Services,
  shopId: string,
  range: { from: number; to: number },
): Promise<SkippedStepLine[]> {
  const { results } = await s
    .d1(shopId)
    .prepare(skippedSql)
    .bind(shopId, range.from, range.to)
    .all<{ step: string; label: string | null; skipped: number; cases: number }>();
  return results.map((r) => ({ step: r.step, label: r.label ?? r.step, skipped: r.skipped, cases: r.cases }));
}
