import { openComplaint } from '../commands/open-complaint';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';

/**
 * A low survey score opens a complaint case (the loop from feedback back to action) through the
 * Cases area's `openComplaint`, which keeps one case per survey (`survey:<id>`) however often it is
 * asked. The survey then points at its follow-up (set once), and the case's effects run (SLA start).
 */
export async function openFollowUpComplaint(
  s: Services,
  sv: { id: string; shopId: string; orderId: string | null; score: number; comment: string | null },
): Promise<string> {
  const opened = await openComplaint(s, {
    kind: 'survey',
    shopId: sv.shopId,
    surveyId: sv.id,
    orderId: sv.orderId,
    score: sv.score,
    comment: sv.comment,
  });
  await s
    .d1(sv.shopId)
    .prepare(
      'UPDATE surveys SET follow_up_case_id = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND follow_up_case_id IS NULL',
    )
    .bind(opened.caseId, s.clock.now(), sv.shopId, sv.id)
    .run();
  if (opened.created) await runEffects(s, opened.effects);
  return opened.caseId;
}
