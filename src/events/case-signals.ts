import type { Priority } from '../cases/policy-schema';
import { runEffects } from '../queue/effects';
import { caseChangeStatements, commitBatch, loadCase } from '../db/case-store';
import type { Services } from '../services';

const raised: Record<Priority, Priority> = { low: 'high', normal: 'high', high: 'urgent', urgent: 'urgent' };

/**
 * A refund the payment provider refused: the case is tagged `refund_failed` and its priority raised
 * (at least high), with a `CaseTagged` audit row naming the refund, in one versioned batch, and the
 * SLA clock told. (The refund's own RefundFailed transition is `recordRefundOutcome`'s.)
 * Once per refund: a redelivered or replayed event finds its audit row and does nothing.
 */
export async function flagRefundFailed(
  s: Services,
  shopId: string,
  caseId: string,
  refundRef: string,
  reason: string | null,
): Promise<void> {
  const loaded = await loadCase(s, shopId, caseId);
  if (!loaded) return;
  const seen = await s
    .d1(shopId)
    .prepare(
      `SELECT 1 FROM case_events WHERE shop_id = ?1 AND case_id = ?2 AND type = 'CaseTagged' AND json_extract(data, '$.refundFailed') = ?3`,
    )
    .bind(shopId, caseId, refundRef)
    .first();
  if (seen) return;
  const { row } = loaded;
  const priority = raised[row.priority];
  const at = s.clock.now();
  await commitBatch(
    s,
    shopId,
    caseChangeStatements(s, {
      shopId,
      caseId,
      expectedVersion: row.version,
      set: { priority, tags: [...new Set([...row.tags, 'refund_failed'])], updatedAt: at },
      events: [
        {
          type: 'CaseTagged',
          from: row.status,
          to: row.status,
          actor: 'stripe',
          reason,
          at,
          data: { tags: ['refund_failed'], refundFailed: refundRef, priority },
        },
      ],
    }),
  );
  if (priority !== row.priority)
    await runEffects(s, [{ kind: 'sla', shopId, caseId, signal: 'priority', priority, at }]);
}
