/**
 * What counts as a low survey score (pure): the answer that opens a follow-up complaint and marks
 * the customer as unhappy. CSAT 1-2 of 5, NPS detractors 0-6 of 10, CES 5-7 of 7 (high effort).
 */
export type SurveyKind = 'csat' | 'nps' | 'ces';

const lowScoreBounds = { csat: { max: 2 }, nps: { max: 6 }, ces: { min: 5 } } as const;

export function isLowScore(kind: SurveyKind, score: number): boolean {
  if (kind === 'ces') return score >= lowScoreBounds.ces.min;
  return score <= lowScoreBounds[kind].max;
}

/** The same test in SQL over a surveys row's `kind` and `score` columns. */
export const lowScoreSql = `((kind = 'csat' AND score <= ${lowScoreBounds.csat.max}) OR (kind = 'nps' AND score <= ${lowScoreBounds.nps.max}) OR (kind = 'ces' AND score >= ${lowScoreBounds.ces.min}))`;
