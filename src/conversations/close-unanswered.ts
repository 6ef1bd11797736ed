/**
 * The `close-if-unanswered` job: a case still waiting on the customer, who has not written since
 * `since` (our automatic answer), is closed by the system. Idempotent: a case that moved on, was
 * answered, or is already closed is left alone.
 */
import { applyCaseAction } from '../commands/apply-case-action';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';

export async function closeIfUnanswered(s: Services, shopId: string, caseId: string, since: number): Promise<boolean> {
  const row = await s
    .d1(shopId)
    .prepare(
      `SELECT c.status, (SELECT COUNT(*) FROM messages m WHERE m.shop_id = c.shop_id AND m.case_id = c.id
         AND m.direction = 'in' AND m.at > ?3) AS answers
       FROM cases c WHERE c.shop_id = ?1 AND c.id = ?2`,
    )
    .bind(shopId, caseId, since)
    .first<{ status: string; answers: number }>();
  if (!row || row.status !== 'waiting_on_customer' || row.answers > 0) return false;
  const result = await applyCaseAction(s, {
    shopId,
    caseId,
    actor: 'system',
    action: { action: 'close', reason: 'no answer from the customer after the automatic reply' },
  });
  await runEffects(s, result.effects);
  return true;
}
