import { runEffects } from '../commands/effects';
import type { Services } from '../services';

/**
 * A low survey score opens a complaint case (the loop from feedback back to action), once per
 * survey: every statement of the batch is guarded by "this survey has no follow-up yet" / "the case
 * we are creating exists", so a second click or a concurrent request creates nothing.
 *
 * Cases owns `open-complaint.ts` (disputes and low scores); until it exposes a survey entry point
 * this is the smallest honest version: a `complaint` case from source `survey`, priority high, with
 * its `ComplaintOpened` audit event, the shop's next case number, and the SLA clock started.
 */
export async function openFollowUpComplaint(
  s: Services,
  sv: { id: string; shopId: string; orderId: string | null; caseId: string | null; kind: string; score: number; comment: string | null; locale: string },
): Promise<string | null> {
  const d1 = s.d1(sv.shopId);
  const now = s.clock.now();
  const caseId = s.newId('case');
  const created = 'EXISTS (SELECT 1 FROM cases WHERE shop_id = ?1 AND id = ?2)';
  const results = await d1.batch([
    d1
      .prepare(
        `INSERT INTO cases (id, shop_id, number, order_id, customer_id, type, status, priority, tier, source, tags, locale, currency, version, created_at, updated_at)
         SELECT ?2, ?1, sp.next_case_number, ?3, (SELECT customer_id FROM orders WHERE shop_id = ?1 AND id = ?3), 'complaint', 'requested', 'high', 1, 'survey',
           '["low-score"]', ?5, COALESCE((SELECT currency FROM orders WHERE shop_id = ?1 AND id = ?3), sp.currency), 1, ?6, ?6
         FROM shops sp WHERE sp.id = ?1 AND EXISTS (SELECT 1 FROM surveys WHERE shop_id = ?1 AND id = ?4 AND follow_up_case_id IS NULL)`,
      )
      .bind(sv.shopId, caseId, sv.orderId, sv.id, sv.locale, now),
    d1.prepare(`UPDATE shops SET next_case_number = next_case_number + 1, updated_at = ?3 WHERE id = ?1 AND ${created}`).bind(sv.shopId, caseId, now),
    d1
      .prepare(
        `INSERT INTO case_events (id, shop_id, case_id, type, actor, to_status, reason, data, at)
         SELECT ?3, ?1, ?2, 'ComplaintOpened', 'system', 'requested', ?4, ?5, ?6 WHERE ${created}`,
      )
      .bind(sv.shopId, caseId, s.newId('cev'), `Low ${sv.kind.toUpperCase()} score (${sv.score}) on a survey`, JSON.stringify({ surveyId: sv.id, kind: sv.kind, score: sv.score, comment: sv.comment, aboutCase: sv.caseId }), now),
    d1.prepare(`UPDATE surveys SET follow_up_case_id = ?2, updated_at = ?3 WHERE shop_id = ?1 AND id = ?4 AND follow_up_case_id IS NULL AND ${created}`).bind(sv.shopId, caseId, now, sv.id),
  ]);
  if (!results[0]?.meta.changes) return null;
  await runEffects(s, [{ kind: 'sla', shopId: sv.shopId, caseId, signal: 'start', priority: 'high', at: now }]);
  return caseId;
}
