/**
 * A low survey score marks the customer as angry, the same signal as writing again unanswered:
 * "low" is the follow-up threshold of `isLowScore` (src/cases/survey-scores.ts) (CSAT ≤ 2 of 5, NPS ≤ 6 of 10 — a detractor —,
 * CES ≥ 5 of 7), and it counts for LOW_SCORE_DAYS after the answer.
 * - When the low score comes in, each of the customer's open cases goes up one step, once per case
 *   (`PriorityRaised`, tag `unhappy-customer`), and its SLA clock hears the new priority.
 * - A new message from them in that time opens its case one step higher (the conversations intake
 *   asks `hasRecentLowScore`).
 * The customer is found through the survey's case or order: their customer record, or their email.
 */
import { terminalStatuses } from '../cases/vocabulary';
import { onceEventStatements } from '../db/case-event-rows';
import { toHex } from '../lib/crypto';
import { DAY_MS } from '../lib/durations';
import { sqlInList } from '../lib/sql-list';
import { type Effect, runEffects } from '../queue/effects';
import type { Services } from '../services';
import { isLowScore, lowScoreSql, type SurveyKind } from '../cases/survey-scores';

export const LOW_SCORE_DAYS = 90;
export const UNHAPPY_TAG = 'unhappy-customer';

const LADDER = ['low', 'normal', 'high', 'urgent'] as const;
type Priority = (typeof LADDER)[number];
const oneUp = (p: Priority): Priority => LADDER[Math.min(LADDER.indexOf(p) + 1, LADDER.length - 1)]!;

export interface CustomerRef {
  customerId: string | null;
  email: string | null;
}

/** True when this customer answered a survey with a low score in the last LOW_SCORE_DAYS. */
export async function hasRecentLowScore(s: Services, shopId: string, who: CustomerRef): Promise<boolean> {
  if (!who.customerId && !who.email) return false;
  const row = await s
    .d1(shopId)
    .prepare(
      `SELECT 1 AS found FROM surveys WHERE shop_id = ?1 AND answered_at >= ?4 AND score IS NOT NULL AND ${lowScoreSql}
         AND (case_id IN (SELECT id FROM cases WHERE shop_id = ?1 AND customer_id = ?2)
           OR order_id IN (SELECT id FROM orders WHERE shop_id = ?1 AND (customer_id = ?2 OR lower(email) = ?3))
           OR lower(recipient) = ?3)
       LIMIT 1`,
    )
    .bind(shopId, who.customerId, who.email?.trim().toLowerCase() ?? null, s.clock.now() - LOW_SCORE_DAYS * DAY_MS)
    .first();
  return row !== null;
}

interface OpenCase {
  id: string;
  priority: Priority;
}

/** The customer's open cases other than `except` (the follow-up complaint the score just opened). */
async function openCasesOf(s: Services, shopId: string, surveyId: string, except: string | null): Promise<OpenCase[]> {
  const rows = await s
    .d1(shopId)
    .prepare(
      `WITH sv AS (SELECT case_id, order_id, lower(recipient) AS email FROM surveys WHERE shop_id = ?1 AND id = ?2),
       who AS (
         SELECT customer_id AS id FROM cases WHERE shop_id = ?1 AND id = (SELECT case_id FROM sv) AND customer_id IS NOT NULL
         UNION SELECT customer_id FROM orders WHERE shop_id = ?1 AND id = (SELECT order_id FROM sv) AND customer_id IS NOT NULL
         UNION SELECT id FROM customers WHERE shop_id = ?1 AND lower(email) = (SELECT email FROM sv))
       SELECT k.id, k.priority FROM cases k WHERE k.shop_id = ?1 AND k.status NOT IN ${sqlInList(terminalStatuses)}
         AND k.id <> COALESCE(?3, '')
         AND (k.customer_id IN (SELECT id FROM who)
           OR k.order_id IN (SELECT id FROM orders WHERE shop_id = ?1 AND customer_id IN (SELECT id FROM who)))
       LIMIT 50`,
    )
    .bind(shopId, surveyId, except)
    .all<OpenCase>();
  return rows.results;
}

async function raiseEventId(caseId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`unhappy:${caseId}`)));
  return `cev_${toHex(digest).slice(0, 26).toUpperCase()}`;
}

/**
 * After a survey answer: a low score raises each of the customer's open cases one step, once per
 * case (a fixed event id), in one batch with the events; then each case's clock hears it.
 */
export async function raiseOpenCasesAfterLowScore(
  s: Services,
  survey: { id: string; shopId: string; kind: SurveyKind; score: number; followUpCaseId: string | null },
): Promise<string[]> {
  if (!isLowScore(survey.kind, survey.score)) return [];
  const cases = await openCasesOf(s, survey.shopId, survey.id, survey.followUpCaseId);
  if (cases.length === 0) return [];
  const now = s.clock.now();
  const open = {
    sql: `SELECT 1 FROM cases WHERE shop_id = ? AND id = ? AND status NOT IN ${sqlInList(terminalStatuses)}`,
  };
  const statements = (
    await Promise.all(
      cases.map(async (c) =>
        onceEventStatements(s, {
          shopId: survey.shopId,
          caseId: c.id,
          id: await raiseEventId(c.id),
          type: 'PriorityRaised',
          reason: `low ${survey.kind} score (${survey.score})`,
          data: {
            from: c.priority,
            to: oneUp(c.priority),
            surveyId: survey.id,
            kind: survey.kind,
            score: survey.score,
          },
          at: now,
          onlyIf: { sql: open.sql, params: [survey.shopId, c.id] },
          alsoSet: {
            sql: `priority = ?, tags = CASE WHEN EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?) THEN tags ELSE json_insert(tags, '$[#]', ?) END, updated_at = ?`,
            params: [oneUp(c.priority), UNHAPPY_TAG, UNHAPPY_TAG, now],
          },
        }),
      ),
    )
  ).flat();
  const results = await s.d1(survey.shopId).batch(statements);
  // Each case's pair is [bump, event]: the bump changed a row only where the raise was new.
  const raised = cases.filter((_, i) => (results[i * 2]?.meta.changes ?? 0) === 1);
  const effects: Effect[] = raised.map((c) => ({
    kind: 'sla',
    shopId: survey.shopId,
    caseId: c.id,
    signal: 'priority',
    priority: oneUp(c.priority),
    at: now,
  }));
  await runEffects(s, effects);
  return raised.map((c) => c.id);
}
